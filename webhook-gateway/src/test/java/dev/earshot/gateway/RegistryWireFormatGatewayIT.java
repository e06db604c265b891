package dev.earshot.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.earshot.cli.FreePorts;
import dev.earshot.events.CallEvent;
import dev.earshot.events.Topics;
import dev.earshot.events.serde.AvroEventDeserializer;
import dev.earshot.events.serde.RegistryEventSerializer;
import dev.earshot.events.serde.RegistryWireFormat;
import dev.earshot.gateway.connection.ConnectionTable;
import dev.earshot.gong.webhook.WebhookKeys;
import dev.earshot.testing.InProcessSchemaRegistry;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.AbstractMap.SimpleEntry;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The gateway with {@code earshot.kafka.wire-format=registry}: its connection feed reads a
 * registry-format connection, and the call event a webhook publishes is in the Confluent-compatible
 * format with the id the registry assigned to {@code gong.call-events.v1-value}.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT,
    properties = {
      "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
      "earshot.kafka.wire-format=registry"
    })
@EmbeddedKafka(
    partitions = 1,
    topics = {Topics.CONNECTIONS, Topics.CALL_EVENTS})
class RegistryWireFormatGatewayIT {

  static final int port = FreePorts.pick();
  static final int managementPort = FreePorts.pick();
  static final InProcessSchemaRegistry registry = InProcessSchemaRegistry.start();

  @Autowired EmbeddedKafkaBroker broker;
  @Autowired ConnectionTable table;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry properties) {
    properties.add("server.port", () -> port);
    properties.add("management.server.port", () -> managementPort);
    properties.add("earshot.kafka.registry-url", registry::url);
  }

  @AfterAll
  static void stopRegistry() {
    registry.close();
  }

  @Test
  void aRegistryFormatConnectionAppliesAndTheWebhooksCallEventIsInTheRegistryFormat()
      throws Exception {
    // given a connection published in the registry format
    String connectionId = UUID.randomUUID().toString();
    String key = WebhookKeys.newKey();
    byte[] connection;
    try (var serializer = new RegistryEventSerializer()) {
      serializer.configure(RegistryWireFormat.settings(registry.url()), false);
      connection =
          serializer.serialize(
              Topics.CONNECTIONS,
              GatewayTestSupport.connection(connectionId, WebhookKeys.hash(key), null));
    }
    GatewayTestSupport.sendRaw(
        broker.getBrokersAsString(),
        Topics.CONNECTIONS,
        List.of(new SimpleEntry<>(connectionId, connection)));
    await().atMost(Duration.ofSeconds(20)).until(() -> table.find(connectionId).isPresent());

    // when
    int status =
        GatewayTestSupport.post(
                "http://localhost:" + port + "/webhooks/gong/" + connectionId + "?key=" + key,
                "{\"callData\":{\"metaData\":{\"id\":\"1\"}},\"isTest\":false}")
            .statusCode();

    // then
    assertThat(status).isEqualTo(202);
    byte[] value = firstValue(Topics.CALL_EVENTS, connectionId);
    assertThat(value[0]).isEqualTo(RegistryWireFormat.MAGIC_BYTE);
    assertThat((long) ByteBuffer.wrap(value, 1, 4).getInt())
        .isEqualTo(registry.versions(Topics.CALL_EVENTS + "-value").getFirst().contentId());
    try (var reader = new AvroEventDeserializer()) {
      reader.configure(RegistryWireFormat.settings(registry.url()), false);
      CallEvent event = (CallEvent) reader.deserialize(Topics.CALL_EVENTS, value);
      assertThat(event.getConnectionId()).isEqualTo(connectionId);
      assertThat(event.getCallId()).isEqualTo("1");
    }
  }

  private byte[] firstValue(String topic, String key) {
    Map<String, Object> props =
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            broker.getBrokersAsString(),
            ConsumerConfig.GROUP_ID_CONFIG,
            "raw-" + UUID.randomUUID(),
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
            "earliest");
    try (var consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (System.nanoTime() < deadline) {
        for (var record : consumer.poll(Duration.ofMillis(200))) {
          if (key.equals(record.key())) {
            return record.value();
          }
        }
      }
    }
    throw new AssertionError("no record keyed " + key + " on " + topic);
  }
}
