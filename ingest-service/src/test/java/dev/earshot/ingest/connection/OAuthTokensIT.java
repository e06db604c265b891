package dev.earshot.ingest.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.earshot.events.Topics;
import dev.earshot.ingest.GongStub;
import dev.earshot.ingest.GongStub.Answer;
import dev.earshot.ingest.IngestServiceTest;
import dev.earshot.ingest.IngestTestSupport;
import dev.earshot.ingest.connection.oauth.RefreshingTokens;
import dev.earshot.kit.security.LocalTokenIssuer;
import dev.earshot.testing.ApiCalls;
import dev.earshot.testing.EmbeddedDatabase;
import dev.earshot.testing.TestTokens;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
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
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What Gong's token endpoint may answer, against a stub that rotates refresh tokens as Gong does
 * (the old one dies once answered): refreshes one connection per transaction (review C3), answers
 * without {@code refresh_token} or {@code expires_in}, and answers that never come.
 */
@IngestServiceTest
@EmbeddedKafka(partitions = 1, topics = Topics.CONNECTIONS)
@ExtendWith(OutputCaptureExtension.class)
class OAuthTokensIT {

  static final String TOKEN_PATH = "/oauth2/generate-customer-token";

  @AutoClose static final EmbeddedDatabase postgres = IngestTestSupport.postgres();
  static final GongStub gong = GongStub.start();
  static final RotatingTokens tokens = new RotatingTokens();

  static final Path CASE_11 = Path.of("../../shared/field-cases/11-oauth-token-without-base-url");
  static final JsonMapper json = JsonMapper.builder().build();
  static final HttpClient http = HttpClient.newHttpClient();

