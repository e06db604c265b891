package dev.earshot.ingest.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.crypto.tink.KeysetHandle;
import dev.earshot.events.Topics;
import dev.earshot.gong.auth.OAuthClient;
import dev.earshot.gong.client.GongApiException;
import dev.earshot.gong.client.GongOAuth;
import dev.earshot.gong.simulator.GongSimulator;
import dev.earshot.gong.simulator.SimulatorConfig;
import dev.earshot.ingest.IngestServiceTest;
import dev.earshot.ingest.IngestTestSupport;
import dev.earshot.ingest.TunnelRecorder;
import dev.earshot.ingest.connection.oauth.RefreshingTokens;
import dev.earshot.ingest.crypto.CredentialCipher;
import dev.earshot.ingest.crypto.KeysetRotation;
import dev.earshot.ingest.crypto.TinkCredentialCipher;
import dev.earshot.kit.security.LocalTokenIssuer;
import dev.earshot.testing.ApiCalls;
import dev.earshot.testing.EmbeddedDatabase;
import dev.earshot.testing.TestTokens;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The connections flow end to end: the real service on a random port, real PostgreSQL, an in-JVM
 * KRaft broker, and two Gong simulators (workspace A for API keys, workspace B for OAuth).
 */
@IngestServiceTest
@TestPropertySource(
    properties = {
      "earshot.ingest.oauth.redirect-uri=http://localhost:9/api/v1/connections/oauth/callback",
      "spring.kafka.producer.properties.interceptor.classes=dev.earshot.ingest.connection.KafkaOutage",
      "spring.kafka.producer.properties.max.block.ms=2000",
      "earshot.ingest.outbox.publish-timeout=5s",
      "earshot.ingest.outbox.resubmit-interval=1s",
      "earshot.ingest.outbox.resubmit-min-age=0s"
    })
@EmbeddedKafka(partitions = 1, topics = Topics.CONNECTIONS)
@ExtendWith(OutputCaptureExtension.class)
class ConnectionsIT {

  /**
   * Closed by JUnit after the Spring context (which is closed after the class): the context's
   * shutdown still reads the database, and a stopped server makes it wait 30 s for a connection.
   */
  @AutoClose static final EmbeddedDatabase postgres = EmbeddedDatabase.start("ingest");

  static final GongSimulator workspaceA = simulator(List.of());
  static final GongSimulator workspaceB =
      simulator(
          List.of(
              new SimulatorConfig.OAuthApp(
                  SimulatorConfig.DEMO_CLIENT_ID,
                  SimulatorConfig.DEMO_CLIENT_SECRET,
                  SimulatorConfig.ALL_SCOPES,
                  Set.of(),
                  true),
              new SimulatorConfig.OAuthApp(
                  "no-transcripts",
                  "nt-secret",
                  Set.of("api:calls:read:basic", "api:calls:read:extensive", "api:users:read"),
                  Set.of(),
                  true),
              new SimulatorConfig.OAuthApp(
                  "pending", "p-secret", SimulatorConfig.ALL_SCOPES, Set.of(), false)));
  static final SwitchableCipher cipher = new SwitchableCipher();
  static final JsonMapper json = JsonMapper.builder().build();
  static final HttpClient http =
      HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

  @LocalServerPort int port;
  @Autowired LocalTokenIssuer tokens;
  @Autowired JdbcClient jdbc;
  @Autowired EmbeddedKafkaBroker broker;
  @Autowired RefreshingTokens refreshing;
  @Autowired ReEncryptingCredentials reEncrypting;
  @Autowired SecretsCodec codec;
  @Autowired MeterRegistry meters;

