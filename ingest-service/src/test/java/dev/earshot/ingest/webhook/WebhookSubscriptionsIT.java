package dev.earshot.ingest.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.earshot.events.CallEvent;
import dev.earshot.events.CallEventSource;
import dev.earshot.events.Connection;
import dev.earshot.events.ConnectionStatus;
import dev.earshot.events.Topics;
import dev.earshot.gong.simulator.GongSimulator;
import dev.earshot.gong.simulator.SimulatorConfig;
import dev.earshot.gong.webhook.WebhookKeys;
import dev.earshot.ingest.IngestServiceTest;
import dev.earshot.ingest.IngestTestSupport;
import dev.earshot.ingest.connection.ConnectingWithApiKey;
import dev.earshot.ingest.connection.OpeningGongSessions;
import dev.earshot.kit.security.LocalTokenIssuer;
import dev.earshot.testing.ApiCalls;
import dev.earshot.testing.EmbeddedDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Webhook subscriptions through the API, with the simulator standing in for Gong's rule editor:
 * keys rotate onto gong.connections.v1, JWT rules publish Gong's key, failures mark the connection,
 * and deliveries make a subscription healthy.
 */
@IngestServiceTest
@TestPropertySource(
    properties = {
      "earshot.ingest.public-base-url=http://gateway.test:8081",
      "earshot.ingest.webhooks.registrar=simulator",
      "spring.kafka.producer.properties.interceptor.classes=dev.earshot.ingest.webhook.SlowFirstConnectionState"
    })
@EmbeddedKafka(
    partitions = 1,
    topics = {Topics.CALL_EVENTS, Topics.CALLS, Topics.CONNECTIONS})
class WebhookSubscriptionsIT {

  /**
   * Closed by JUnit after the Spring context (which is closed after the class): the context's
   * shutdown still reads the database, and a stopped server makes it wait 30 s for a connection.
   */
  @AutoClose static final EmbeddedDatabase postgres = IngestTestSupport.postgres();

  static final GongSimulator urlKeyGong = IngestTestSupport.simulator(5, 21, 1_000);
  static final GongSimulator jwtGong = IngestTestSupport.simulator(5, 22, 1_000);
  static final GongSimulator badGong = IngestTestSupport.simulator(3, 24, 1_000);
  static final GongSimulator churnGong = IngestTestSupport.simulator(3, 25, 1_000);

  /** Closed by the test that uses it (Gong going away), so not closed again after the class. */
  static final GongSimulator resubscribeGong = IngestTestSupport.simulator(3, 26, 1_000);

  static GongSimulator flakyGong = IngestTestSupport.simulator(5, 23, 1_000);
  static final int flakyPort = flakyGong.port();
  static final JsonMapper json = JsonMapper.builder().build();

