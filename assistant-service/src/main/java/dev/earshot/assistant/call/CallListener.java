package dev.earshot.assistant.call;

import dev.earshot.events.Call;
import dev.earshot.events.Topics;
import dev.earshot.kit.kafka.PoisonRecord;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Each call on {@code gong.calls.v1} goes into the read model (group {@code assistant-calls}); the
 * offset is committed after. A PostgreSQL outage is retried for as long as it lasts (service-kit's
 * transient list); a record that is not a {@code Call} is dead-lettered at once.
 */
@Component
class CallListener {

  private final RecordingCalls recording;

  CallListener(RecordingCalls recording) {
    this.recording = recording;
  }

  @KafkaListener(id = "assistant-calls", topics = Topics.CALLS, groupId = "assistant-calls")
  void on(ConsumerRecord<String, SpecificRecord> record) {
    if (!(record.value() instanceof Call call)) {
      throw new PoisonRecord("gong.calls.v1 offset " + record.offset() + " holds no Call");
    }
    recording.record(call);
  }
}
