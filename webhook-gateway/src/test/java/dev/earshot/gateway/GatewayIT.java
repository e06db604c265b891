package dev.earshot.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.earshot.cli.FreePorts;
import dev.earshot.events.CallEvent;
import dev.earshot.events.CallEventSource;
import dev.earshot.events.Topics;
import dev.earshot.gateway.connection.ConnectionTable;
import dev.earshot.gong.simulator.GongSimulator;
import dev.earshot.gong.webhook.WebhookKeys;
import dev.earshot.testing.sweep.MalformedRequestSweep;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The gateway on a real port against an in-JVM KRaft broker: connections arrive on
 * gong.connections.v1, the Gong simulator delivers real URL-key and signed-JWT webhooks.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT,
    properties = {"spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}"})
@EmbeddedKafka(
    partitions = 1,
    topics = {Topics.CONNECTIONS, Topics.CALL_EVENTS})
class GatewayIT {

  static final int port = FreePorts.pick();
  static final int managementPort = FreePorts.pick();
  static final GongSimulator gong = GatewayTestSupport.simulator();
  static final String KEY = WebhookKeys.newKey();
  static final String URL_KEY_CONNECTION = UUID.randomUUID().toString();
  static final String JWT_CONNECTION = UUID.randomUUID().toString();

  @Autowired KafkaTemplate<String, SpecificRecord> kafka;
  @Autowired EmbeddedKafkaBroker broker;
  @Autowired ConnectionTable table;
  @Autowired MeterRegistry meters;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    registry.add("server.port", () -> port);
    registry.add("management.server.port", () -> managementPort);
    registry.add("earshot.gateway.public-base-url", () -> "http://localhost:" + port);
    registry.add("earshot.gateway.max-body", () -> "64KB");
  }

  @AfterAll
  static void stop() {
    gong.close();
  }

  private String base() {
    return "http://localhost:" + port + "/webhooks/gong/";
  }

  private void connect(String connectionId, String keyHash, String publicKeyPem) throws Exception {
    kafka
        .send(
            Topics.CONNECTIONS,
            connectionId,
            GatewayTestSupport.connection(connectionId, keyHash, publicKeyPem))
        .get();
    await().atMost(Duration.ofSeconds(10)).until(() -> table.find(connectionId).isPresent());
  }

  /** A webhook of a call Gong says is not private. */
  private String body(String callId, boolean test) {
    return "{\"callData\":{\"metaData\":{\"id\":\""
        + callId
        + "\",\"isPrivate\":false}},\"isTest\":"
        + test
        + "}";
  }

  @Test
  void everyEndpointAnswersMalformedRequestsWithAProblemNeverA5xx(
      @Autowired @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mapping)
      throws Exception {
    // given a connection Gong calls with its URL key (no bearer tokens: Gong is the caller)
    String connection = UUID.randomUUID().toString();
    connect(connection, WebhookKeys.hash(KEY), null);
    // when every mapped endpoint gets the sweep's malformed requests, to that connection with its
    // key, so that a bad body gets past the key check
    MalformedRequestSweep.Result result =
        MalformedRequestSweep.of(port, mapping)
            .pathVariable("connectionId", connection)
            .queryParameter("key", KEY)
            .body(
                "/webhooks/gong/{connectionId}",
                Map.of(
                    "callData",
                    Map.of(
                        "metaData",
                        Map.of("id", "1001", "isPrivate", false, "started", "2026-01-01T00:00:00Z"),
                        "parties",
                        List.of(Map.of("name", "Dana", "affiliation", "External"))),
                    "isTest",
                    true))
            .caller("Gong", null)
            .run();
    // and to a connection whose rule signs JWTs (so the Authorization header is read), and the
    // actuator endpoints on the management port
    String signed = UUID.randomUUID().toString();
    connect(signed, WebhookKeys.hash(KEY), gong.webhookPublicKeyPem());
    MalformedRequestSweep.Result jwt =
        MalformedRequestSweep.of(port, mapping)
            .only(pattern -> pattern.startsWith("/webhooks/"))
            .pathVariable("connectionId", signed)
            .queryParameter("key", KEY)
            .caller("Gong", null)
            .sampled(0)
            .run();
    MalformedRequestSweep.Result actuator =
        MalformedRequestSweep.actuator(managementPort).caller("anonymous", null).run();
    // then none is a 5xx, and every 4xx is a problem with a title and a detail
    System.out.println("GatewayIT sweep: " + result);
    System.out.println("GatewayIT signed-webhook sweep: " + jwt);
    System.out.println("GatewayIT actuator sweep: " + actuator);
    result.assertNoServerErrorsAndEvery4xxIsAProblem();
    jwt.assertNoServerErrorsAndEvery4xxIsAProblem();
    actuator.assertNoServerErrorsAndEvery4xxIsAProblem();
  }

  @Test
  void aWebhookWithTheRightUrlKeyIsPublishedBeforeTheAnswer() throws Exception {
    connect(URL_KEY_CONNECTION, WebhookKeys.hash(KEY), null);

    HttpResponse<String> response =
        GatewayTestSupport.post(base() + URL_KEY_CONNECTION + "?key=" + KEY, body("1001", false));

    assertThat(response.statusCode()).isEqualTo(202);
    List<CallEvent> events = GatewayTestSupport.events(broker, URL_KEY_CONNECTION, 1);
    assertThat(events).hasSize(1);
    CallEvent event = events.getFirst();
    assertThat(event.getCallId()).isEqualTo("1001");
    assertThat(event.getSource()).isEqualTo(CallEventSource.WEBHOOK);
    assertThat(event.getOrgId()).isEqualTo("org-" + URL_KEY_CONNECTION.substring(0, 8));
    assertThat(event.getWebhookPayload()).isEqualTo(body("1001", false));
    assertThat(response.body()).contains(event.getEventId());
  }

  @Test
  void aWrongOrMissingKeyIs401AndAnUnknownConnection404WithoutDetailsThatHelpAnAttacker()
      throws Exception {
    String connection = UUID.randomUUID().toString();
    connect(connection, WebhookKeys.hash(KEY), null);

    var wrong =
        GatewayTestSupport.post(base() + connection + "?key=" + KEY + "x", body("1", false));
    var missing = GatewayTestSupport.post(base() + connection, body("1", false));
    var unknown =
        GatewayTestSupport.post(base() + UUID.randomUUID() + "?key=" + KEY, body("1", false));
    var garbageId = GatewayTestSupport.post(base() + "..%2f..?key=" + KEY, body("1", false));

    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(missing.statusCode()).isEqualTo(401);
    assertThat(wrong.body()).contains("could not be authenticated").doesNotContain("url-key");
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(garbageId.statusCode()).isIn(400, 404);
    assertThat(GatewayTestSupport.events(broker, connection, 0)).isEmpty();
  }

  @Test
  void gongsSignedJwtWebhooksAreAcceptedAndForgedExpiredOrTamperedOnesAre401() throws Exception {
    // given a connection whose rule signs JWTs with the simulator's key
    connect(JWT_CONNECTION, WebhookKeys.hash(KEY), gong.webhookPublicKeyPem());
    String url = base() + JWT_CONNECTION + "?key=" + KEY;
    gong.registerWebhook(url, "jwt");
    List<String> callIds = gong.corpus().calls().stream().limit(3).map(c -> c.id()).toList();

    // when Gong delivers three calls
    List<Map<String, Object>> deliveries = gong.fireWebhooks(callIds);

    // then all were accepted first time and are on the topic
    assertThat(deliveries).extracting(d -> d.get("status")).containsOnly(202);
    assertThat(deliveries).extracting(d -> d.get("attempts")).containsOnly(1);
    assertThat(GatewayTestSupport.events(broker, JWT_CONNECTION, 3))
        .extracting(CallEvent::getCallId)
        .containsExactlyInAnyOrderElementsOf(callIds);

    // and a URL key alone or another signer are refused
    String body = body("2002", false);
    RSAKey forger = new RSAKeyGenerator(2048).generate();
    assertThat(GatewayTestSupport.post(url, body).statusCode()).isEqualTo(401);
    assertThat(signed(url, body, body, forger, Duration.ofMinutes(5)).statusCode()).isEqualTo(401);
    assertThat(GatewayTestSupport.events(broker, JWT_CONNECTION, 3)).hasSize(3);
  }

  @Test
  void aJwtUnderTheRulesOwnKeyIsRefusedOnceExpiredOrWhenTheBodyWasChanged() throws Exception {
    // given a connection whose rule signs with a key we hold, so only expiry or body can refuse
    RSAKey ruleKey = new RSAKeyGenerator(2048).generate();
    String connection = UUID.randomUUID().toString();
    connect(connection, WebhookKeys.hash(KEY), publicKeyPem(ruleKey));
    String url = base() + connection + "?key=" + KEY;
    String body = body("2003", false);
    String changed = body("2004", false);

    // when Gong's key signs an expired token, a token for another body, and a good one
    var expired = signed(url, body, body, ruleKey, Duration.ofMinutes(-10));
    var tampered = signed(url, body, changed, ruleKey, Duration.ofMinutes(5));
    var good = signed(url, body, body, ruleKey, Duration.ofMinutes(5));

    // then only the good one is published
    assertThat(expired.statusCode()).isEqualTo(401);
    assertThat(tampered.statusCode()).isEqualTo(401);
    assertThat(good.statusCode()).isEqualTo(202);
    assertThat(GatewayTestSupport.events(broker, connection, 1))
        .extracting(CallEvent::getCallId)
        .containsExactly("2003");
  }

  @Test
  void gongsDocumentedShapesArePublishedWithoutAPrivateOrUnflaggedCallsData() throws Exception {
    Path dir = Path.of("../../shared/field-cases/02-webhook-calldata-missing-isprivate");
    assumeTrue(Files.isDirectory(dir), "field case 02 is not in this checkout");
    String connection = UUID.randomUUID().toString();
    connect(connection, WebhookKeys.hash(KEY), null);
    String url = base() + connection + "?key=" + KEY;
    double privateBefore = withoutCallData("private");
    double unknownBefore = withoutCallData("privacy_unknown");
    String noFlag =
        fieldCase(dir, "webhook-private-no-flag.json", "REPLACE_WITH_PRIVATE_CALL_ID", "9001");
    String topLevel =
        fieldCase(
            dir, "webhook-private-top-level-flag.json", "REPLACE_WITH_PRIVATE_CALL_ID", "9002");
    String publicNoParties =
        fieldCase(dir, "webhook-public-no-parties.json", "REPLACE_WITH_PUBLIC_CALL_ID", "9003");

    var answers =
        List.of(
            GatewayTestSupport.post(url, noFlag),
            GatewayTestSupport.post(url, topLevel),
            GatewayTestSupport.post(url, publicNoParties));

    assertThat(answers).extracting(HttpResponse::statusCode).containsOnly(202);
    Map<String, CallEvent> events =
        GatewayTestSupport.events(broker, connection, 3).stream()
            .collect(Collectors.toMap(CallEvent::getCallId, e -> e));
    assertThat(events).containsOnlyKeys("9001", "9002", "9003");
    // no flag: no call data at all, only when the call started (ingest looks the call up)
    assertThat(events.get("9001").getWebhookPayload()).isNull();
    assertThat(events.get("9001").getCallStartedAt())
        .isEqualTo(Instant.parse("2026-11-18T17:31:40.518Z"));
    // private (top-level flag): the id and the flag only, no title, parties or CRM context
    assertThat(events.get("9002").getWebhookPayload())
        .isEqualTo(
            "{\"callData\":{\"metaData\":{\"id\":\"9002\",\"isPrivate\":true}},\"isTest\":false}");
    assertThat(events.get("9001").toString() + events.get("9002").toString())
        .doesNotContain("comp plan")
        .doesNotContain("Dana")
        .doesNotContain("ourco.example.com");
    // public: as received
    assertThat(events.get("9003").getWebhookPayload()).isEqualTo(publicNoParties);
    assertThat(withoutCallData("private") - privateBefore).isEqualTo(1);
    assertThat(withoutCallData("privacy_unknown") - unknownBefore).isEqualTo(1);
  }

  private double withoutCallData(String reason) {
    return GatewayTestSupport.count(
        meters, "earshot.gateway.webhooks.without_call_data", "reason", reason);
  }

  private static String fieldCase(Path dir, String file, String placeholder, String callId)
      throws Exception {
    return Files.readString(dir.resolve(file)).replace(placeholder, callId);
  }

  private static String publicKeyPem(RSAKey key) throws Exception {
    return "-----BEGIN PUBLIC KEY-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
            .encodeToString(key.toRSAPublicKey().getEncoded())
        + "\n-----END PUBLIC KEY-----\n";
  }

  @Test
  void gongsTestButtonIsAnsweredButNotPublished() throws Exception {
    String connection = UUID.randomUUID().toString();
    connect(connection, WebhookKeys.hash(KEY), null);

    var response = GatewayTestSupport.post(base() + connection + "?key=" + KEY, body("3003", true));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("test_received");
    assertThat(GatewayTestSupport.events(broker, connection, 0)).isEmpty();
  }

  @Test
  void badBodiesAreRefusedWithAReason() throws Exception {
    String connection = UUID.randomUUID().toString();
    connect(connection, WebhookKeys.hash(KEY), null);
    String url = base() + connection + "?key=" + KEY;

    var notJson = GatewayTestSupport.post(url, "{\"callData\":");
    var noId = GatewayTestSupport.post(url, "{\"callData\":{\"metaData\":{}}}");
    var deep = GatewayTestSupport.post(url, "{\"a\":".repeat(40) + "1" + "}".repeat(40));
    var large = GatewayTestSupport.post(url, body("4", false) + " ".repeat(70_000));
    var text = GatewayTestSupport.post(url, body("4", false), "text/plain");

    assertThat(notJson.statusCode()).isEqualTo(400);
    assertThat(noId.statusCode()).isEqualTo(400);
    assertThat(noId.body()).contains("metaData.id is missing");
    assertThat(deep.statusCode()).isEqualTo(400);
    assertThat(deep.body()).contains("deeper than 32");
    assertThat(large.statusCode()).isEqualTo(413);
    assertThat(text.statusCode()).isEqualTo(415);
    assertThat(List.of(notJson, noId, deep, large, text))
        .allSatisfy(
            r -> assertThat(r.body()).doesNotContain("Exception").doesNotContain("at dev."));
    assertThat(GatewayTestSupport.events(broker, connection, 0)).isEmpty();
  }

  @Test
  void aDisconnectedConnectionsTombstoneStopsItsWebhooks() throws Exception {
    String connection = UUID.randomUUID().toString();
    connect(connection, WebhookKeys.hash(KEY), null);

    kafka.send(Topics.CONNECTIONS, connection, null).get();
    await().atMost(Duration.ofSeconds(10)).until(() -> table.find(connection).isEmpty());

    assertThat(
            GatewayTestSupport.post(base() + connection + "?key=" + KEY, body("5", false))
                .statusCode())
        .isEqualTo(404);
  }

  @Test
  void theReplicaIsReadyOnceItsConnectionTableCaughtUp() throws Exception {
    await().atMost(Duration.ofSeconds(10)).until(table::ready);

    var readiness = GatewayTestSupport.get(management() + "/actuator/health/readiness");
    var liveness = GatewayTestSupport.get(management() + "/actuator/health/liveness");

    assertThat(readiness.statusCode()).isEqualTo(200);
    assertThat(readiness.body()).contains("\"status\":\"UP\"");
    assertThat(liveness.statusCode()).isEqualTo(200);
  }

  @Test
  void metricsAreServedOnTheManagementPortOnlyNeverOnThePublicOne() throws Exception {
    String publicPort = "http://localhost:" + port;

    assertThat(GatewayTestSupport.get(publicPort + "/actuator/prometheus").statusCode())
        .isEqualTo(404);
    assertThat(GatewayTestSupport.get(publicPort + "/actuator/metrics").statusCode())
        .isEqualTo(404);
    assertThat(GatewayTestSupport.get(publicPort + "/actuator/health").statusCode()).isEqualTo(404);
    var prometheus = GatewayTestSupport.get(management() + "/actuator/prometheus");
    assertThat(prometheus.statusCode()).isEqualTo(200);
    assertThat(prometheus.body()).contains("earshot_gateway_connections");
  }

  private String management() {
    return "http://localhost:" + managementPort;
  }

  private HttpResponse<String> signed(
      String url, String signedBody, String sentBody, RSAKey key, Duration validFor)
      throws Exception {
    Instant now = Instant.now();
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader(JWSAlgorithm.RS256),
            new JWTClaimsSet.Builder()
                .claim("webhook_url", url)
                .claim("body_sha256", WebhookKeys.hash(signedBody))
                .issueTime(Date.from(now.minus(Duration.ofMinutes(20))))
                .expirationTime(Date.from(now.plus(validFor)))
                .build());
    jwt.sign(new RSASSASigner(key));
    return GatewayTestSupport.post(url, sentBody, "application/json", jwt.serialize());
  }
}