  static GongSimulator simulator(List<SimulatorConfig.OAuthApp> apps) {
    try {
      SimulatorConfig config =
          SimulatorConfig.defaults()
              .withCorpus(20, 1)
              .withLimits(1_000, 1_000_000)
              .withAccessTokenTtl(Duration.ofMinutes(2));
      return GongSimulator.start(apps.isEmpty() ? config : config.withOAuthApps(apps));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    registry.add("spring.datasource.url", () -> postgres.jdbcUrl("ingest"));
    registry.add("spring.datasource.username", () -> "postgres");
    registry.add(
        "earshot.ingest.crypto.keyset",
        () -> {
          try {
            return dev.earshot.ingest.crypto.KeysetLoader.serialize(cipher.keyset);
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        });
    registry.add(
        "earshot.ingest.allowed-local-gong-origins",
        () -> workspaceA.baseUrl() + "," + workspaceB.baseUrl());
    registry.add("earshot.ingest.oauth.client-id", () -> SimulatorConfig.DEMO_CLIENT_ID);
    registry.add("earshot.ingest.oauth.client-secret", () -> SimulatorConfig.DEMO_CLIENT_SECRET);
    registry.add(
        "earshot.ingest.oauth.authorize-url", () -> workspaceB.baseUrl() + "/oauth2/authorize");
    registry.add(
        "earshot.ingest.oauth.token-url",
        () -> workspaceB.baseUrl() + "/oauth2/generate-customer-token");
  }

  /** A cipher whose keyset the test can rotate, as an operator would by mounting a new keyset. */
  static final class SwitchableCipher implements CredentialCipher {
    final AtomicReference<TinkCredentialCipher> current = new AtomicReference<>();
    KeysetHandle keyset;

    SwitchableCipher() {
      use(generate());
    }

    static KeysetHandle generate() {
      try {
        return dev.earshot.ingest.crypto.KeysetLoader.generate();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }

    void use(KeysetHandle handle) {
      keyset = handle;
      current.set(new TinkCredentialCipher(handle));
    }

    public byte[] encrypt(byte[] p, byte[] ad) {
      return current.get().encrypt(p, ad);
    }

    public byte[] decrypt(byte[] c, byte[] ad) {
      return current.get().decrypt(c, ad);
    }

    public long primaryKeyId() {
      return current.get().primaryKeyId();
    }

    public long keyIdOf(byte[] c) {
      return current.get().keyIdOf(c);
    }
  }

  @TestConfiguration
  static class Cipher {
    @Bean
    @Primary
    CredentialCipher testCipher() {
      return cipher;
    }
  }

  @AfterEach
  void clean() {
    jdbc.sql("delete from connection").update();
  }

  @AfterAll
  static void stopAll() throws Exception {
    workspaceA.close();
    workspaceB.close();
  }

  // ------------------------------------------------------------------ helpers

  String admin(String org) {
    return TestTokens.admin(tokens::issue, org);
  }

  String member(String org) {
    return TestTokens.member(tokens::issue, org);
  }

  HttpResponse<String> call(String method, String path, String token, String body)
      throws Exception {
    return ApiCalls.send(port, method, path, token, body, null);
  }

  HttpResponse<String> connectApiKey(String org, String baseUrl, String key, String secret)
      throws Exception {
    return call(
        "POST",
        "/api/v1/connections/api-key",
        admin(org),
        json.writeValueAsString(Map.of("baseUrl", baseUrl, "accessKey", key, "secret", secret)));
  }

  HttpResponse<String> connectDemo(String org) throws Exception {
    return connectApiKey(
        org,
        workspaceA.baseUrl(),
        SimulatorConfig.DEMO_ACCESS_KEY,
        SimulatorConfig.DEMO_ACCESS_SECRET);
  }

  static JsonNode body(HttpResponse<String> response) {
    return json.readTree(response.body());
  }

  /** Walks Gong's consent page as the admin and returns the callback's query parameters. */
  static Map<String, String> consent(String authorizeUrl) throws Exception {
    HttpResponse<String> page =
        http.send(
            HttpRequest.newBuilder(URI.create(authorizeUrl)).build(),
            HttpResponse.BodyHandlers.ofString());
    if (page.statusCode() == 302) {
      return query(page.headers().firstValue("Location").orElseThrow());
    }
    Map<String, String> form = new LinkedHashMap<>();
    Matcher hidden = Pattern.compile("name=\"([a-z_]+)\" value=\"([^\"]*)\"").matcher(page.body());
    while (hidden.find()) {
      form.put(hidden.group(1), hidden.group(2).replace("&amp;", "&"));
    }
    form.put("decision", "allow");
    List<String> pairs = new ArrayList<>();
    form.forEach((k, v) -> pairs.add(k + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8)));
    HttpResponse<String> redirect =
        http.send(
            HttpRequest.newBuilder(URI.create(authorizeUrl.substring(0, authorizeUrl.indexOf('?'))))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(String.join("&", pairs)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    return query(redirect.headers().firstValue("Location").orElseThrow());
  }

  static Map<String, String> query(String location) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String pair : URI.create(location).getRawQuery().split("&")) {
      String[] kv = pair.split("=", 2);
      out.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
    }
    return out;
  }

  /** Gong's redirect back to the callback, from a browser holding {@code cookie} (or none). */
  HttpResponse<String> callback(Map<String, String> params, String cookie) throws Exception {
    List<String> pairs = new ArrayList<>();
    params.forEach((k, v) -> pairs.add(k + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8)));
    return ApiCalls.send(
        port,
        "GET",
        "/api/v1/connections/oauth/callback?" + String.join("&", pairs),
        null,
        null,
        cookie);
  }

  /** The {@code name=value} of the cookie {@code POST /oauth/start} set, as a browser keeps it. */
  static String browserCookie(HttpResponse<String> started) {
    String setCookie = started.headers().firstValue("Set-Cookie").orElseThrow();
    return setCookie.substring(0, setCookie.indexOf(';'));
  }

  HttpResponse<String> connectOAuth(String org, String clientId, String clientSecret)
      throws Exception {
    String body =
        clientId == null
            ? null
            : json.writeValueAsString(Map.of("clientId", clientId, "clientSecret", clientSecret));
    HttpResponse<String> started =
        call("POST", "/api/v1/connections/oauth/start", admin(org), body);
    assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
    return callback(consent(body(started).get("authorizeUrl").asString()), browserCookie(started));
  }

  /** Every value published on gong.connections.v1 for a key, in order (null = tombstone). */
  List<SpecificRecord> published(String key, int atLeast) {
    return IngestTestSupport.valuesFor(
        broker, Topics.CONNECTIONS, key, atLeast, Duration.ofSeconds(30));
  }

  // ------------------------------------------------------------------ API key

  @Test
  void anAdminConnectsWithAnApiKeyAndSeesOnlyMasks() throws Exception {
    HttpResponse<String> created = connectDemo("org-a");

    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    JsonNode connection = body(created).get("connection");
    assertThat(connection.get("status").asString()).isEqualTo("connected");
    assertThat(connection.get("authKind").asString()).isEqualTo("api_key");
    assertThat(connection.get("credentials").get("key").asString()).isEqualTo("••••••••0000");
    assertThat(connection.get("credentials").get("secret").asString()).isEqualTo("••••••••tion");
    assertThat(connection.get("lastHealthCheck").get("users").asInt()).isEqualTo(12);
    assertThat(body(created).get("webhookUrl").asString())
        .contains("/webhooks/gong/" + connection.get("id").asString());
    assertThat(created.body())
        .doesNotContain(SimulatorConfig.DEMO_ACCESS_SECRET, SimulatorConfig.DEMO_ACCESS_KEY);
    HttpResponse<String> read = call("GET", "/api/v1/connections/current", member("org-a"), null);
    assertThat(read.statusCode()).isEqualTo(200);
    assertThat(read.body()).doesNotContain(SimulatorConfig.DEMO_ACCESS_SECRET);
    byte[] stored = jdbc.sql("select credentials from connection").query(byte[].class).single();
    assertThat(new String(stored, StandardCharsets.ISO_8859_1))
        .doesNotContain(SimulatorConfig.DEMO_ACCESS_SECRET);
  }

  @Test
  void theConnectionStateIsPublishedWithTheWebhookKeyHashAndNoSecret() throws Exception {
    String id = body(connectDemo("org-pub")).get("connection").get("id").asString();

    List<SpecificRecord> values = published(id, 1);

    dev.earshot.events.Connection state = (dev.earshot.events.Connection) values.getFirst();
    assertThat(state.getOrgId()).isEqualTo("org-pub");
    assertThat(state.getStatus()).isEqualTo(dev.earshot.events.ConnectionStatus.CONNECTED);
    assertThat(state.getWebhookKeyHash()).hasSize(64);
    assertThat(state.toString()).doesNotContain(SimulatorConfig.DEMO_ACCESS_SECRET);
  }

  @Test
  void blankFieldsAreA400NamingEachField() throws Exception {
    HttpResponse<String> response =
        call(
            "POST",
            "/api/v1/connections/api-key",
            admin("org-b"),
            "{\"baseUrl\":\"\",\"accessKey\":\"k\",\"secret\":\" \"}");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(body(response).get("detail").asString())
        .contains("baseUrl", "secret")
        .doesNotContain("accessKey");
  }

  @Test
  void aHostileBaseUrlIsRefusedBeforeAnyRequestLeaves() throws Exception {
    long before = workspaceA.counters().requests();

    HttpResponse<String> response = connectApiKey("org-b", "https://gong.io.evil.com", "k", "s");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(body(response).get("type").asString()).endsWith("/invalid-base-url");
    assertThat(workspaceA.counters().requests()).isEqualTo(before);
  }

  /**
   * Field case 12: each base URL an admin pastes, through {@code POST /api-key} with the production
   * guard. Refused ones are a 400 before any request leaves (naming the API host for the web-app
   * host); accepted ones are normalised and their users check goes to that host (here into a
   * recording proxy that refuses the tunnel, so they end 502: offline, as the case allows).
   */
  @Test
  void baseUrlsAdminsPasteAreRefusedBeforeAnyRequestOrSentToTheirNormalisedApiHost()
      throws Exception {
    Path inputs = Path.of("../../shared/field-cases/12-base-url-typed-by-admin/inputs.json");
    assumeTrue(Files.exists(inputs));
    JsonNode cases = json.readTree(inputs.toFile());
    try (TunnelRecorder proxy = TunnelRecorder.install()) {
      int i = 0;
      for (JsonNode entry : cases) {
        String pasted = entry.get("baseUrl").asString();
        JsonNode expect = entry.get("expect");
        int tunnelsBefore = proxy.targets().size();

        HttpResponse<String> response = connectApiKey("org-paste-" + i++, pasted, "k", "s");

        List<String> tunnels = proxy.targets().subList(tunnelsBefore, proxy.targets().size());
        Optional<String> stored = expectedStoredHost(expect);
        if (stored.isPresent()) {
          assertThat(response.statusCode()).as(pasted + " " + response.body()).isEqualTo(502);
          assertThat(tunnels).as(pasted).isNotEmpty().allMatch((stored.get() + ":443")::equals);
        } else {
          assertThat(response.statusCode()).as(pasted + " " + response.body()).isEqualTo(400);
          assertThat(body(response).get("type").asString()).endsWith("/invalid-base-url");
          assertThat(tunnels).as(pasted).isEmpty();
          String problem = expect.path("problem").asString("");
          Matcher host = Pattern.compile("[a-z0-9-]+\\.api\\.gong\\.io").matcher(problem);
          if (host.find()) {
            assertThat(body(response).get("detail").asString()).as(pasted).contains(host.group());
          }
          if (problem.contains("web-app")) {
            assertThat(body(response).get("detail").asString()).as(pasted).contains("web app");
          }
          if (problem.contains("https only")) {
            assertThat(body(response).get("detail").asString()).as(pasted).contains("https");
          }
        }
      }
    }
    assertThat(jdbc.sql("select count(*) from connection").query(Long.class).single()).isZero();
  }

  /** The host an accepted input is stored as: {@code stored}, or "... (stored https://host)". */
  static Optional<String> expectedStoredHost(JsonNode expect) {
    String stored = expect.path("stored").asString(null);
    if (stored == null) {
      Matcher inText =
          Pattern.compile("stored (https://[^)\\s]+)").matcher(expect.path("status").asString(""));
      stored = inText.find() ? inText.group(1) : null;
    }
    return Optional.ofNullable(stored).map(url -> URI.create(url).getHost());
  }

  @Test
  void credentialsGongRejectsAreA422AndNothingIsStored() throws Exception {
    HttpResponse<String> response =
        connectApiKey(
            "org-b", workspaceA.baseUrl(), SimulatorConfig.DEMO_ACCESS_KEY, "wrong-secret");

    assertThat(response.statusCode()).isEqualTo(422);
    assertThat(body(response).get("detail").asString()).contains("Copy them again");
    assertThat(jdbc.sql("select count(*) from connection").query(Long.class).single()).isZero();
  }

  @Test
  void membersMayReadButNotConnectOrDisconnect() throws Exception {
    connectDemo("org-c");

    HttpResponse<String> connect =
        call(
            "POST",
            "/api/v1/connections/api-key",
            member("org-c"),
            "{\"baseUrl\":\"x\",\"accessKey\":\"k\",\"secret\":\"s\"}");
    HttpResponse<String> delete =
        call("DELETE", "/api/v1/connections/current", member("org-c"), null);
    HttpResponse<String> anonymous = call("GET", "/api/v1/connections/current", null, null);

    assertThat(connect.statusCode()).isEqualTo(403);
    assertThat(delete.statusCode()).isEqualTo(403);
    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(call("GET", "/api/v1/connections/current", member("org-c"), null).statusCode())
        .isEqualTo(200);
  }

  @Test
  void anOrgNeverSeesOrTouchesAnotherOrgsConnection() throws Exception {
    connectDemo("org-d");

    assertThat(call("GET", "/api/v1/connections/current", admin("org-e"), null).statusCode())
        .isEqualTo(404);
    assertThat(call("DELETE", "/api/v1/connections/current", admin("org-e"), null).statusCode())
        .isEqualTo(404);
    assertThat(
            call("PATCH", "/api/v1/connections/current", admin("org-e"), "{\"secret\":\"x\"}")
                .statusCode())
        .isEqualTo(404);
    assertThat(call("GET", "/api/v1/connections/current", admin("org-d"), null).statusCode())
        .isEqualTo(200);
  }

  @Test
  void aWorkspaceBelongsToOneOrgOnly() throws Exception {
    connectDemo("org-f");

    HttpResponse<String> second = connectDemo("org-g");

    assertThat(second.statusCode()).isEqualTo(409);
    assertThat(body(second).get("type").asString()).endsWith("/workspace-linked-to-another-org");
  }

  @Test
  void editingKeepsBlankFieldsAndVerifiesReplacedOnes() throws Exception {
    connectDemo("org-h");

    HttpResponse<String> untouched =
        call(
            "PATCH",
            "/api/v1/connections/current",
            admin("org-h"),
            "{\"secret\":\"\",\"accessKey\":null}");
    HttpResponse<String> wrong =
        call("PATCH", "/api/v1/connections/current", admin("org-h"), "{\"secret\":\"not-it\"}");
    HttpResponse<String> same =
        call(
            "PATCH",
            "/api/v1/connections/current",
            admin("org-h"),
            "{\"secret\":\"" + SimulatorConfig.DEMO_ACCESS_SECRET + "\"}");

    assertThat(untouched.statusCode()).isEqualTo(200);
    assertThat(body(untouched).get("credentials").get("secret").asString())
        .isEqualTo("••••••••tion");
    assertThat(wrong.statusCode()).isEqualTo(422);
    assertThat(same.statusCode()).isEqualTo(200);
    assertThat(body(same).get("status").asString()).isEqualTo("connected");
  }

  @Test
  void membersCannotSpendTheOrgsGongQuotaOnHealthChecks() throws Exception {
    connectDemo("org-m8");
    long before = workspaceA.counters().requests();

    HttpResponse<String> health =
        call("POST", "/api/v1/connections/current/health", member("org-m8"), null);

    assertThat(health.statusCode()).isEqualTo(403);
    assertThat(workspaceA.counters().requests()).isEqualTo(before);
  }

  @Test
  void movingTheBaseUrlToAWorkspaceAnotherOrgUsesIsA409() throws Exception {
    connectDemo("org-first");
    HttpResponse<String> second =
        connectApiKey(
            "org-second",
            workspaceB.baseUrl(),
            SimulatorConfig.DEMO_ACCESS_KEY,
            SimulatorConfig.DEMO_ACCESS_SECRET);
    assertThat(second.statusCode()).as(second.body()).isEqualTo(201);

    HttpResponse<String> moved =
        call(
            "PATCH",
            "/api/v1/connections/current",
            admin("org-second"),
            json.writeValueAsString(Map.of("baseUrl", workspaceA.baseUrl())));

    assertThat(moved.statusCode()).as(moved.body()).isEqualTo(409);
    assertThat(body(moved).get("type").asString()).endsWith("/workspace-linked-to-another-org");
  }

  @Test
  void aHealthCheckListsUsersThroughGongAndIsStored() throws Exception {
    connectDemo("org-i");

    HttpResponse<String> health =
        call("POST", "/api/v1/connections/current/health", admin("org-i"), null);

    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(body(health).get("lastHealthCheck").get("ok").asBoolean()).isTrue();
    assertThat(jdbc.sql("select health_users from connection").query(Integer.class).single())
        .isEqualTo(12);
  }

  @Test
  void disconnectingDeletesCredentialsAndTombstonesTheConnection() throws Exception {
    String id = body(connectDemo("org-j")).get("connection").get("id").asString();

    HttpResponse<String> deleted =
        call("DELETE", "/api/v1/connections/current", admin("org-j"), null);

    assertThat(deleted.statusCode()).isEqualTo(204);
    assertThat(call("GET", "/api/v1/connections/current", admin("org-j"), null).statusCode())
        .isEqualTo(404);
    assertThat(
            jdbc.sql("select credentials from connection where id = :id")
                .param("id", UUID.fromString(id))
                .query(byte[].class)
                .optional())
        .isEmpty();
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> assertThat(published(id, 2)).hasSize(2).last().isNull());
  }

