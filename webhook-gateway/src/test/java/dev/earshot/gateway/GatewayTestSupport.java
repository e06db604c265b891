package dev.earshot.gateway;

import dev.earshot.events.AuthKind;
import dev.earshot.events.CallEvent;
import dev.earshot.events.Connection;
import dev.earshot.events.ConnectionStatus;
import dev.earshot.events.Topics;
import dev.earshot.events.serde.AvroEventSerializer;
import dev.earshot.gong.simulator.GongSimulator;
import dev.earshot.gong.simulator.SimulatorConfig;
import dev.earshot.testing.TopicRecords;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.kafka.test.EmbeddedKafkaBroker;

/** Helpers of the gateway's integration tests. */
final class GatewayTestSupport {

  private static final HttpClient http = HttpClient.newHttpClient();

  private GatewayTestSupport() {}

  static GongSimulator simulator() {
    try {
      return GongSimulator.start(SimulatorConfig.defaults().withCorpus(10, 3));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static HttpResponse<String> post(String url, String body) throws Exception {
    return post(url, body, "application/json", null);
  }

  static HttpResponse<String> post(String url, String body, String contentType) throws Exception {
    return post(url, body, contentType, null);
  }

  static HttpResponse<String> post(String url, String body, String contentType, String jwt)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url))
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (jwt != null) {
      request.header("Authorization", jwt);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** A connection of org {@code org-<first 8 characters of the id>}. */
  static Connection connection(String connectionId, String keyHash, String publicKeyPem) {
    return Connection.newBuilder()
        .setConnectionId(connectionId)
        .setOrgId("org-" + connectionId.substring(0, 8))
        .setStatus(ConnectionStatus.CONNECTED)
        .setAuthKind(AuthKind.API_KEY)
        .setWebhookKeyHash(keyHash)
        .setWebhookJwtPublicKey(publicKeyPem)
        .setUpdatedAt(Instant.now())
        .build();
  }

  /**
   * Writes records to a topic as they are given, values as raw bytes: Avro events serialized here,
   * garbage as it is, null for a tombstone. Each is acknowledged before the next is sent, so one
   * partition keeps their order.
   */
  static void sendRaw(String bootstrap, String topic, List<Map.Entry<String, byte[]>> records)
      throws Exception {
    Map<String, Object> props =
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all");
    try (var producer =
        new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
      for (Map.Entry<String, byte[]> record : records) {
        producer.send(new ProducerRecord<>(topic, record.getKey(), record.getValue())).get();
      }
    }
  }

  static byte[] avro(SpecificRecord event) {
    try (var serializer = new AvroEventSerializer()) {
      return serializer.serialize(Topics.CONNECTIONS, event);
    }
  }

  /** How many times a counter was incremented (0 when it was never registered). */
  static double count(MeterRegistry meters, String name, String... tags) {
    var counter = meters.find(name).tags(tags).counter();
    return counter == null ? 0 : counter.count();
  }

  static HttpResponse<String> get(String url) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(url)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /**
   * The call events of one connection on gong.call-events.v1, read from the beginning until at
   * least {@code atLeast} came (then a moment longer, so an unexpected extra one would show).
   */
  static List<CallEvent> events(EmbeddedKafkaBroker broker, String connectionId, int atLeast) {
    return TopicRecords.values(
            broker.getBrokersAsString(),
            Topics.CALL_EVENTS,
            r -> connectionId.equals(r.key()) && r.value() instanceof CallEvent,
            atLeast,
            Duration.ofSeconds(10),
            Duration.ofMillis(700))
        .stream()
        .map(CallEvent.class::cast)
        .toList();
  }
}
