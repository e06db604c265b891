package dev.earshot.extraction.conversation;

import dev.earshot.events.Call;
import dev.earshot.events.Topics;
import dev.earshot.kit.kafka.DeadLetterReplay;
import dev.earshot.kit.kafka.PoisonRecord;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * The Kafka edge of conversation records: its own consumer group on gong.calls.v1 ({@value
 * #GROUP}), so a failure here never holds the feedback path (group {@code extraction}) back, and
 * the other way round. A call's record goes to crm.conversations.v1 keyed by call id in the Kafka
 * transaction that commits the call's offset. A record carrying {@code earshot-dlt-replayed-from}
 * came back from gong.calls.v1.dlt and is handled as one seen again.
 */
@Component
class ConversationCallListener {

  static final String GROUP = "extraction-conversations";

  private final RecordingConversations recording;
  private final KafkaTemplate<String, SpecificRecord> kafka;

  ConversationCallListener(
      RecordingConversations recording, KafkaTemplate<String, SpecificRecord> kafka) {
    this.recording = recording;
    this.kafka = kafka;
  }

  @KafkaListener(
      id = GROUP,
      topics = Topics.CALLS,
      groupId = GROUP,
      concurrency = "#{" + ConversationProperties.BEAN + ".concurrency()}")
  void on(ConsumerRecord<String, SpecificRecord> record) {
    if (!(record.value() instanceof Call call)) {
      throw new PoisonRecord("gong.calls.v1 offset " + record.offset() + " holds no Call");
    }
    boolean replayed = record.headers().lastHeader(DeadLetterReplay.REPLAYED_FROM_HEADER) != null;
    recording
        .record(
            call, new RecordingConversations.Source(record.partition(), record.offset(), replayed))
        .ifPresent(c -> kafka.send(Topics.CONVERSATIONS, c.getCallId(), c));
  }
}