  @LocalServerPort int port;
  @Autowired LocalTokenIssuer issuer;
  @Autowired RefreshingTokens refreshing;
  @Autowired ConnectionRepository repository;
  @Autowired SecretsCodec codec;
  @Autowired JdbcClient jdbc;
  @Autowired MeterRegistry meters;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    IngestTestSupport.register(registry, postgres);
    registry.add("earshot.ingest.allowed-local-gong-origins", gong::baseUrl);
    registry.add("earshot.ingest.oauth.token-url", () -> gong.baseUrl() + TOKEN_PATH);
    registry.add("earshot.ingest.oauth.authorize-url", () -> gong.baseUrl() + "/oauth2/authorize");
    registry.add("earshot.ingest.oauth.client-id", () -> "stub-client");
    registry.add("earshot.ingest.oauth.client-secret", () -> "stub-secret");
    registry.add("earshot.ingest.oauth.fallback-api-base-url", gong::baseUrl);
  }

  @AfterEach
  void clean() {
    gong.reset();
    tokens.reset();
    jdbc.sql("delete from connection").update();
  }

  @AfterAll
  static void stop() {
    gong.close();
  }

  // ------------------------------------------------------------------ refresh

  @Test
  void anAnswerWithoutARefreshTokenNeverCostsTheOtherConnectionsTheirRotatedTokens() {
    // given three due connections, refreshed in this order; Gong's answer for the second has no
    // refresh_token, the third's no expires_in
    UUID first = seed("org-r1", "grant-1", Instant.now().plusSeconds(10));
    UUID second = seed("org-r2", "grant-2", Instant.now().plusSeconds(20));
    UUID third = seed("org-r3", "grant-3", Instant.now().plusSeconds(30));
    tokens.withoutRefreshToken.add("grant-2");
    tokens.withoutExpiresIn.add("grant-3");
    gong.handle("POST", TOKEN_PATH, tokens::answer);

    // when the refresher runs
    Instant before = Instant.now();
    int refreshed = refreshing.refreshDue();

    // then every connection holds tokens Gong accepts: the first's rotation was committed, the
    // second kept the refresh token Gong did not replace
    assertThat(refreshed).isEqualTo(3);
    for (UUID id : new UUID[] {first, second, third}) {
      GongSecrets.OAuth stored = stored(id);
      assertThat(tokens.acceptsRefresh(stored.refreshToken()))
          .as("refresh token of " + id)
          .isTrue();
      assertThat(tokens.acceptsAccess(stored.accessToken())).as("access token of " + id).isTrue();
    }
    assertThat(stored(first).refreshToken()).isNotEqualTo("rt-grant-1-0");
    assertThat(stored(second).refreshToken()).isEqualTo("rt-grant-2-0");
    assertThat(tokenExpiresAt(first)).isAfter(before.plus(Duration.ofHours(23)));
    assertThat(tokenExpiresAt(third))
        .isBetween(
            before.plus(Duration.ofMinutes(59)).truncatedTo(ChronoUnit.SECONDS),
            Instant.now().plus(Duration.ofHours(1)));
  }

  @Test
  void oneConnectionThatCannotBeRefreshedNeverStopsTheOthersRefreshes() {
    // given, due first, a connection stored without a refresh token (the callback took such grants
    // until 2026-12-03); second, one whose credentials cannot be decrypted; third, a sound one
    UUID noRefresh = seed("org-none", "grant-none", Instant.now().plusSeconds(10));
    GongSecrets.OAuth sealed = stored(noRefresh);
    jdbc.sql("update connection set credentials = :c where id = :id")
        .param(
            "c",
            codec.seal(
                noRefresh,
                new GongSecrets.OAuth(
                    sealed.accessToken(), null, sealed.expiresAt(), "client", "secret")))
        .param("id", noRefresh)
        .update();
    UUID unreadable = seed("org-unreadable", "grant-unreadable", Instant.now().plusSeconds(20));
    jdbc.sql("update connection set credentials = :c where id = :id")
        .param("c", new byte[] {1, 2, 3, 4, 5, 6, 7, 8})
        .param("id", unreadable)
        .update();
    UUID sound = seed("org-sound", "grant-sound", Instant.now().plusSeconds(30));
    gong.handle("POST", TOKEN_PATH, tokens::answer);
    double failedBefore = outcomes("failed");

    // when the refresher runs twice
    int first = refreshing.refreshDue();
    int second = refreshing.refreshDue();

    // then the sound connection was refreshed; the one without a refresh token is held with a
    // reason (not locked again), the unreadable one failed on each run and is tried again
    assertThat(first).isEqualTo(1);
    assertThat(second).isZero();
    assertThat(stored(sound).refreshToken()).isNotEqualTo("rt-grant-sound-0");
    assertThat(tokens.acceptsRefresh(stored(sound).refreshToken())).isTrue();
    assertThat(tokenRefresh(noRefresh)).isEqualTo("HELD");
    assertThat(reason(noRefresh)).contains("no refresh token", "Connect again");
    assertThat(outcomes("failed") - failedBefore).isEqualTo(2);
    assertThat(gong.requests("POST", TOKEN_PATH)).isEqualTo(1);
  }

  @Test
  void aCodeExchangeAnsweredWithoutARefreshTokenIsA502AndStoresNothing() throws Exception {
    gong.answer("GET", "/v2/users", GongStub.users(2));
    gong.answer(
        "POST",
        TOKEN_PATH,
        Answer.json(
            200,
            "{\"access_token\":\"at-no-refresh\",\"token_type\":\"bearer\",\"expires_in\":86400,"
                + "\"scope\":\"api:users:read\",\"api_base_url_for_customer\":\""
                + gong.baseUrl()
                + "\"}"));

    HttpResponse<String> result = connectOAuth("org-no-refresh");

    assertThat(result.statusCode()).as(result.body()).isEqualTo(502);
    JsonNode problem = json.readTree(result.body());
    assertThat(problem.get("type").asString()).endsWith("/gong-unavailable");
    assertThat(problem.get("detail").asString()).contains("refresh_token");
    assertThat(jdbc.sql("select count(*) from connection").query(Long.class).single()).isZero();
  }

  @Test
  void aRefreshWhoseAnswerIsLostIsNotRetriedAndIsReportedAsUnknown(CapturedOutput output) {
    // given a due connection whose refresh Gong carries out but whose answer never arrives
    UUID id = seed("org-lost", "grant-lost", Instant.now().plusSeconds(10));
    tokens.dropAnswerFor.add("grant-lost");
    gong.handle("POST", TOKEN_PATH, tokens::answer);
    double unknownBefore = outcomes("unknown");

    // when the refresher runs
    int refreshed = refreshing.refreshDue();

    // then the refresh was sent once, never again, and its outcome is unknown
    assertThat(refreshed).isZero();
    assertThat(gong.requests("POST", TOKEN_PATH)).isEqualTo(1);
    assertThat(outcomes("unknown")).isEqualTo(unknownBefore + 1);
    assertThat(tokenRefresh(id)).isEqualTo("OUTCOME_UNKNOWN");
    assertThat(status(id)).isEqualTo("CONNECTED");

    // when the next run presents the old refresh token, which Gong consumed
    double failuresBefore =
        meters.counter("earshot.ingest.token_refresh.failures", "org", "org-lost").count();
    refreshing.refreshDue();

    // then the connection is not silently unauthorized: it is held for an admin, with one alert
    assertThat(gong.requests("POST", TOKEN_PATH)).isEqualTo(2);
    assertThat(status(id)).isEqualTo("CONNECTED");
    assertThat(tokenRefresh(id)).isEqualTo("HELD");
    assertThat(reason(id)).contains("answer was lost", "Connect again through OAuth");
    assertThat(
            output.getOut().lines().filter(l -> l.contains("gong_token_refresh_outcome_unknown")))
        .hasSize(1);
    assertThat(output.getOut()).doesNotContain("gong_token_refresh_failed");
    // and it counts as a refresh failure of the org (the counter EarshotTokenRefreshFailing reads)
    assertThat(meters.counter("earshot.ingest.token_refresh.failures", "org", "org-lost").count())
        .isEqualTo(failuresBefore + 1);

    // and no further refresh is attempted
    refreshing.refreshDue();
    assertThat(gong.requests("POST", TOKEN_PATH)).isEqualTo(2);
  }

  @Test
  void aLostAnswerGongNeverActedOnIsResolvedByTheNextRun() {
    UUID id = seed("org-blip", "grant-blip", Instant.now().plusSeconds(10));
    gong.answer("POST", TOKEN_PATH, Answer.dropped());
    refreshing.refreshDue();
    assertThat(tokenRefresh(id)).isEqualTo("OUTCOME_UNKNOWN");

    gong.handle("POST", TOKEN_PATH, tokens::answer);
    int refreshed = refreshing.refreshDue();

    assertThat(refreshed).isEqualTo(1);
    assertThat(tokenRefresh(id)).isNull();
    assertThat(tokens.acceptsRefresh(stored(id).refreshToken())).isTrue();
  }

  @Test
  void aRefusedRefreshMarksTheConnectionUnauthorizedOnceThroughTheRefusals(CapturedOutput output) {
    UUID id = seed("org-revoked", "grant-revoked", Instant.now().plusSeconds(10));
    gong.answer(
        "POST",
        TOKEN_PATH,
        Answer.json(
            400,
            "{\"error\":\"invalid_grant\",\"error_description\":\"The refresh token is invalid\"}"));
    double refusedBefore =
        meters.counter("earshot.ingest.connection.refused", "reason", "unauthorized").count();

    refreshing.refreshDue();
    refreshing.refreshDue();

    assertThat(status(id)).isEqualTo("UNAUTHORIZED");
    assertThat(reason(id)).contains("invalid_grant", "Connect again");
    assertThat(gong.requests("POST", TOKEN_PATH)).isEqualTo(1);
    assertThat(
            meters.counter("earshot.ingest.connection.refused", "reason", "unauthorized").count())
        .isEqualTo(refusedBefore + 1);
    assertThat(output.getOut().lines().filter(l -> l.contains("gong_token_refresh_failed")))
        .hasSize(1);
  }

  // ------------------------------------------------------------------ field case 11

  /**
   * Field case 11: each token answer (HTTP 200) for a callback; never a 500. With {@code
   * api_base_url_for_customer} the host is stored normalised as {@code expected.json} says; without
   * it the fallback host is stored once Gong lists users there with the new token (the fallback is
   * this stub here; {@code https://api.gong.io} by default).
   */
  @Test
  void everyTokenAnswerOfFieldCase11ConnectsWithTheExpectedBaseUrl() throws Exception {
    assumeTrue(Files.exists(CASE_11.resolve("expected.json")));
    JsonNode expected = json.readTree(CASE_11.resolve("expected.json").toFile());
    gong.answer("GET", "/v2/users", GongStub.users(2));
    int i = 0;
    for (var file : expected.properties()) {
      String org = "org-token-" + i++;
      gong.answer("POST", TOKEN_PATH, Answer.file(200, CASE_11.resolve(file.getKey())));

      HttpResponse<String> result = connectOAuth(org);

      assertThat(result.statusCode()).as(file.getKey() + ": " + result.body()).isBetween(200, 299);
      String stored = current(org).get("workspace").asString();
      String baseUrl = file.getValue().path("baseUrl").asString(null);
      assertThat(stored).as(file.getKey()).isEqualTo(baseUrl == null ? gong.baseUrl() : baseUrl);
      jdbc.sql("delete from connection").update();
    }
  }

  @Test
  void anAnswerWithoutTheApiHostWhoseFallbackRefusesTheTokenIsA502NeverA500() throws Exception {
    assumeTrue(Files.exists(CASE_11.resolve("token-no-base-url.json")));
    gong.answer("POST", TOKEN_PATH, Answer.file(200, CASE_11.resolve("token-no-base-url.json")));
    gong.answer("GET", "/v2/users", Answer.error(401, "access token has been revoked"));

    HttpResponse<String> result = connectOAuth("org-eu");

    assertThat(result.statusCode()).isEqualTo(502);
    JsonNode problem = json.readTree(result.body());
    assertThat(problem.get("type").asString()).endsWith("/gong-api-host-unknown");
    assertThat(problem.get("detail").asString())
        .contains("api_base_url_for_customer", "access token has been revoked", "access key");
    assertThat(jdbc.sql("select count(*) from connection").query(Long.class).single()).isZero();
  }

  HttpResponse<String> connectOAuth(String org) throws Exception {
    HttpResponse<String> started =
        call("POST", "/api/v1/connections/oauth/start", admin(org), null, null);
    assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
    String setCookie = started.headers().firstValue("Set-Cookie").orElseThrow();
    URI authorize = URI.create(json.readTree(started.body()).get("authorizeUrl").asString());
    String state = RotatingTokens.query(authorize.getRawQuery()).get("state");
    return call(
        "GET",
        "/api/v1/connections/oauth/callback?code=anything&state="
            + URLEncoder.encode(state, StandardCharsets.UTF_8),
        null,
        null,
        setCookie.substring(0, setCookie.indexOf(';')));
  }

  JsonNode current(String org) throws Exception {
    HttpResponse<String> read = call("GET", "/api/v1/connections/current", admin(org), null, null);
    assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
    return json.readTree(read.body());
  }

  String admin(String org) {
    return TestTokens.admin(issuer::issue, org);
  }

  HttpResponse<String> call(String method, String path, String token, String body, String cookie)
      throws Exception {
    return ApiCalls.send(port, method, path, token, body, cookie);
  }

  // ------------------------------------------------------------------ helpers

  /**
   * An OAuth connection whose grant the token stub knows, its token expiring at {@code expires}.
   */
  UUID seed(String org, String grant, Instant expires) {
    UUID id = UUID.randomUUID();
    String refresh = tokens.issue(grant);
    GongSecrets.OAuth secrets =
        new GongSecrets.OAuth(tokens.access.get(grant), refresh, expires, "client", "secret");
    Instant now = Instant.now();
    repository.insert(
        new WorkspaceConnection(
            id,
            org,
            AuthMethod.OAUTH,
            "https://" + grant + ".api.gong.io",
            ConnectionState.CONNECTED,
            null,
            Set.of(),
            "••••ient",
            "••••cret",
            expires,
            null,
            "hash",
            null,
            now,
            now,
            null,
            null),
        codec.seal(id, secrets),
        codec.primaryKeyId());
    return id;
  }

  GongSecrets.OAuth stored(UUID id) {
    return (GongSecrets.OAuth) codec.open(id, repository.find(id).orElseThrow().credentials());
  }

  Instant tokenExpiresAt(UUID id) {
    return repository.find(id).orElseThrow().connection().tokenExpiresAt();
  }

  String tokenRefresh(UUID id) {
    return repository.find(id).orElseThrow().tokenRefresh();
  }

  String status(UUID id) {
    return repository.find(id).orElseThrow().connection().status().name();
  }

  String reason(UUID id) {
    return repository.find(id).orElseThrow().connection().statusReason();
  }

  double outcomes(String outcome) {
    return meters.counter("earshot.ingest.token_refresh", "outcome", outcome).count();
  }

  /**
   * Gong's token endpoint as integrators describe it: each refresh issues a new access and refresh
   * token and the presented refresh token stops working. Per grant, the answer can leave out {@code
   * refresh_token} (the old one then stays valid) or {@code expires_in}, or be lost after the
   * rotation happened.
   */
  static final class RotatingTokens {
    final Map<String, String> liveRefresh = new ConcurrentHashMap<>();
    final Map<String, String> access = new ConcurrentHashMap<>();
    final Set<String> withoutRefreshToken = ConcurrentHashMap.newKeySet();
    final Set<String> withoutExpiresIn = ConcurrentHashMap.newKeySet();
    final Set<String> dropAnswerFor = ConcurrentHashMap.newKeySet();
    final AtomicInteger issued = new AtomicInteger();

    void reset() {
      liveRefresh.clear();
      access.clear();
      withoutRefreshToken.clear();
      withoutExpiresIn.clear();
      dropAnswerFor.clear();
    }

    /** A first refresh token (and access token) for a grant. */
    String issue(String grant) {
      String refresh = "rt-" + grant + "-0";
      liveRefresh.put(refresh, grant);
      access.put(grant, "at-" + grant + "-0");
      return refresh;
    }

    boolean acceptsRefresh(String refresh) {
      return liveRefresh.containsKey(refresh);
    }

    boolean acceptsAccess(String token) {
      return access.containsValue(token);
    }

    Answer answer(GongStub.Request request) {
      Map<String, String> params = query(request.query());
      String grant = liveRefresh.remove(params.getOrDefault("refresh_token", ""));
      if (grant == null || !"refresh_token".equals(params.get("grant_type"))) {
        return Answer.json(
            400, "{\"error\":\"invalid_grant\",\"error_description\":\"invalid or used\"}");
      }
      int n = issued.incrementAndGet();
      String newAccess = "at-" + grant + "-" + n;
      access.put(grant, newAccess);
      StringBuilder body =
          new StringBuilder("{\"access_token\":\"" + newAccess + "\",\"token_type\":\"bearer\"");
      if (withoutRefreshToken.contains(grant)) {
        liveRefresh.put(params.get("refresh_token"), grant);
      } else {
        String newRefresh = "rt-" + grant + "-" + n;
        liveRefresh.put(newRefresh, grant);
        body.append(",\"refresh_token\":\"").append(newRefresh).append('"');
      }
      if (!withoutExpiresIn.contains(grant)) {
        body.append(",\"expires_in\":86400");
      }
      body.append(",\"scope\":\"api:users:read\"}");
      return dropAnswerFor.contains(grant) ? Answer.dropped() : Answer.json(200, body.toString());
    }

    static Map<String, String> query(String raw) {
      Map<String, String> out = new LinkedHashMap<>();
      if (raw == null) {
        return out;
      }
      for (String pair : raw.split("&")) {
        String[] kv = pair.split("=", 2);
        out.put(kv[0], kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
      }
      return out;
    }
  }
}
