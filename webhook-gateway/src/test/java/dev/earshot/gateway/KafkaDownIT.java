package dev.earshot.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.earshot.cli.FreePorts;
import dev.earshot.events.Connection;
import dev.earshot.events.Topics;
import dev.earshot.gateway.connection.ConnectionTable;
import dev.earshot.gong.webhook.WebhookKeys;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** When Kafka cannot take an event the gateway answers 503 with Retry-After, never a 2xx. */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT,
    properties = {
      "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
      "spring.kafka.producer.properties.max.block.ms=1500",
      "spring.kafka.producer.properties.request.timeout.ms=1000",
      "spring.kafka.producer.properties.delivery.timeout.ms=2000",
      "earshot.gateway.publish-timeout=3s"
    })
@EmbeddedKafka(
    partitions = 1,
    topics = {Topics.CONNECTIONS, Topics.CALL_EVENTS})
class KafkaDownIT {

  static final int port = FreePorts.pick();
  static final int managementPort = FreePorts.pick();
  static final String KEY = WebhookKeys.newKey();

  @Autowired KafkaTemplate<String, SpecificRecord> kafka;
  @Autowired EmbeddedKafkaBroker broker;
  @Autowired ConnectionTable table;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    registry.add("server.port", () -> port);
    registry.add("management.server.port", () -> managementPort);
  }

  @Test
  void kafkaDownIsA503WithRetryAfterSoGongRetries() throws Exception {
    // given a known connection
    String connection = UUID.randomUUID().toString();
    kafka
        .send(
            Topics.CONNECTIONS,
            connection,
            Connection.newBuilder()
                .setConnectionId(connection)
                .setOrgId("org-down")
                .setStatus(dev.earshot.events.ConnectionStatus.CONNECTED)
                .setAuthKind(dev.earshot.events.AuthKind.API_KEY)
                .setWebhookKeyHash(WebhookKeys.hash(KEY))
                .setUpdatedAt(Instant.now())
                .build())
        .get();
    await().atMost(Duration.ofSeconds(10)).until(() -> table.find(connection).isPresent());

    // when the broker goes away and Gong delivers
    broker.destroy();
    HttpResponse<String> response =
        GatewayTestSupport.post(
            "http://localhost:" + port + "/webhooks/gong/" + connection + "?key=" + KEY,
            "{\"callData\":{\"metaData\":{\"id\":\"77\"}},\"isTest\":false}");

    // then the answer tells Gong to retry
    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(response.headers().firstValue("Retry-After")).contains("5");
    assertThat(response.body()).contains("retry").doesNotContain("Exception");
  }
}
