package dev.earshot.kit.kafka;

import static dev.earshot.kit.kafka.RegistryWireFormatChecks.assertRegistryHeader;
import static dev.earshot.kit.kafka.RegistryWireFormatChecks.rawValues;
import static dev.earshot.kit.kafka.TopicContents.event;
import static org.assertj.core.api.Assertions.assertThat;

import dev.earshot.events.AuthKind;
import dev.earshot.events.CallEvent;
import dev.earshot.events.Connection;
import dev.earshot.events.ConnectionStatus;
import dev.earshot.events.serde.AvroEventSerializer;
import dev.earshot.kit.KitTestApplication;
import dev.earshot.testing.InProcessSchemaRegistry;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@code earshot.kafka.wire-format=registry} end to end: the kit's template writes the
 * Confluent-compatible format against an in-process registry speaking Apicurio's API, through the
 * in-JVM KRaft broker, and the kit's listener reads it back (and a single-object record on the same
 * topic too).
 */
@SpringBootTest(
    classes = {KitTestApplication.class, RegistryWireFormatIT.Listener.class},
    properties = {
      "spring.application.name=kit-registry-test",
      "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
      "spring.kafka.consumer.group-id=kit-registry-test",
      "earshot.kafka.wire-format=registry",
      "earshot.kafka.retry.max-retries=0"
    })
@EmbeddedKafka(
    partitions = 1,
    topics = {
      RegistryWireFormatIT.TOPIC,
      RegistryWireFormatIT.EVOLVING,
      RegistryWireFormatIT.POISON,
      RegistryWireFormatIT.POISON + ".dlt"
    })
class RegistryWireFormatIT {

  static final String TOPIC = "kit.registry.v1";
  static final String EVOLVING = "kit.evolving.v1";
  static final String POISON = "kit.registry-poison.v1";
  static final InProcessSchemaRegistry registry = InProcessSchemaRegistry.start();

  @DynamicPropertySource
  static void registryUrl(DynamicPropertyRegistry properties) {
    properties.add("earshot.kafka.registry-url", registry::url);
  }

  @AfterAll
  static void stopRegistry() {
    registry.close();
  }

  @Autowired KafkaTemplate<String, SpecificRecord> template;
  @Autowired EmbeddedKafkaBroker broker;
  @Autowired Listener listener;

  @Test
  void theTemplateWritesMagicByteAndTheIdTheRegistryAssignedAndTheListenerReadsIt()
      throws Exception {
    // when
    template.send(TOPIC, "c-registry", event("registry")).get();

    // then
    List<InProcessSchemaRegistry.Version> versions = registry.versions(TOPIC + "-value");
    assertThat(versions).hasSize(1);
    assertThat(
            new Schema.Parser()
                .parse(registry.content(versions.getFirst().contentId()).orElseThrow()))
        .isEqualTo(CallEvent.getClassSchema());
    byte[] value = rawValues(broker.getBrokersAsString(), TOPIC, "c-registry", 1).getFirst();
    assertRegistryHeader(value, versions.getFirst().contentId());
    assertThat(receivedCall("registry")).isEqualTo(event("registry"));
  }

  @Test
  void theListenerStillReadsSingleObjectRecords() throws Exception {
    // given a producer that has not moved to the registry yet
    Map<String, Object> props =
        Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString());
    try (var producer =
        new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
      byte[] singleObject = new AvroEventSerializer().serialize(TOPIC, event("single"));
      producer.send(new ProducerRecord<>(TOPIC, "c-1", singleObject)).get();
    }

    // then
    assertThat(receivedCall("single")).isEqualTo(event("single"));
  }

  /** The listener's first event for a call id, skipping others (null after 30 s). */
  private CallEvent receivedCall(String callId) throws InterruptedException {
    CallEvent received;
    do {
      received = (CallEvent) listener.received.poll(30, TimeUnit.SECONDS);
    } while (received != null && !received.getCallId().equals(callId));
    return received;
  }

  @Test
  void anIncompatibleSchemaChangeIsRefused() {
    RegistryWireFormatChecks.assertIncompatibleChangeRefused(registry.url(), EVOLVING);
    assertThat(registry.versions(EVOLVING + "-value")).hasSize(2);
  }

  /**
   * Another event type than the other tests' (Apicurio's serializer caches a schema's id by its
   * content, so a second topic of the same type reuses the first topic's id without registering
   * under its own subject; in Earshot only a topic and its dead letters share a type).
   */
  @Test
  void aDeadLetterKeepsTheRegistryFormat() throws Exception {
    // given
    Connection connection =
        Connection.newBuilder()
            .setConnectionId("c-poison")
            .setOrgId("org-1")
            .setStatus(ConnectionStatus.CONNECTED)
            .setAuthKind(AuthKind.API_KEY)
            .setUpdatedAt(Instant.parse("2026-11-02T10:00:00Z"))
            .build();

    // when
    template.send(POISON, "c-poison", connection).get();

    // then
    byte[] dead = rawValues(broker.getBrokersAsString(), POISON + ".dlt", "c-poison", 1).getFirst();
    assertRegistryHeader(dead, registry.versions(POISON + "-value").getFirst().contentId());
  }

  @TestConfiguration
  static class Listener {
    final BlockingQueue<SpecificRecord> received = new LinkedBlockingQueue<>();

    @KafkaListener(topics = TOPIC)
    void on(SpecificRecord event) {
      received.add(event);
    }

    @KafkaListener(topics = POISON)
    void failing(SpecificRecord event) {
      throw new IllegalStateException("a bug");
    }
  }
}
