package dev.earshot.ingest.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.earshot.events.Topics;
import dev.earshot.gong.simulator.GongSimulator;
import dev.earshot.gong.simulator.SimulatorConfig;
import dev.earshot.ingest.IngestServiceTest;
import dev.earshot.ingest.IngestTestSupport;
import dev.earshot.ingest.connection.ConnectingWithApiKey;
import dev.earshot.kit.security.LocalTokenIssuer;
import dev.earshot.testing.ApiCalls;
import dev.earshot.testing.EmbeddedDatabase;
import dev.earshot.testing.TestTokens;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The internal read API end to end: the real service, PostgreSQL, a KRaft broker and the Gong
 * simulator (its corpus has private calls). Service tokens read calls through the connection's
 * client and limiter; user tokens never reach the internal API, service tokens never reach the
 * public one; a private call is never shown.
 */
@IngestServiceTest
@EmbeddedKafka(partitions = 1, topics = Topics.CONNECTIONS)
class InternalReadApiIT {

  @AutoClose static final EmbeddedDatabase postgres = IngestTestSupport.postgres();
  static final GongSimulator gong = IngestTestSupport.simulator(60, 1818, 1_000);
  static final JsonMapper json = JsonMapper.builder().build();
  static final String AUDIENCE = "earshot-ingest-internal";

