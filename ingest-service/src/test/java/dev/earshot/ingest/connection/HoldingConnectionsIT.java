package dev.earshot.ingest.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.earshot.events.Topics;
import dev.earshot.gong.api.CallsFilter;
import dev.earshot.gong.api.ContentSelector;
import dev.earshot.gong.api.ExtensiveRequest;
import dev.earshot.gong.client.GongApiException;
import dev.earshot.ingest.GongStub;
import dev.earshot.ingest.GongStub.Answer;
import dev.earshot.ingest.IngestServiceTest;
import dev.earshot.ingest.IngestTestSupport;
import dev.earshot.kit.security.LocalTokenIssuer;
import dev.earshot.testing.ApiCalls;
import dev.earshot.testing.EmbeddedDatabase;
import dev.earshot.testing.TestTokens;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Gong's refusals change a connection once, through {@link HoldingConnections}: the connection side
 * of field cases 09 (credentials revoked after connecting) and 10 (a 403 is not always a scope),
 * with a stub Gong, the real service, PostgreSQL and a KRaft broker. The loops that call {@link
 * HoldingConnections#refused} are tested with the loops.
 */
@IngestServiceTest
@EmbeddedKafka(partitions = 1, topics = Topics.CONNECTIONS)
@ExtendWith(OutputCaptureExtension.class)
class HoldingConnectionsIT {

  static final Path CASE_09 =
      Path.of("../../shared/field-cases/09-revoked-credentials-background-loops");
  static final Path CASE_10 = Path.of("../../shared/field-cases/10-forbidden-is-not-always-scope");

  @AutoClose static final EmbeddedDatabase postgres = IngestTestSupport.postgres();
  static final GongStub gong = GongStub.start();
  static final JsonMapper json = JsonMapper.builder().build();
  static final HttpClient http = HttpClient.newHttpClient();

  @LocalServerPort int port;
  @Autowired LocalTokenIssuer tokens;
  @Autowired HoldingConnections holding;
  @Autowired OpeningGongSessions sessions;
  @Autowired MeterRegistry meters;
  @Autowired JdbcClient jdbc;
  @Autowired EmbeddedKafkaBroker broker;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    IngestTestSupport.register(registry, postgres);
    registry.add("earshot.ingest.allowed-local-gong-origins", gong::baseUrl);
  }

  @AfterEach
  void clean() {
    gong.reset();
    jdbc.sql("delete from connection").update();
  }

  @AfterAll
  static void stop() {
    gong.close();
  }

  // ------------------------------------------------------------------ field case 09

  @Test
  void aRevokedKeyOnADataEndpointMarksTheConnectionUnauthorizedOnceWithOneAlert(
      CapturedOutput output) throws Exception {
    assumeTrue(Files.exists(CASE_09.resolve("error-401.json")));
    UUID id = connect("org-revoked");
    double before = refusedCount("unauthorized");
    gong.answer("POST", "/v2/calls/extensive", Answer.file(401, CASE_09.resolve("error-401.json")));

    GongApiException revoked = extensiveFailure(id);

    // two loops (or replicas) meet the same 401
    holding.refused(id, revoked);
    holding.refused(id, revoked);

    JsonNode current = current("org-revoked");
    assertThat(current.get("status").asString()).isEqualTo("unauthorized");
    assertThat(current.get("statusReason").asString()).contains("access token has been revoked");
    assertThat(sessions.open(id)).isEmpty();
    assertThat(sessions.usable()).extracting(WorkspaceConnection::id).doesNotContain(id);
    assertThat(refusedCount("unauthorized")).isEqualTo(before + 1);
    assertThat(alertLines(output, id)).isEqualTo(1);
    assertThat(statesPublished(id, 2))
        .containsExactly(
            dev.earshot.events.ConnectionStatus.CONNECTED,
            dev.earshot.events.ConnectionStatus.UNAUTHORIZED);
  }

  @Test
  void aVerifiedEditWithANewKeyReleasesAnUnauthorizedConnection() throws Exception {
    UUID id = connect("org-new-key");
    gong.answer("POST", "/v2/calls/extensive", Answer.error(401, "access token has been revoked"));
    holding.refused(id, extensiveFailure(id));
    assertThat(current("org-new-key").get("status").asString()).isEqualTo("unauthorized");

    HttpResponse<String> edited =
        call("PATCH", "/api/v1/connections/current", admin("org-new-key"), "{\"secret\":\"new\"}");

    assertThat(edited.statusCode()).as(edited.body()).isEqualTo(200);
    assertThat(json.readTree(edited.body()).get("status").asString()).isEqualTo("connected");
    assertThat(sessions.open(id)).isPresent();
  }

  @Test
  void anEditDoesNotClearAMissingScopeGongStillRefuses() throws Exception {
    UUID id = connect("org-edit-scope");
    gong.answer(
        "POST",
        "/v2/calls/extensive",
        Answer.error(
            403, "You don't have permission to use 'api:calls:read:extensive' in your company"));
    holding.refused(id, extensiveFailure(id));

    HttpResponse<String> edited =
        call(
            "PATCH",
            "/api/v1/connections/current",
            admin("org-edit-scope"),
            "{\"secret\":\"new\"}");

    assertThat(edited.statusCode()).as(edited.body()).isEqualTo(422);
    assertThat(json.readTree(edited.body()).get("type").asString()).endsWith("/gong-missing-scope");
    assertThat(current("org-edit-scope").get("status").asString()).isEqualTo("insufficient_scope");
    assertThat(sessions.open(id)).isEmpty();
  }

  // ------------------------------------------------------------------ field case 10

  @Test
  void aHealthCheckAnsweredAForbiddenNamingNoScopeIsForbiddenNeverAMissingScope() throws Exception {
    assumeTrue(Files.exists(CASE_10.resolve("forbidden-generic.json")));
    UUID id = connect("org-wrong-host");
    gong.answer("GET", "/v2/users", Answer.file(403, CASE_10.resolve("forbidden-generic.json")));

    HttpResponse<String> health = health("org-wrong-host");

    assertThat(health.statusCode()).isEqualTo(200);
    JsonNode connection = json.readTree(health.body());
    assertThat(connection.get("status").asString()).isEqualTo("forbidden");
    assertThat(connection.get("statusReason").asString())
        .contains("'Forbidden'", "regional API host", "trusted-IP")
        .doesNotContain("missing scope");
    assertThat(sessions.open(id)).isEmpty();
    assertThat(statesPublished(id, 2))
        .last()
        .isEqualTo(dev.earshot.events.ConnectionStatus.UNAUTHORIZED);
  }

  @Test
  void aScopeGongNamesOnADataEndpointIsInsufficientScopeUntilGongAcceptsTheEndpoint()
      throws Exception {
    assumeTrue(Files.exists(CASE_10.resolve("forbidden-named-scope.json")));
    UUID id = connect("org-scope");
    gong.answer(
        "POST",
        "/v2/calls/extensive",
        Answer.file(403, CASE_10.resolve("forbidden-named-scope.json")));

    holding.refused(id, extensiveFailure(id));

    JsonNode held = current("org-scope");
    assertThat(held.get("status").asString()).isEqualTo("insufficient_scope");
    assertThat(held.get("statusReason").asString()).contains("api:calls:read:extensive");
    assertThat(sessions.open(id)).isEmpty();

    // a health check lists users fine, but the scope is still refused: it stays held
    HttpResponse<String> stillMissing = health("org-scope");
    assertThat(json.readTree(stillMissing.body()).get("status").asString())
        .isEqualTo("insufficient_scope");

    // once Gong accepts the call endpoints, the next health check releases it
    gong.answer("POST", "/v2/calls/extensive", Answer.error(404, "No calls found"));
    HttpResponse<String> granted = health("org-scope");
    assertThat(json.readTree(granted.body()).get("status").asString()).isEqualTo("connected");
    assertThat(sessions.open(id)).isPresent();
  }

  @Test
  void connectingWithAKeyGongRefusesKeepsGongsMessageAndAddsTheRegionalHostHint() throws Exception {
    assumeTrue(Files.exists(CASE_10.resolve("unauthorized-revoked.json")));
    gong.answer("GET", "/v2/users", Answer.file(401, CASE_10.resolve("unauthorized-revoked.json")));

    HttpResponse<String> refused = connectApiKey("org-region");

    assertThat(refused.statusCode()).isEqualTo(422);
    JsonNode problem = json.readTree(refused.body());
    assertThat(problem.get("type").asString()).endsWith("/gong-rejected-credentials");
    assertThat(problem.get("detail").asString())
        .contains("access token has been revoked", "outside the US", "API base URL");
  }

  // ------------------------------------------------------------------ quota

  @Test
  void aQuotaAnswerPausesTheConnectionUntilRetryAfterAndAHealthCheckEndsIt(CapturedOutput output)
      throws Exception {
    UUID id = connect("org-quota");
    gong.answer(
        "POST",
        "/v2/calls/extensive",
        Answer.error(429, "daily limit reached").withHeader("Retry-After", "10800"));
    Instant before = Instant.now();
    GongApiException limited = extensiveFailure(id);

    holding.refused(id, limited);
    holding.refused(id, limited);

    JsonNode paused = current("org-quota");
    assertThat(paused.get("status").asString()).isEqualTo("connected");
    Instant until = Instant.parse(paused.get("pausedUntil").asString());
    assertThat(until)
        .isBetween(
            before.plus(Duration.ofHours(3)),
            Instant.now().plus(Duration.ofHours(3).plusSeconds(1)));
    assertThat(paused.get("pauseReason").asString())
        .isEqualTo("rate limited by Gong until " + until);
    assertThat(sessions.open(id)).isEmpty();
    assertThat(sessions.usable()).extracting(WorkspaceConnection::id).doesNotContain(id);
    assertThat(
            output
                .getOut()
                .lines()
                .filter(l -> l.contains("connection paused") && l.contains(id.toString())))
        .hasSize(1);

    HttpResponse<String> health = health("org-quota");
    assertThat(json.readTree(health.body()).get("pausedUntil").isNull()).isTrue();
    assertThat(sessions.open(id)).isPresent();
  }

  @Test
  void theLocalQuotaPausesTheConnectionUntilItRefills() throws Exception {
    UUID id = connect("org-local-quota");
    Instant until = Instant.now().plus(Duration.ofHours(2)).truncatedTo(ChronoUnit.SECONDS);

    holding.pauseUntil(id, until, "local daily Gong quota spent");

    assertThat(sessions.open(id)).isEmpty();
    JsonNode paused = current("org-local-quota");
    assertThat(paused.get("pauseReason").asString()).isEqualTo("local daily Gong quota spent");
    assertThat(Instant.parse(paused.get("pausedUntil").asString())).isEqualTo(until);
  }

  @Test
  void failuresThatAreNotRefusalsLeaveTheConnectionAlone() throws Exception {
    UUID id = connect("org-flaky");
    gong.answer("POST", "/v2/calls/extensive", Answer.error(503, "maintenance"));

    holding.refused(id, extensiveFailure(id));

    assertThat(current("org-flaky").get("status").asString()).isEqualTo("connected");
    assertThat(sessions.open(id)).isPresent();
  }

  // ------------------------------------------------------------------ helpers

  UUID connect(String org) throws Exception {
    gong.answer("GET", "/v2/users", GongStub.users(3));
    HttpResponse<String> created = connectApiKey(org);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    return UUID.fromString(json.readTree(created.body()).get("connection").get("id").asString());
  }

  HttpResponse<String> connectApiKey(String org) throws Exception {
    return call(
        "POST",
        "/api/v1/connections/api-key",
        admin(org),
        json.writeValueAsString(
            Map.of("baseUrl", gong.baseUrl(), "accessKey", "key-" + org, "secret", "secret")));
  }

  /** What a fetching loop meets: its session's {@code calls/extensive} request fails. */
  GongApiException extensiveFailure(UUID id) {
    var client = sessions.open(id).orElseThrow().client();
    try {
      client.extensive(
          new ExtensiveRequest(
              CallsFilter.ofIds(List.of("1")), ContentSelector.everythingEarshotUses(), null));
    } catch (GongApiException failure) {
      return failure;
    }
    throw new IllegalStateException("Gong answered");
  }

  HttpResponse<String> health(String org) throws Exception {
    return call("POST", "/api/v1/connections/current/health", admin(org), null);
  }

  JsonNode current(String org) throws Exception {
    HttpResponse<String> read = call("GET", "/api/v1/connections/current", admin(org), null);
    assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
    return json.readTree(read.body());
  }

  double refusedCount(String reason) {
    return meters.counter("earshot.ingest.connection.refused", "reason", reason).count();
  }

  static long alertLines(CapturedOutput output, UUID id) {
    return output
        .getOut()
        .lines()
        .filter(l -> l.contains("gong_connection_refused") && l.contains(id.toString()))
        .count();
  }

  String admin(String org) {
    return TestTokens.admin(tokens::issue, org);
  }

  HttpResponse<String> call(String method, String path, String token, String body)
      throws Exception {
    return ApiCalls.send(port, method, path, token, body, null);
  }

  /** The statuses published for a connection (null for a tombstone), in order. */
  List<dev.earshot.events.ConnectionStatus> statesPublished(UUID id, int atLeast) {
    return IngestTestSupport.valuesFor(
            broker, Topics.CONNECTIONS, id.toString(), atLeast, Duration.ofSeconds(30))
        .stream()
        .map(v -> v == null ? null : ((dev.earshot.events.Connection) v).getStatus())
        .toList();
  }
}
