package dev.earshot.ingest.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.earshot.events.Call;
import dev.earshot.gong.api.CallTranscript;
import dev.earshot.gong.api.ExtensiveCall;
import dev.earshot.gong.calls.CallAssembly;
import dev.earshot.gong.client.GongJson;
import dev.earshot.ingest.IngestProperties;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Future;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;

/**
 * What Kafka does with each call of a batch decides its fate alone: a record the producer refuses
 * at once (too large for {@code max.request.size}, say) is that call's failure, and its batch-mates
 * are acknowledged.
 */
class CallPublisherTest {

  @Test
  void aRecordTheProducerRefusesAtOnceFailsAloneAndItsBatchMatesAreAcknowledged() {
    // given a producer that refuses call 2 as too large
    MockProducer<String, SpecificRecord> producer = refusing("2");
    ProducerFactory<String, SpecificRecord> factory = () -> producer;
    CallPublisher publisher = new CallPublisher(new KafkaTemplate<>(factory), properties());

    // when a batch of three is sent
    CallPublisher.Sent sent = publisher.send(List.of(call("1"), call("2"), call("3")));

    // then the two others were acknowledged and call 2 is refused for its own sake
    assertThat(sent.acknowledged()).containsExactlyInAnyOrder("1", "3");
    assertThat(sent.refused()).containsOnlyKeys("2");
    assertThat(sent.refused().get("2").kind()).isEqualTo("too_large");
    assertThat(sent.unanswered()).isEmpty();
    assertThat(producer.history()).extracting(ProducerRecord::key).containsExactly("1", "3");
  }

  private static MockProducer<String, SpecificRecord> refusing(String callId) {
    return new MockProducer<>(true, null, new StringSerializer(), (topic, record) -> new byte[1]) {
      @Override
      public synchronized Future<RecordMetadata> send(
          ProducerRecord<String, SpecificRecord> record, Callback callback) {
        if (callId.equals(record.key())) {
          throw new RecordTooLargeException("The message is 4500407 bytes when serialized");
        }
        return super.send(record, callback);
      }

      @Override
      public void close(java.time.Duration timeout) {
        // shared like a DefaultKafkaProducerFactory's producer: the template's close is a no-op
      }
    };
  }

  private static Call call(String id) {
    ExtensiveCall extensive =
        GongJson.mapper()
            .readValue(
                "{\"metaData\":{\"id\":\"" + id + "\",\"isPrivate\":false}}", ExtensiveCall.class);
    return CallAssembly.assemble(
        "c-1",
        "org-1",
        extensive,
        new CallTranscript(id, List.of()),
        Instant.parse("2026-11-30T12:00:00Z"));
  }

  private static IngestProperties properties() {
    return new Binder(new MapConfigurationPropertySource(java.util.Map.of()))
        .bindOrCreate("earshot.ingest", IngestProperties.class);
  }
}
