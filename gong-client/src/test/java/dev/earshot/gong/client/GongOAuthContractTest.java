package dev.earshot.gong.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.earshot.gong.api.TokenResponse;
import dev.earshot.gong.auth.GongCredentials;
import dev.earshot.gong.auth.GongScopes;
import dev.earshot.gong.auth.OAuthClient;
import dev.earshot.gong.simulator.GongSimulator;
import dev.earshot.gong.simulator.SimulatorConfig;
import dev.earshot.gong.url.BaseUrlGuard;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The OAuth dance an org admin goes through, against the simulator's Gong OAuth. */
class GongOAuthContractTest {

  static final String REDIRECT = "http://localhost:9/callback";
  static GongSimulator simulator;
  static final HttpClient browser =
      HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

  @BeforeAll
  static void start() throws Exception {
    simulator =
        GongSimulator.start(
            SimulatorConfig.defaults()
                .withCorpus(10, 5)
                .withLimits(1_000, 1_000_000)
                .withOAuthApps(
                    List.of(
                        new SimulatorConfig.OAuthApp(
                            "full", "full-secret", SimulatorConfig.ALL_SCOPES, Set.of(), true),
                        new SimulatorConfig.OAuthApp(
                            "no-transcripts",
                            "nt-secret",
                            Set.of(
                                GongScopes.CALLS_BASIC,
                                GongScopes.CALLS_EXTENSIVE,
                                GongScopes.USERS),
                            Set.of(),
                            true),
                        new SimulatorConfig.OAuthApp(
                            "pending", "p-secret", SimulatorConfig.ALL_SCOPES, Set.of(), false),
                        new SimulatorConfig.OAuthApp(
                            "strict",
                            "s-secret",
                            SimulatorConfig.ALL_SCOPES,
                            Set.of("http://localhost:7/registered"),
                            true))));
  }

  @AfterAll
  static void stop() {
    simulator.close();
  }

  static GongOAuth oauth(String id, String secret) {
    return new GongOAuth(
        new OAuthClient(
            id,
            secret,
            URI.create(simulator.baseUrl() + "/oauth2/authorize"),
            URI.create(simulator.baseUrl() + "/oauth2/generate-customer-token")));
  }