  @Test
  void aDisconnectMadeWhileKafkaIsDownReachesTheTopicOnceKafkaIsBackWithoutARestart()
      throws Exception {
    // given a connected org whose state is on the topic
    String id = body(connectDemo("org-outage")).get("connection").get("id").asString();
    assertThat(published(id, 1)).hasSize(1);
    awaitStatePublished();

    // when an admin disconnects while Kafka does not acknowledge anything
    KafkaOutage.begin();
    try {
      int failedBefore = KafkaOutage.failedSends();
      assertThat(
              call("DELETE", "/api/v1/connections/current", admin("org-outage"), null).statusCode())
          .isEqualTo(204);
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  KafkaOutage.failedSends() > failedBefore
                      && jdbc.sql("select count(*) from event_publication where status = 'FAILED'")
                              .query(Long.class)
                              .single()
                          > 0);
    } finally {
      KafkaOutage.end();
    }

    // then, Kafka back, the tombstone reaches the topic while the service keeps running
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> assertThat(published(id, 2)).hasSize(2).last().isNull());
    awaitStatePublished();
  }

  // ------------------------------------------------------------------ OAuth

  @Test
  void theFullOAuthDanceStoresTokensAndTheCustomersBaseUrl() throws Exception {
    HttpResponse<String> result = connectOAuth("org-k", null, null);

    assertThat(result.statusCode()).as(result.body()).isEqualTo(200);
    assertThat(body(result).get("status").asString()).isEqualTo("connected");
    JsonNode current = body(call("GET", "/api/v1/connections/current", member("org-k"), null));
    assertThat(current.get("authKind").asString()).isEqualTo("oauth");
    assertThat(current.get("workspace").asString()).isEqualTo(workspaceB.baseUrl());
    assertThat(current.get("scopes")).hasSize(4);
    assertThat(current.get("tokenExpiresAt").asString()).isNotBlank();
  }

  @Test
  void aStateIsSingleUseAndAForgedOneIsRefused() throws Exception {
    HttpResponse<String> started =
        call("POST", "/api/v1/connections/oauth/start", admin("org-l"), null);
    String cookie = browserCookie(started);
    Map<String, String> params = consent(body(started).get("authorizeUrl").asString());
    assertThat(callback(params, cookie).statusCode()).isEqualTo(200);

    HttpResponse<String> replay = callback(params, cookie);
    Map<String, String> forged = new LinkedHashMap<>(params);
    forged.put("state", params.get("state").substring(0, params.get("state").length() - 3) + "abc");
    HttpResponse<String> forgedResponse = callback(forged, cookie);

    assertThat(replay.statusCode()).isEqualTo(400);
    assertThat(body(replay).get("type").asString()).endsWith("/invalid-oauth-state");
    assertThat(forgedResponse.statusCode()).isEqualTo(400);
  }

  @Test
  void startingSetsAnHttpOnlySameSiteCookieForTheCallbackOnly() throws Exception {
    HttpResponse<String> started =
        call("POST", "/api/v1/connections/oauth/start", admin("org-cookie"), null);

    String setCookie = started.headers().firstValue("Set-Cookie").orElseThrow();
    assertThat(setCookie)
        .startsWith("earshot_oauth_")
        .contains(
            "HttpOnly", "SameSite=Lax", "Path=/api/v1/connections/oauth/callback", "Max-Age=600")
        .doesNotContain("Secure");
    assertThat(browserCookie(started).substring(browserCookie(started).indexOf('=') + 1))
        .hasSizeGreaterThanOrEqualTo(43);
  }

  @Test
  void aConsentLinkForwardedToAnotherBrowserConnectsNothing() throws Exception {
    // given an admin of org-evil starts connecting and forwards Gong's consent link
    HttpResponse<String> started =
        call("POST", "/api/v1/connections/oauth/start", admin("org-evil"), null);
    String attackersCookie = browserCookie(started);
    Map<String, String> params = consent(body(started).get("authorizeUrl").asString());

    // when the victim's browser (no cookie, or a made-up one) comes back from Gong's consent
    HttpResponse<String> noCookie = callback(params, null);
    HttpResponse<String> madeUp =
        callback(
            params,
            attackersCookie.substring(0, attackersCookie.indexOf('=') + 1) + "x".repeat(43));

    // then nothing is connected, and the answer says what happened and what to do
    for (HttpResponse<String> refused : List.of(noCookie, madeUp)) {
      assertThat(refused.statusCode()).isEqualTo(403);
      assertThat(body(refused).get("type").asString()).endsWith("/oauth-browser-mismatch");
      assertThat(body(refused).get("detail").asString())
          .contains("other than the one that started", "Start connecting again");
    }
    assertThat(
            jdbc.sql("select count(*) from connection where org_id = 'org-evil'")
                .query(Long.class)
                .single())
        .isZero();
  }

  @Test
  void aGrantWithoutTheTranscriptScopeIsInsufficientScopeNamingIt() throws Exception {
    HttpResponse<String> result = connectOAuth("org-m", "no-transcripts", "nt-secret");

    assertThat(body(result).get("status").asString()).isEqualTo("insufficient_scope");
    assertThat(body(result).get("missingScopes").get(0).asString())
        .isEqualTo("api:calls:read:transcript");
    assertThat(
            body(call("GET", "/api/v1/connections/current", member("org-m"), null))
                .get("statusReason")
                .asString())
        .contains("api:calls:read:transcript");
  }

  @Test
  void anAppGongHasNotActivatedIsAnErrorThatSaysSo() throws Exception {
    HttpResponse<String> result = connectOAuth("org-n", "pending", "p-secret");

    assertThat(result.statusCode()).isEqualTo(400);
    assertThat(body(result).get("type").asString()).endsWith("/oauth-client-not-activated");
    assertThat(body(result).get("detail").asString()).contains("not activated");
  }

  @Test
  void tokensAreRefreshedAheadOfExpiryAndTheOldRefreshTokenStopsWorking() throws Exception {
    connectOAuth("org-o", null, null);
    awaitStatePublished();
    UUID id =
        jdbc.sql("select id from connection where org_id = 'org-o'").query(UUID.class).single();
    GongSecrets.OAuth before =
        (GongSecrets.OAuth)
            codec.open(
                id,
                jdbc.sql("select credentials from connection where id = :id")
                    .param("id", id)
                    .query(byte[].class)
                    .single());

    int refreshed = refreshing.refreshDue();

    GongSecrets.OAuth after =
        (GongSecrets.OAuth)
            codec.open(
                id,
                jdbc.sql("select credentials from connection where id = :id")
                    .param("id", id)
                    .query(byte[].class)
                    .single());
    assertThat(refreshed).isEqualTo(1);
    assertThat(after.refreshToken()).isNotEqualTo(before.refreshToken());
    GongOAuth gong =
        new GongOAuth(
            new OAuthClient(
                SimulatorConfig.DEMO_CLIENT_ID,
                SimulatorConfig.DEMO_CLIENT_SECRET,
                URI.create(workspaceB.baseUrl() + "/oauth2/authorize"),
                URI.create(workspaceB.baseUrl() + "/oauth2/generate-customer-token")));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> gong.refresh(before.refreshToken()))
        .isInstanceOf(GongApiException.Rejected.class);
    assertThat(
            body(call("POST", "/api/v1/connections/current/health", admin("org-o"), null))
                .get("lastHealthCheck")
                .get("ok")
                .asBoolean())
        .isTrue();
  }

  @Test
  void aRefusedRefreshMarksTheConnectionUnauthorizedWithAMetricAndAnAlert(CapturedOutput output)
      throws Exception {
    connectOAuth("org-p", null, null);
    awaitStatePublished();
    workspaceB.revokeTokens();
    double failuresBefore =
        meters.counter("earshot.ingest.token_refresh.failures", "org", "org-p").count();

    refreshing.refreshDue();

    assertThat(
            body(call("GET", "/api/v1/connections/current", member("org-p"), null))
                .get("status")
                .asString())
        .isEqualTo("unauthorized");
    assertThat(meters.counter("earshot.ingest.token_refresh.failures", "org", "org-p").count())
        .isEqualTo(failuresBefore + 1);
    assertThat(output.getOut()).contains("gong_token_refresh_failed");
  }

  // ------------------------------------------------------------------ keys and secrecy

  @Test
  void afterAKeyRotationOldCredentialsOpenAndTheJobReEncryptsThem() throws Exception {
    connectDemo("org-q");
    long oldKey = cipher.primaryKeyId();
    KeysetHandle original = cipher.keyset;

    cipher.use(KeysetRotation.withNewPrimary(original));
    assertThat(
            call("POST", "/api/v1/connections/current/health", admin("org-q"), null).statusCode())
        .isEqualTo(200);
    int reEncrypted = reEncrypting.reEncryptAll();

    long newKey = cipher.primaryKeyId();
    assertThat(newKey).isNotEqualTo(oldKey);
    assertThat(reEncrypted).isEqualTo(1);
    assertThat(
            jdbc.sql("select credentials_key from connection where org_id = 'org-q'")
                .query(Long.class)
                .single())
        .isEqualTo(newKey);
    cipher.use(original);
  }

  @Test
  void secretsNeverAppearInLogs(CapturedOutput output) throws Exception {
    connectDemo("org-r");
    call("POST", "/api/v1/connections/current/health", admin("org-r"), null);
    call(
        "PATCH",
        "/api/v1/connections/current",
        admin("org-r"),
        "{\"secret\":\"a-wrong-secret-value\"}");
    connectOAuth("org-s", null, null);
    UUID id =
        jdbc.sql("select id from connection where org_id = 'org-s'").query(UUID.class).single();
    GongSecrets.OAuth oauth =
        (GongSecrets.OAuth)
            codec.open(
                id,
                jdbc.sql("select credentials from connection where id = :id")
                    .param("id", id)
                    .query(byte[].class)
                    .single());

    String logs = output.getAll();
    assertThat(logs)
        .doesNotContain(
            SimulatorConfig.DEMO_ACCESS_SECRET,
            "a-wrong-secret-value",
            SimulatorConfig.DEMO_CLIENT_SECRET,
            oauth.accessToken(),
            oauth.refreshToken());
  }

  /**
   * Waits until every connection state was published: the publisher holds the connection's row
   * while it sends, and the refresher skips locked rows (it comes back a minute later).
   */
  private void awaitStatePublished() {
    await()
        .atMost(java.time.Duration.ofSeconds(20))
        .until(
            () ->
                jdbc.sql("select count(*) from event_publication where completion_date is null")
                        .query(Long.class)
                        .single()
                    == 0);
  }
}
