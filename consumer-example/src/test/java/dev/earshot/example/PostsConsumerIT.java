package dev.earshot.example;

import static org.assertj.core.api.Assertions.assertThat;

import dev.earshot.events.SampleEvents;
import dev.earshot.events.serde.AvroEventSerializer;
import dev.earshot.events.serde.RegistryEventSerializer;
import dev.earshot.events.serde.RegistryWireFormat;
import dev.earshot.testing.InProcessSchemaRegistry;
import dev.earshot.testing.KafkaTestBroker;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/** The example consumer run against the in-JVM KRaft broker, once per wire format. */
class PostsConsumerIT {

  private EmbeddedKafkaKraftBroker broker;

  @BeforeEach
  void startBroker() {
    broker = KafkaTestBroker.start(1, PostsConsumer.POSTS);
  }

  @AfterEach
  void stopBroker() {
    broker.destroy();
  }

  @Test
  void readsSingleObjectRecords() {
    // given
    publish(new AvroEventSerializer(), Map.of());

    // when
    String printed = consume(Map.of("format", "single-object"));

    // then
    assertThat(printed).isEqualTo("post-1 CREATED Support SSO with Okta\n");
  }

  @Test
  void readsRegistryRecordsWithApicuriosDeserializerAlone() {
    try (var registry = InProcessSchemaRegistry.start()) {
      // given
      publish(new RegistryEventSerializer(), RegistryWireFormat.settings(registry.url()));

      // when
      String printed = consume(Map.of("format", "registry", "registry-url", registry.url()));

      // then
      assertThat(printed).isEqualTo("post-1 CREATED Support SSO with Okta\n");
      assertThat(registry.versions(PostsConsumer.POSTS + "-value")).hasSize(1);
    }
  }

  @Test
  void stopsAtMaxEvenWhenOnePollBringsMoreRecords() {
    // given: three records, all fetched by the first poll
    publish(new AvroEventSerializer(), Map.of(), 3);

    // when
    String printed = consume(Map.of("format", "single-object"), 2);

    // then
    assertThat(printed.lines()).hasSize(2);
  }

  private void publish(Serializer<SpecificRecord> values, Map<String, Object> settings) {
    publish(values, settings, 1);
  }

  private void publish(Serializer<SpecificRecord> values, Map<String, Object> settings, int n) {
    Map<String, Object> props = new HashMap<>(settings);
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString());
    values.configure(props, false);
    try (var producer = new KafkaProducer<>(props, new StringSerializer(), values)) {
      for (int i = 0; i < n; i++) {
        producer
            .send(new ProducerRecord<>(PostsConsumer.POSTS, "post-1", SampleEvents.postEvent()))
            .get();
      }
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private String consume(Map<String, String> options) {
    return consume(options, 1);
  }

  private String consume(Map<String, String> options, int max) {
    Map<String, String> all = new HashMap<>(options);
    all.put("bootstrap-servers", broker.getBrokersAsString());
    all.put("max", String.valueOf(max));
    var out = new ByteArrayOutputStream();
    PostsConsumer.run(all, new PrintStream(out, true, StandardCharsets.UTF_8));
    return out.toString(StandardCharsets.UTF_8);
  }
}