  @LocalServerPort int port;
  @Autowired LocalTokenIssuer tokens;
  @Autowired ConnectingWithApiKey connecting;
  @Autowired OpeningGongSessions sessions;
  @Autowired EmbeddedKafkaBroker broker;
  @Autowired KafkaTemplate<String, SpecificRecord> kafka;
  @Autowired dev.earshot.ingest.connection.EditingWebhookEndpoints endpoints;
  @Autowired org.springframework.jdbc.core.simple.JdbcClient jdbc;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    IngestTestSupport.register(
        registry, postgres, urlKeyGong, jwtGong, badGong, churnGong, flakyGong, resubscribeGong);
  }

  @AfterAll
  static void stop() {
    IngestTestSupport.close(urlKeyGong, jwtGong, badGong, churnGong, flakyGong);
  }

  @Test
  void subscribingRegistersGongsRuleWithAFreshKeyThatTheGatewayLearns() throws Exception {
    // given a connected org
    UUID connection = IngestTestSupport.connect(connecting, "org-url-key", urlKeyGong, null);
    String token = admin("org-url-key");

    // when its admin subscribes
    HttpResponse<String> response = subscribe(token, "{}");

    // then Gong has a rule calling the gateway with the new key, shown once
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    JsonNode body = json.readTree(response.body());
    String url = body.get("webhookUrl").asString();
    assertThat(url).startsWith("http://gateway.test:8081/webhooks/gong/" + connection + "?key=");
    assertThat(rules(urlKeyGong))
        .anySatisfy(rule -> assertThat(rule.get("url").asString()).isEqualTo(url));
    assertThat(body.get("subscription").get("status").asString()).isEqualTo("active");
    assertThat(body.get("subscription").get("webhookUrl").asString()).doesNotContain(key(url));

    // and gong.connections.v1 carries the key's hash, not the key
    Connection state =
        latestConnection(connection, c -> WebhookKeys.hash(key(url)).equals(c.getWebhookKeyHash()));
    assertThat(state.getWebhookJwtPublicKey()).isNull();

    // and a delivery shows on the subscription's health
    deliver(connection, "org-url-key");
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> subscriptions(token).get(0).get("deliveries").asLong() == 1);
    JsonNode health = subscriptions(token).get(0);
    assertThat(health.get("lastDeliveryAt").isNull()).isFalse();
    assertThat(health.get("registrar").asString()).isEqualTo("simulator");
  }

  @Test
  void aSignedJwtRulePublishesGongsPublicKeyToTheGateway() throws Exception {
    UUID connection = IngestTestSupport.connect(connecting, "org-jwt", jwtGong, null);

    HttpResponse<String> response = subscribe(admin("org-jwt"), "{\"auth\":\"jwt\"}");

    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    assertThat(json.readTree(response.body()).get("subscription").get("auth").asString())
        .isEqualTo("jwt");
    Connection state = latestConnection(connection, c -> c.getWebhookJwtPublicKey() != null);
    assertThat(state.getWebhookJwtPublicKey().strip())
        .isEqualTo(jwtGong.webhookPublicKeyPem().strip());
    assertThat(rules(jwtGong))
        .anySatisfy(rule -> assertThat(rule.get("auth").asString()).isEqualTo("jwt"));
  }

  @Test
  void badSubscriptionRequestsAre4xxThatSayWhy() throws Exception {
    IngestTestSupport.connect(connecting, "org-bad", badGong, null);
    String token = admin("org-bad");
    String pem = jwtGong.webhookPublicKeyPem().replace("\n", "\\n");

    assertProblem(subscribe(token, "{\"auth\":\"basic\"}"), 400, "url_key or jwt");
    assertProblem(
        subscribe(token, "{\"auth\":\"jwt\",\"publicKeyPem\":\"not a key\"}"), 400, "publicKeyPem");
    assertProblem(
        subscribe(token, "{\"auth\":\"url_key\",\"publicKeyPem\":\"" + pem + "\"}"),
        400,
        "only used with auth jwt");
    assertThat(subscribe(admin("org-nobody"), "{}").statusCode()).isEqualTo(404);
    assertThat(
            subscribe(tokens.issue("org-bad", "member", "m", Duration.ofMinutes(5)), "{}")
                .statusCode())
        .isEqualTo(403);
  }

  @Test
  void whenGongCannotBeReachedTheConnectionIsMarkedAndStaysUsableThenASecondTryRecovers()
      throws Exception {
    // given a connection whose Gong goes away
    UUID connection = IngestTestSupport.connect(connecting, "org-flaky", flakyGong, null);
    String token = admin("org-flaky");
    flakyGong.close();

    // when the admin subscribes
    HttpResponse<String> failed = subscribe(token, "{}");

    // then the answer is a 502 with the reason, and the connection says so but stays usable
    assertProblem(failed, 502, "webhook subscription failed");
    JsonNode current = current(token);
    assertThat(current.get("status").asString()).isEqualTo("webhook_subscription_failed");
    assertThat(current.get("statusReason").asString()).contains("could not be reached");
    assertThat(sessions.usable()).extracting(c -> c.id()).contains(connection);
    assertThat(subscriptions(token).get(0).get("status").asString()).isEqualTo("failed");

    // when Gong is back and the admin subscribes again
    flakyGong =
        GongSimulator.start(SimulatorConfig.defaults().withCorpus(5, 23).withPort(flakyPort));
    HttpResponse<String> again = subscribe(token, "{}");

    // then the subscription is active and the connection connected
    assertThat(again.statusCode()).as(again.body()).isEqualTo(201);
    assertThat(current(token).get("status").asString()).isEqualTo("connected");
  }

  /**
   * Review m4: subscribing again rotated the URL key before the registrar ran, so when Gong could
   * not be reached the rule that worked lost its URL too. A delivery through that URL afterwards
   * made the subscription active with no reason while the connection still said the subscribe
   * failed: now the subscription is active and both keep the failed subscribe's reason.
   */
  @Test
  void aFailedSubscribeAgainLeavesTheWebhookUrlTheConnectionHadWorking() throws Exception {
    // given a subscribed connection whose URL webhook-gateway knows
    UUID connection =
        IngestTestSupport.connect(connecting, "org-resubscribe", resubscribeGong, null);
    String token = admin("org-resubscribe");
    HttpResponse<String> first = subscribe(token, "{}");
    assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
    String url = json.readTree(first.body()).get("webhookUrl").asString();
    String workingHash = WebhookKeys.hash(key(url));
    latestConnection(connection, c -> workingHash.equals(c.getWebhookKeyHash()));

    // when Gong goes away and the admin subscribes again
    resubscribeGong.close();
    HttpResponse<String> failed = subscribe(token, "{}");

    // then the answer is a 502 saying the URL it had still works, and the connection is marked
    assertProblem(failed, 502, "webhook subscription failed");
    assertThat(failed.body()).contains("the one it had still works");
    assertThat(current(token).get("status").asString()).isEqualTo("webhook_subscription_failed");

    // and the key webhook-gateway checks is still the working URL's, stored and on the topic
    assertThat(
            jdbc.sql("select webhook_key_hash from connection where id = :id")
                .param("id", connection)
                .query(String.class)
                .single())
        .isEqualTo(workingHash);
    Connection marked =
        latestConnection(
            connection, c -> c.getStatus() == ConnectionStatus.WEBHOOK_SUBSCRIPTION_FAILED);
    assertThat(marked.getWebhookKeyHash()).isEqualTo(workingHash);

    // and the subscription shows the failure with the URL that works
    JsonNode subscription = subscriptions(token).get(0);
    assertThat(subscription.get("status").asString()).isEqualTo("failed");
    assertThat(subscription.get("webhookUrl").asString()).endsWith(url.substring(url.length() - 4));

    // when Gong delivers through the URL the connection had
    deliver(connection, "org-resubscribe");
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> subscriptions(token).get(0).get("deliveries").asLong() == 1);

    // then the subscription is active (webhooks arrive) and both still report the failed subscribe,
    // with the same reason, until a subscribe succeeds
    JsonNode delivering = subscriptions(token).get(0);
    JsonNode connectionNow = current(token);
    assertThat(delivering.get("status").asString()).isEqualTo("active");
    assertThat(delivering.get("webhookUrl").asString()).endsWith(url.substring(url.length() - 4));
    assertThat(connectionNow.get("status").asString()).isEqualTo("webhook_subscription_failed");
    assertThat(delivering.get("reason").asString())
        .startsWith("webhook subscription failed")
        .isEqualTo(connectionNow.get("statusReason").asString());
  }

  @Test
  void aChangeMadeWhileThePreviousStateIsBeingPublishedStillEndsTheTopic() throws Exception {
    // given a new connection whose first state is still on its way to Kafka (held back 400 ms)
    UUID connection = IngestTestSupport.connect(connecting, "org-churn", churnGong, null);

    // when its webhook key is rotated meanwhile
    await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(5))
        .until(() -> SlowFirstConnectionState.holdingFirstStateOf(connection.toString()));
    endpoints.rotate(connection, null);
    String current =
        jdbc.sql("select webhook_key_hash from connection where id = :id")
            .param("id", connection)
            .query(String.class)
            .single();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                jdbc.sql("select count(*) from event_publication where completion_date is null")
                        .query(Long.class)
                        .single()
                    == 0);

    // then the compacted topic ends with the current key hash, not the stale one
    assertThat(lastState(connection).orElseThrow().getWebhookKeyHash()).isEqualTo(current);
  }

  // ---- helpers ----

  private String admin(String org) {
    return tokens.issue(org, "admin", "admin-" + org, Duration.ofMinutes(5));
  }

  private HttpResponse<String> subscribe(String token, String body) throws Exception {
    return ApiCalls.post(port, "/api/v1/connections/current/subscriptions", token, body);
  }

  private JsonNode subscriptions(String token) throws Exception {
    return json.readTree(
        ApiCalls.get(port, "/api/v1/connections/current/subscriptions", token).body());
  }

  private JsonNode current(String token) throws Exception {
    return json.readTree(ApiCalls.get(port, "/api/v1/connections/current", token).body());
  }

  private static void assertProblem(HttpResponse<String> response, int status, String reason) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.body()).contains(reason).doesNotContain("Exception");
  }

  private static String key(String url) {
    return url.substring(url.indexOf("key=") + 4);
  }

  private static List<JsonNode> rules(GongSimulator simulator) throws Exception {
    var response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(simulator.baseUrl() + "/admin/webhook-rules"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    List<JsonNode> rules = new ArrayList<>();
    json.readTree(response.body()).forEach(rules::add);
    return rules;
  }

  /** The connection's latest state once it is as wanted (each read of the topic takes ~2 s). */
  private Connection latestConnection(UUID connection, Predicate<Connection> wanted) {
    return await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> lastState(connection), state -> state.filter(wanted).isPresent())
        .orElseThrow();
  }

  private Optional<Connection> lastState(UUID connection) {
    return IngestTestSupport.consume(
            broker, Topics.CONNECTIONS, Long.MAX_VALUE, Duration.ofSeconds(2))
        .stream()
        .filter(r -> r instanceof Connection c && c.getConnectionId().equals(connection.toString()))
        .map(r -> (Connection) r)
        .reduce((a, b) -> b);
  }

  private void deliver(UUID connection, String org) throws Exception {
    kafka
        .send(
            Topics.CALL_EVENTS,
            connection.toString(),
            CallEvent.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setConnectionId(connection.toString())
                .setOrgId(org)
                .setCallId("5120043019000000000")
                .setSource(CallEventSource.WEBHOOK)
                .setSeenAt(Instant.now())
                .build())
        .get();
  }
}
