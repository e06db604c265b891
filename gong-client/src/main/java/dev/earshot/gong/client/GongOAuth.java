package dev.earshot.gong.client;

import dev.earshot.gong.api.TokenResponse;
import dev.earshot.gong.auth.OAuthClient;
import dev.earshot.gong.limit.GongRateLimiter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Gong's OAuth 2.0 endpoints for company-level consent: the authorize URL an admin visits, the
 * authorization-code exchange, and refresh (refresh tokens rotate: store the new one before the old
 * one is forgotten). The client authenticates with HTTP Basic; parameters go in the query, as Gong
 * documents.
 *
 * <p>Token requests are never retried automatically: a code is single use and a refresh token is
 * consumed by the refresh Gong answered, so a retry after a lost answer presents a dead grant
 * ({@code invalid_grant}) and loses the connection. A timeout or a 5xx surfaces as {@link
 * GongApiException.Unavailable} (status 0 when no answer came: the outcome is unknown) for the
 * caller to decide.
 */
public final class GongOAuth {

  private final OAuthClient client;
  private final GongTransport transport;

  public GongOAuth(OAuthClient client, HttpClient http, GongRateLimiter limiter) {
    this.client = client;
    this.transport =
        new GongTransport(
            http,
            limiter,
            "oauth:" + client.clientId(),
            RetrySettings.defaults().withoutRetries(),
            new GongClientMetrics(null, "oauth"));
  }

  public GongOAuth(OAuthClient client) {
    this(
        client,
        HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build(),
        key -> Duration.ZERO);
  }

  /** Where to send the admin to consent. {@code state} must be signed and single-use. */
  public URI authorizeUrl(String redirectUri, Set<String> scopes, String state) {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("client_id", client.clientId());
    params.put("response_type", "code");
    params.put("scope", String.join(" ", new TreeSet<>(scopes)));
    params.put("redirect_uri", redirectUri);
    params.put("state", state);
    return URI.create(client.authorizeEndpoint() + "?" + form(params));
  }

  public TokenResponse exchangeCode(String code, String redirectUri) {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("grant_type", "authorization_code");
    params.put("code", code);
    params.put("client_id", client.clientId());
    params.put("redirect_uri", redirectUri);
    return token(params);
  }

  public TokenResponse refresh(String refreshToken) {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("grant_type", "refresh_token");
    params.put("refresh_token", refreshToken);
    return token(params);
  }

  private TokenResponse token(Map<String, String> params) {
    String basic =
        "Basic "
            + Base64.getEncoder()
                .encodeToString(
                    (client.clientId() + ":" + client.clientSecret())
                        .getBytes(StandardCharsets.UTF_8));
    URI uri = URI.create(client.tokenEndpoint() + "?" + form(params));
    return transport.send(
        GongEndpoint.OAUTH_TOKEN,
        () ->
            HttpRequest.newBuilder(uri)
                .header("Authorization", basic)
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.noBody()),
        TokenResponse.class);
  }

  private static String form(Map<String, String> params) {
    StringBuilder out = new StringBuilder();
    params.forEach(
        (k, v) -> {
          if (!out.isEmpty()) {
            out.append('&');
          }
          out.append(k).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8));
        });
    return out.toString();
  }
}
