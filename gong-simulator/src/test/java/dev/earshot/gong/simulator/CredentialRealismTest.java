package dev.earshot.gong.simulator;

import static dev.earshot.gong.simulator.SimulatorHttp.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link Realism#quotaAndRevocation()} over HTTP: the scheduled daily-quota 429, revocation and 403
 * stretch, the admin endpoints that drive and resolve them, and Gong's wording (field cases 08, 09
 * and 10, read from {@code ../shared/field-cases/} when present).
 */
class CredentialRealismTest {

  static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
  static final Path FIELD_CASES = Path.of("../../shared/field-cases");
  static final String USERS = "/v2/users";

  GongSimulator simulator;

  GongSimulator start(Realism realism) throws Exception {
    simulator =
        GongSimulator.start(
            SimulatorConfig.defaults()
                .withCorpus(20, 42)
                .withNow(NOW)
                .withLimits(10_000, 10_000)
                .withRealism(realism));
    return simulator;
  }

  static Realism schedule(long forbiddenAfter, int stretch, long quotaAfter, long revokedAfter) {
    return Realism.only(Realism.Switch.QUOTA_AND_REVOCATION)
        .withSchedule(forbiddenAfter, stretch, quotaAfter, revokedAfter);
  }

  @AfterEach
  void stop() {
    if (simulator != null) {
      simulator.close();
    }
  }

  static String firstError(HttpResponse<String> response) {
    return ((List<?>) json(response.body()).get("errors")).getFirst().toString();
  }

  /** {@code errors[0]} of a field-case file, or a skipped test when the cases are absent. */
  static String fieldCaseError(String file) throws Exception {
    Path path = FIELD_CASES.resolve(file);
    assumeTrue(Files.exists(path), "field cases not present: " + path.toAbsolutePath());
    return ((List<?>) json(Files.readString(path)).get("errors")).getFirst().toString();
  }

  @Test
  void theQuotaRunsOutAfterTheScheduledRequestWithARetryAfterOfHoursUntilMidnight()
      throws Exception {
    SimulatorHttp gong = SimulatorHttp.of(start(schedule(0, 0, 4, 0)));

    List<Integer> statuses = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      statuses.add(gong.get(USERS).statusCode());
    }
    HttpResponse<String> spent = gong.get(USERS);
    HttpResponse<String> stillSpent = gong.get(USERS);
    simulator.advanceClock(Duration.ofHours(12).plusMinutes(1));
    HttpResponse<String> nextDay = gong.get(USERS);

