package dev.earshot.extraction.volume;

import dev.earshot.events.Call;
import dev.earshot.events.Topics;
import dev.earshot.kit.kafka.PoisonRecord;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * The Kafka edge of call volume: its own consumer group on gong.calls.v1 ({@value #GROUP}), so it
 * never holds the feedback or conversation paths back. A call is counted before its offset is
 * committed; one counted already is not counted again, so a redelivery changes nothing.
 */
@Component
class VolumeCallListener {

  static final String GROUP = "extraction-volume";

  private final CountingCalls counting;

  VolumeCallListener(CountingCalls counting) {
    this.counting = counting;
  }

  @KafkaListener(id = GROUP, topics = Topics.CALLS, groupId = GROUP, concurrency = "1")
  void on(ConsumerRecord<String, SpecificRecord> record) {
    if (!(record.value() instanceof Call call)) {
      throw new PoisonRecord("gong.calls.v1 offset " + record.offset() + " holds no Call");
    }
    counting.count(call);
  }
}
