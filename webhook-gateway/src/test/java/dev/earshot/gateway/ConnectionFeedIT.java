package dev.earshot.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.earshot.cli.FreePorts;
import dev.earshot.events.Topics;
import dev.earshot.gateway.connection.ConnectionTable;
import dev.earshot.gong.webhook.WebhookKeys;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.AbstractMap.SimpleEntry;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The connection feed on a real broker survives what would have frozen it: records it cannot read
 * (stray bytes, a newer producer's schema) are set aside and every later record still applies.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT,
    properties = {"spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}"})
@EmbeddedKafka(
    partitions = 1,
    topics = {Topics.CONNECTIONS, Topics.CALL_EVENTS})
class ConnectionFeedIT {

  static final int port = FreePorts.pick();
  static final int managementPort = FreePorts.pick();
  static final String KEY = WebhookKeys.newKey();
  static final byte[] GARBAGE = "{\"not\":\"avro\"}".getBytes(StandardCharsets.UTF_8);

  /** Avro single-object header with a fingerprint no released schema has (a newer producer). */
  static final byte[] NEWER_WRITER = {
    (byte) 0xC3, 0x01, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, (byte) 0x88, 2, 4, 6
  };

  @Autowired EmbeddedKafkaBroker broker;
  @Autowired ConnectionTable table;
  @Autowired MeterRegistry meters;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    registry.add("server.port", () -> port);
    registry.add("management.server.port", () -> managementPort);
  }

  private static Map.Entry<String, byte[]> connected(String id, String key) {
    return new SimpleEntry<>(
        id,
        GatewayTestSupport.avro(GatewayTestSupport.connection(id, WebhookKeys.hash(key), null)));
  }

  private double unreadable() {
    return GatewayTestSupport.count(
        meters, "earshot.gateway.connections.unreadable", "reason", "undecodable");
  }

  private int webhook(String connectionId, String key) throws Exception {
    return GatewayTestSupport.post(
            "http://localhost:" + port + "/webhooks/gong/" + connectionId + "?key=" + key,
            "{\"callData\":{\"metaData\":{\"id\":\"1\"}},\"isTest\":false}")
        .statusCode();
  }

  private String readiness() throws Exception {
    return GatewayTestSupport.get(
            "http://localhost:" + managementPort + "/actuator/health/readiness")
        .body();
  }

  @Test
  void aGarbageRecordBetweenTwoValidOnesIsSetAsideAndBothValidOnesApply() throws Exception {
    String first = UUID.randomUUID().toString();
    String second = UUID.randomUUID().toString();
    double before = unreadable();

    GatewayTestSupport.sendRaw(
        broker.getBrokersAsString(),
        Topics.CONNECTIONS,
        List.of(
            connected(first, KEY), new SimpleEntry<>("garbage", GARBAGE), connected(second, KEY)));

    await().atMost(Duration.ofSeconds(15)).until(() -> table.find(second).isPresent());
    assertThat(table.find(first)).isPresent();
    assertThat(unreadable() - before).isEqualTo(1);
    await().atMost(Duration.ofSeconds(10)).until(() -> readiness().contains("\"status\":\"UP\""));
    assertThat(webhook(second, KEY)).isEqualTo(202);
  }

  @Test
  void aRecordOfANewerWritersSchemaIsSetAsideAndTheFeedGoesOn() throws Exception {
    String after = UUID.randomUUID().toString();
    double before = unreadable();

    GatewayTestSupport.sendRaw(
        broker.getBrokersAsString(),
        Topics.CONNECTIONS,
        List.of(new SimpleEntry<>("from-the-future", NEWER_WRITER), connected(after, KEY)));

    await().atMost(Duration.ofSeconds(15)).until(() -> table.find(after).isPresent());
    assertThat(unreadable() - before).isEqualTo(1);
  }

  @Test
  void aRotatedKeyAndADisconnectionStillApplyAfterABadRecord() throws Exception {
    String rotated = UUID.randomUUID().toString();
    String disconnected = UUID.randomUUID().toString();
    String newKey = WebhookKeys.newKey();
    GatewayTestSupport.sendRaw(
        broker.getBrokersAsString(),
        Topics.CONNECTIONS,
        List.of(connected(rotated, KEY), connected(disconnected, KEY)));
    await().atMost(Duration.ofSeconds(15)).until(() -> table.find(disconnected).isPresent());

    GatewayTestSupport.sendRaw(
        broker.getBrokersAsString(),
        Topics.CONNECTIONS,
        List.of(
            new SimpleEntry<>(rotated, GARBAGE),
            connected(rotated, newKey),
            new SimpleEntry<>(disconnected, null)));

    await().atMost(Duration.ofSeconds(15)).until(() -> table.find(disconnected).isEmpty());
    assertThat(webhook(rotated, KEY)).isEqualTo(401);
    assertThat(webhook(rotated, newKey)).isEqualTo(202);
    assertThat(webhook(disconnected, KEY)).isEqualTo(404);
  }
}