    assertThat(statuses).containsOnly(200);
    assertThat(spent.statusCode()).isEqualTo(429);
    long retryAfter = Long.parseLong(spent.headers().firstValue("Retry-After").orElseThrow());
    assertThat(retryAfter).isGreaterThanOrEqualTo(3_600).isLessThanOrEqualTo(12 * 3_600);
    assertThat(firstError(spent)).contains("daily limit");
    assertThat(stillSpent.statusCode()).isEqualTo(429);
    assertThat(nextDay.statusCode()).as("past the next UTC midnight").isEqualTo(200);
    assertThat(simulator.counters().get("realism.quota_exhausted")).isEqualTo(1);
  }

  @Test
  void theQuotaBodyIsFieldCase08s() throws Exception {
    String expected = fieldCaseError("08-daily-quota-long-retry-after/response-429.json");
    SimulatorHttp gong = SimulatorHttp.of(start(schedule(0, 0, 1, 0)));
    gong.get(USERS);

    assertThat(firstError(gong.get(USERS))).isEqualTo(expected);
  }

  @Test
  void adminEndpointsSpendAndResetTheQuotaOfOneCredentialOrOfTheCompany() throws Exception {
    SimulatorHttp gong = SimulatorHttp.of(start(Realism.field().withSchedule(0, 0, 0, 0)));
    SimulatorHttp admin = new SimulatorHttp(simulator.baseUrl(), null);
    String credential = "key:" + SimulatorConfig.DEMO_ACCESS_KEY;

    HttpResponse<String> exhausted =
        admin.post("/admin/quota/exhaust", "{\"credential\":\"" + credential + "\"}");
    int whileSpent = gong.get(USERS).statusCode();
    admin.post("/admin/quota/reset", "{\"credential\":\"" + credential + "\"}");
    int afterReset = gong.get(USERS).statusCode();
    admin.post("/admin/quota/exhaust", "{}");
    int companySpent = gong.get(USERS).statusCode();
    admin.post("/admin/quota/reset", "{}");
    int companyReset = gong.get(USERS).statusCode();
    HttpResponse<String> bad = admin.post("/admin/quota/exhaust", "{\"credential\":\"nobody\"}");

    assertThat(exhausted.statusCode()).isEqualTo(200);
    assertThat(json(exhausted.body())).containsEntry("credential", credential).containsKey("until");
    assertThat((Integer) json(exhausted.body()).get("retry_after_seconds"))
        .as("until the next UTC midnight")
        .isBetween(12 * 3_600 - 120, 12 * 3_600);
    assertThat(List.of(whileSpent, afterReset, companySpent, companyReset))
        .containsExactly(429, 200, 429, 200);
    assertThat(bad.statusCode()).isEqualTo(400);
  }

  @Test
  void theAccessKeyIsRevokedMidRunAndANewKeyWorksWhileTheOldOneStaysRevoked() throws Exception {
    SimulatorHttp gong = SimulatorHttp.of(start(schedule(0, 0, 0, 3)));
    SimulatorHttp admin = new SimulatorHttp(simulator.baseUrl(), null);

    List<Integer> served = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      served.add(gong.get(USERS).statusCode());
    }
    HttpResponse<String> revoked = gong.get(USERS);
    HttpResponse<String> stillRevoked = gong.get(USERS);
    Map<String, Object> issued = json(admin.post("/admin/access-keys", "{}").body());
    SimulatorHttp renewed =
        SimulatorHttp.basic(
            simulator, (String) issued.get("access_key"), (String) issued.get("access_key_secret"));
    int withNewKey = renewed.get(USERS).statusCode();
    int oldKeyAfterwards = gong.get(USERS).statusCode();
    Map<String, Object> credentials = json(admin.get("/admin/credentials").body());
    HttpResponse<String> wrongSecret =
        SimulatorHttp.basic(simulator, (String) issued.get("access_key"), "guess").get(USERS);

    assertThat(served).containsOnly(200);
    assertThat(revoked.statusCode()).isEqualTo(401);
    assertThat(firstError(revoked)).isEqualTo(GongSimulator.REVOKED);
    assertThat(stillRevoked.statusCode()).isEqualTo(401);
    assertThat(withNewKey).isEqualTo(200);
    assertThat(oldKeyAfterwards).isEqualTo(401);
    assertThat(credentials).containsEntry("access_key", issued.get("access_key"));
    assertThat(firstError(wrongSecret)).isNotEqualTo(GongSimulator.REVOKED);
    assertThat(simulator.counters().get("realism.revoked")).isEqualTo(1);
  }

  @Test
  void theRevokedBodyIsFieldCase09s() throws Exception {
    String expected = fieldCaseError("09-revoked-credentials-background-loops/error-401.json");
    SimulatorHttp gong = SimulatorHttp.of(start(Realism.none()));
    new SimulatorHttp(simulator.baseUrl(), null).post("/admin/access-keys/revoke", "{}");

    HttpResponse<String> response = gong.get(USERS);

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(firstError(response)).isEqualTo(expected);
  }

  @Test
  void aStretchOfRequestsIsRefused403NamingNoScope() throws Exception {
    SimulatorHttp gong = SimulatorHttp.of(start(schedule(2, 2, 0, 0)));

    List<HttpResponse<String>> responses = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      responses.add(gong.get(USERS));
    }

    assertThat(responses.stream().map(HttpResponse::statusCode))
        .containsExactly(200, 200, 403, 403, 200);
    assertThat(json(responses.get(2).body()).get("errors")).isEqualTo(List.of("Forbidden"));
    assertThat(responses.get(3).body()).doesNotContain("api:");
  }

  @Test
  void theNextRequestsCanBeRefused403WithoutScopeOnDemand() throws Exception {
    SimulatorHttp gong = SimulatorHttp.of(start(Realism.none()));
    new SimulatorHttp(simulator.baseUrl(), null).post("/admin/faults", "{\"forbidden_next\": 1}");

    HttpResponse<String> refused = gong.get(USERS);
    HttpResponse<String> next = gong.get(USERS);

    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(firstError(refused)).isEqualTo("Forbidden");
    assertThat(next.statusCode()).isEqualTo(200);
  }

  @Test
  void aMissingOAuthScopeIsNamedInGongsWords() throws Exception {
    SimulatorConfig.OAuthApp app =
        new SimulatorConfig.OAuthApp(
            "narrow-app", "narrow-secret", Set.of("api:calls:read:basic"), Set.of(), true);
    simulator =
        GongSimulator.start(
            SimulatorConfig.defaults().withCorpus(20, 42).withNow(NOW).withOAuthApps(List.of(app)));
    SimulatorHttp gong = new SimulatorHttp(simulator.baseUrl(), "Bearer " + accessToken(app));

    HttpResponse<String> response =
        gong.post("/v2/calls/extensive", "{\"filter\":{\"callIds\":[\"1\"]}}");

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(firstError(response))
        .isEqualTo("You don't have permission to use 'api:calls:read:extensive' in your company");
    assertThat(firstError(response))
        .isEqualTo(fieldCaseError("10-forbidden-is-not-always-scope/forbidden-named-scope.json"));
  }

  @Test
  void revokingAnOAuthAppsTokensAnswersThatTheTokenWasRevoked() throws Exception {
    simulator =
        GongSimulator.start(
            SimulatorConfig.defaults()
                .withCorpus(20, 42)
                .withNow(NOW)
                .withRealism(schedule(0, 0, 0, 1)));
    SimulatorConfig.OAuthApp app = simulator.config().oauthApps().getFirst();
    SimulatorHttp gong = new SimulatorHttp(simulator.baseUrl(), "Bearer " + accessToken(app));

    int first = gong.get(USERS).statusCode();
    HttpResponse<String> second = gong.get(USERS);

    assertThat(first).isEqualTo(200);
    assertThat(second.statusCode()).isEqualTo(401);
    assertThat(firstError(second)).isEqualTo(GongSimulator.REVOKED);
  }

  /** Consents for the app and trades the code for an access token, as an admin and Earshot do. */
  String accessToken(SimulatorConfig.OAuthApp app) throws Exception {
    String redirect = "http://localhost:1/callback";
    String form =
        "client_id="
            + app.clientId()
            + "&redirect_uri="
            + URLEncoder.encode(redirect, StandardCharsets.UTF_8)
            + "&response_type=code&scope="
            + URLEncoder.encode(
                String.join(" ", SimulatorConfig.ALL_SCOPES), StandardCharsets.UTF_8)
            + "&state=s&decision=allow";
    HttpResponse<String> consent =
        SimulatorHttp.HTTP.send(
            HttpRequest.newBuilder(URI.create(simulator.baseUrl() + "/oauth2/authorize"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    String location = consent.headers().firstValue("Location").orElseThrow();
    String code = Exchange.decodeForm(URI.create(location).getRawQuery()).get("code");
    HttpResponse<String> token =
        SimulatorHttp.HTTP.send(
            HttpRequest.newBuilder(
                    URI.create(
                        simulator.baseUrl()
                            + "/oauth2/generate-customer-token?grant_type=authorization_code&code="
                            + code
                            + "&client_id="
                            + app.clientId()
                            + "&redirect_uri="
                            + URLEncoder.encode(redirect, StandardCharsets.UTF_8)))
                .header(
                    "Authorization",
                    "Basic "
                        + Base64.getEncoder()
                            .encodeToString(
                                (app.clientId() + ":" + app.clientSecret())
                                    .getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());
    return (String) json(token.body()).get("access_token");
  }
}