  @LocalServerPort int port;
  @Autowired LocalTokenIssuer tokens;
  @Autowired MeterRegistry meters;
  @Autowired JdbcClient jdbc;
  @Autowired ConnectingWithApiKey connecting;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    IngestTestSupport.register(registry, postgres, gong);
  }

  @AfterEach
  void clean() {
    gong.resetQuota(null);
    jdbc.sql("delete from connection").update();
  }

  @AfterAll
  static void stop() {
    gong.close();
  }

  @Test
  void aServiceTokenReadsACallsSummaryThroughTheConnectionsClient() throws Exception {
    UUID connection = IngestTestSupport.connect(connecting, "org-internal", gong, null);
    String callId = calls(false).getFirst();
    double before = proxiedReads(connection);

    HttpResponse<String> answer =
        ApiCalls.get(port, "/internal/v1/orgs/org-internal/calls/" + callId, service());

    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    JsonNode call = json.readTree(answer.body());
    assertThat(call.path("id").asString()).isEqualTo(callId);
    assertThat(call.path("url").asString()).isNotBlank();
    assertThat(call.path("durationSeconds").asLong()).isPositive();
    assertThat(call.path("participants").size()).isPositive();
    assertThat(call.has("brief")).isTrue();
    assertThat(call.has("keyPoints")).isTrue();
    assertThat(call.has("transcript")).isFalse();
    assertThat(proxiedReads(connection) - before).isEqualTo(1);
  }

  @Test
  void aCallGongDoesNotKnowIsNotFoundAndCountedSo() throws Exception {
    IngestTestSupport.connect(connecting, "org-unknown-call", gong, null);
    double before = reads("call", "not_found");

    HttpResponse<String> answer =
        ApiCalls.get(
            port, "/internal/v1/orgs/org-unknown-call/calls/5120043019999999999", service());

    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(404);
    assertThat(answer.body()).contains("gong-call-not-found");
    assertThat(reads("call", "not_found") - before).isEqualTo(1.0);
  }

  private double reads(String operation, String outcome) {
    var counter =
        meters
            .find("earshot.ingest.internal.reads")
            .tags("operation", operation, "outcome", outcome)
            .counter();
    return counter == null ? 0 : counter.count();
  }

  @Test
  void aPrivateCallIsNeverShownNeitherAloneNorInAWindow() throws Exception {
    IngestTestSupport.connect(connecting, "org-private", gong, null);
    List<String> privateCalls = calls(true);
    assertThat(privateCalls).as("the corpus has private calls").isNotEmpty();

    for (String callId : privateCalls) {
      HttpResponse<String> answer =
          ApiCalls.get(port, "/internal/v1/orgs/org-private/calls/" + callId, service());
      assertThat(answer.statusCode()).as(answer.body()).isEqualTo(404);
      assertThat(answer.body()).contains("private");
    }
    JsonNode window = window("org-private");
    assertThat(window.path("withheld").asInt()).isPositive();
    assertThat(window.path("calls").valueStream().map(c -> c.path("id").asString()))
        .doesNotContainAnyElementsOf(privateCalls)
        .isNotEmpty();
  }

  @Test
  void userTokensAreRefusedOnTheInternalApiAndServiceTokensOnThePublicOne() throws Exception {
    IngestTestSupport.connect(connecting, "org-tokens", gong, null);
    String path = "/internal/v1/orgs/org-tokens/calls/" + calls(false).getFirst();

    HttpResponse<String> admin =
        ApiCalls.get(port, path, TestTokens.admin(tokens::issue, "org-tokens"));
    HttpResponse<String> member =
        ApiCalls.get(port, path, TestTokens.member(tokens::issue, "org-tokens"));
    HttpResponse<String> otherAudience =
        ApiCalls.get(
            port,
            path,
            tokens.issueForService("assistant-service", "earshot-other", Duration.ofMinutes(5)));
    HttpResponse<String> none = ApiCalls.get(port, path, null);
    HttpResponse<String> publicApi = ApiCalls.get(port, "/api/v1/connections/current", service());
    HttpResponse<String> proxy = ApiCalls.get(port, "/api/v1/gong/v2/users", service());

    assertThat(admin.statusCode()).as(admin.body()).isEqualTo(403);
    assertThat(admin.body()).contains("only service tokens");
    assertThat(member.statusCode()).isEqualTo(403);
    assertThat(otherAudience.statusCode()).as(otherAudience.body()).isIn(401, 403);
    assertThat(none.statusCode()).isEqualTo(401);
    assertThat(publicApi.statusCode()).as(publicApi.body()).isEqualTo(403);
    assertThat(publicApi.body()).contains("internal API");
    assertThat(proxy.statusCode()).isEqualTo(403);
  }

  @Test
  void badInputAndMissingConnectionsAreAnsweredWithTheirReason() throws Exception {
    IngestTestSupport.connect(connecting, "org-bad-input", gong, null);

    HttpResponse<String> badWindow =
        ApiCalls.get(port, "/internal/v1/orgs/org-bad-input/calls?from=yesterday", service());
    HttpResponse<String> noFrom =
        ApiCalls.get(port, "/internal/v1/orgs/org-bad-input/calls", service());
    HttpResponse<String> badId =
        ApiCalls.get(port, "/internal/v1/orgs/org-bad-input/calls/a.b", service());
    HttpResponse<String> noConnection =
        ApiCalls.get(port, "/internal/v1/orgs/org-unknown/calls/123", service());

    assertThat(badWindow.statusCode()).isEqualTo(400);
    assertThat(badWindow.body()).contains("ISO-8601");
    assertThat(noFrom.statusCode()).isEqualTo(400);
    assertThat(badId.statusCode()).isIn(400, 404);
    assertThat(noConnection.statusCode()).isEqualTo(404);
    assertThat(noConnection.body()).contains("no Gong connection");
  }

  @Test
  void gongsRateLimitIsRelayedWithRetryAfterAndHoldsTheConnectionAsTheProxyDoes() throws Exception {
    IngestTestSupport.connect(connecting, "org-limited", gong, null);
    String callId = calls(false).getFirst();
    gong.exhaustQuota("key:" + SimulatorConfig.DEMO_ACCESS_KEY);

    HttpResponse<String> limited =
        ApiCalls.get(port, "/internal/v1/orgs/org-limited/calls/" + callId, service());
    HttpResponse<String> paused =
        ApiCalls.get(
            port, "/internal/v1/orgs/org-limited/calls?from=2026-01-01T00:00:00Z", service());

    assertThat(limited.statusCode()).as(limited.body()).isEqualTo(429);
    assertThat(limited.headers().firstValue("Retry-After")).isPresent();
    // Gong's long Retry-After pauses the connection: the next read does not reach Gong
    assertThat(paused.statusCode()).as(paused.body()).isEqualTo(409);
    assertThat(paused.body()).contains("paused until");
  }

  private JsonNode window(String org) throws Exception {
    String from = gong.now().minus(Duration.ofDays(400)).toString();
    String to = gong.now().plus(Duration.ofDays(1)).toString();
    HttpResponse<String> answer =
        ApiCalls.get(
            port, "/internal/v1/orgs/" + org + "/calls?from=" + from + "&to=" + to, service());
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    return json.readTree(answer.body());
  }

  private static List<String> calls(boolean privateOnes) {
    return gong.groundTruth().stream()
        .filter(call -> Boolean.valueOf(privateOnes).equals(call.get("is_private")))
        .map(call -> (String) call.get("call_id"))
        .toList();
  }

  private String service() {
    return tokens.issueForService("assistant-service", AUDIENCE, Duration.ofMinutes(5));
  }

  private double proxiedReads(UUID connection) {
    var counter =
        meters
            .find("gong.client.requests")
            .tag("connection", connection.toString())
            .tag("endpoint", "proxied_read")
            .counter();
    return counter == null ? 0 : counter.count();
  }
}