  /** Opens the authorize URL, consents as the admin would, and returns the callback's params. */
  static Map<String, String> consent(URI authorizeUrl, String decision) throws Exception {
    HttpResponse<String> page =
        browser.send(
            HttpRequest.newBuilder(authorizeUrl).build(), HttpResponse.BodyHandlers.ofString());
    if (page.statusCode() == 302) {
      return query(page.headers().firstValue("Location").orElseThrow());
    }
    assertThat(page.statusCode()).isEqualTo(200);
    Map<String, String> form = new LinkedHashMap<>();
    Matcher hidden = Pattern.compile("name=\"([a-z_]+)\" value=\"([^\"]*)\"").matcher(page.body());
    while (hidden.find()) {
      form.put(hidden.group(1), hidden.group(2).replace("&amp;", "&").replace("&quot;", "\""));
    }
    form.put("decision", decision);
    StringBuilder body = new StringBuilder();
    form.forEach(
        (k, v) ->
            body.append(body.isEmpty() ? "" : "&")
                .append(k)
                .append('=')
                .append(java.net.URLEncoder.encode(v, StandardCharsets.UTF_8)));
    HttpResponse<String> redirect =
        browser.send(
            HttpRequest.newBuilder(URI.create(simulator.baseUrl() + "/oauth2/authorize"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(redirect.statusCode()).isEqualTo(302);
    return query(redirect.headers().firstValue("Location").orElseThrow());
  }

  static Map<String, String> query(String location) {
    Map<String, String> out = new LinkedHashMap<>();
    String raw = URI.create(location).getRawQuery();
    for (String pair : raw.split("&")) {
      String[] kv = pair.split("=", 2);
      out.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
    }
    return out;
  }

  GongClient bearerClient(AtomicReference<String> accessToken, String baseUrl) {
    return GongClient.builder()
        .baseUrl(BaseUrlGuard.allowingLocal(Set.of(simulator.baseUrl())).check(baseUrl))
        .credentials(new GongCredentials.Bearer(accessToken::get))
        .build();
  }

  @Test
  void theFullDanceGivesTokensTheApiBaseUrlAndWorkingCalls() throws Exception {
    GongOAuth oauth = oauth("full", "full-secret");

    Map<String, String> callback =
        consent(oauth.authorizeUrl(REDIRECT, GongScopes.REQUIRED, "state-123"), "allow");
    TokenResponse tokens = oauth.exchangeCode(callback.get("code"), REDIRECT);

    assertThat(callback.get("state")).isEqualTo("state-123");
    assertThat(GongScopes.missingFrom(tokens.scopes())).isEmpty();
    assertThat(tokens.apiBaseUrlForCustomer()).isEqualTo(simulator.baseUrl());
    assertThat(tokens.expiresIn()).isPositive();
    AtomicReference<String> token = new AtomicReference<>(tokens.accessToken());
    assertThat(bearerClient(token, tokens.apiBaseUrlForCustomer()).allUsers()).isNotEmpty();
  }

  @Test
  void aCodeWorksOnce() throws Exception {
    GongOAuth oauth = oauth("full", "full-secret");
    String code =
        consent(oauth.authorizeUrl(REDIRECT, GongScopes.REQUIRED, "s"), "allow").get("code");
    oauth.exchangeCode(code, REDIRECT);

    assertThatThrownBy(() -> oauth.exchangeCode(code, REDIRECT))
        .isInstanceOf(GongApiException.Rejected.class)
        .hasMessageContaining("invalid");
  }

  @Test
  void refreshRotatesTheRefreshTokenAndTheOldOneStopsWorking() throws Exception {
    GongOAuth oauth = oauth("full", "full-secret");
    TokenResponse first =
        oauth.exchangeCode(
            consent(oauth.authorizeUrl(REDIRECT, GongScopes.REQUIRED, "s"), "allow").get("code"),
            REDIRECT);

    TokenResponse second = oauth.refresh(first.refreshToken());

    assertThat(second.refreshToken()).isNotEqualTo(first.refreshToken());
    assertThat(second.accessToken()).isNotEqualTo(first.accessToken());
    assertThatThrownBy(() -> oauth.refresh(first.refreshToken()))
        .isInstanceOfSatisfying(
            GongApiException.Rejected.class, e -> assertThat(e.status()).isEqualTo(400));
    assertThat(oauth.refresh(second.refreshToken()).accessToken()).isNotBlank();
  }

  @Test
  void anExpiredAccessTokenIsUnauthorizedUntilRefreshed() throws Exception {
    GongOAuth oauth = oauth("full", "full-secret");
    TokenResponse tokens =
        oauth.exchangeCode(
            consent(oauth.authorizeUrl(REDIRECT, GongScopes.REQUIRED, "s"), "allow").get("code"),
            REDIRECT);
    AtomicReference<String> token = new AtomicReference<>(tokens.accessToken());
    GongClient client = bearerClient(token, tokens.apiBaseUrlForCustomer());

    simulator.advanceClock(Duration.ofSeconds(tokens.expiresIn() + 1));

    assertThatThrownBy(client::allUsers).isInstanceOf(GongApiException.Unauthorized.class);
    token.set(oauth.refresh(tokens.refreshToken()).accessToken());
    assertThat(client.allUsers()).isNotEmpty();
  }

  @Test
  void aGrantWithoutTheTranscriptScopeIsAForbiddenErrorNamingIt() throws Exception {
    GongOAuth oauth = oauth("no-transcripts", "nt-secret");
    TokenResponse tokens =
        oauth.exchangeCode(
            consent(oauth.authorizeUrl(REDIRECT, GongScopes.REQUIRED, "s"), "allow").get("code"),
            REDIRECT);
    GongClient client =
        bearerClient(new AtomicReference<>(tokens.accessToken()), tokens.apiBaseUrlForCustomer());

    assertThat(GongScopes.missingFrom(tokens.scopes()))
        .containsExactly(GongScopes.CALLS_TRANSCRIPT);
    assertThatThrownBy(() -> client.transcriptsFor(List.of("1")))
        .isInstanceOfSatisfying(
            GongApiException.Forbidden.class,
            e -> assertThat(e.missingScope()).contains("api:calls:read:transcript"));
    assertThat(client.allUsers()).isNotEmpty();
  }

  @Test
  void anAppGongHasNotActivatedComesBackAsUnauthorizedClient() throws Exception {
    Map<String, String> callback =
        consent(
            oauth("pending", "p-secret").authorizeUrl(REDIRECT, GongScopes.REQUIRED, "s"), "allow");

    assertThat(callback).containsEntry("error", "unauthorized_client").containsEntry("state", "s");
  }

  @Test
  void aRedirectUriThatIsNotRegisteredIsRefusedOnGongsPage() throws Exception {
    URI url =
        oauth("strict", "s-secret")
            .authorizeUrl("http://localhost:7/other", GongScopes.REQUIRED, "s");

    HttpResponse<String> page =
        browser.send(HttpRequest.newBuilder(url).build(), HttpResponse.BodyHandlers.ofString());

    assertThat(page.statusCode()).isEqualTo(400);
    assertThat(page.body()).contains("redirect_uri_mismatch");
  }

  @Test
  void anAdminWhoDeniesComesBackWithAccessDenied() throws Exception {
    Map<String, String> callback =
        consent(
            oauth("full", "full-secret").authorizeUrl(REDIRECT, GongScopes.REQUIRED, "s"), "deny");

    assertThat(callback).containsEntry("error", "access_denied");
  }

  @Test
  void revokedTokensAreUnauthorized() throws Exception {
    GongOAuth oauth = oauth("full", "full-secret");
    TokenResponse tokens =
        oauth.exchangeCode(
            consent(oauth.authorizeUrl(REDIRECT, GongScopes.REQUIRED, "s"), "allow").get("code"),
            REDIRECT);
    GongClient client =
        bearerClient(new AtomicReference<>(tokens.accessToken()), tokens.apiBaseUrlForCustomer());

    simulator.revokeTokens();

    assertThatThrownBy(client::allUsers).isInstanceOf(GongApiException.Unauthorized.class);
    assertThatThrownBy(() -> oauth.refresh(tokens.refreshToken()))
        .isInstanceOf(GongApiException.Rejected.class);
  }

  @Test
  void wrongClientSecretIsRefused() {
    assertThatThrownBy(() -> oauth("full", "wrong").refresh("anything"))
        .isInstanceOfSatisfying(
            GongApiException.Unauthorized.class, e -> assertThat(e.status()).isEqualTo(401));
  }
}
