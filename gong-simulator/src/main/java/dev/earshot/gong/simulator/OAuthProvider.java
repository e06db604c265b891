package dev.earshot.gong.simulator;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Gong's OAuth as an app developer meets it: an authorize page where an admin consents for the
 * company, single-use 10-minute codes, expiring access tokens, and rotating refresh tokens (each
 * refresh issues a new one and the old one stops working). Grants are limited to the app's scopes.
 */
final class OAuthProvider {

  private static final Duration CODE_TTL = Duration.ofMinutes(10);

  record Grant(String clientId, Set<String> scopes, Instant expiresAt) {}

  private record Code(String clientId, String redirectUri, Set<String> scopes, Instant expiresAt) {}

  private final Map<String, SimulatorConfig.OAuthApp> apps = new ConcurrentHashMap<>();
  private final Map<String, Code> codes = new ConcurrentHashMap<>();
  private final Map<String, Grant> accessTokens = new ConcurrentHashMap<>();
  private final Map<String, Grant> refreshTokens = new ConcurrentHashMap<>();
  private final Set<String> revokedAccess = ConcurrentHashMap.newKeySet();
  private final Duration accessTokenTtl;
  private final SecureRandom random = new SecureRandom();

  OAuthProvider(Iterable<SimulatorConfig.OAuthApp> registered, Duration accessTokenTtl) {
    registered.forEach(app -> apps.put(app.clientId(), app));
    this.accessTokenTtl = accessTokenTtl;
  }

  /** Outcome of an authorize request, before consent. */
  sealed interface AuthorizeCheck permits ShowConsent, RedirectWithError, ErrorPage {}

  record ShowConsent(String clientId, String redirectUri, Set<String> scopes, String state)
      implements AuthorizeCheck {}

  record RedirectWithError(URI location) implements AuthorizeCheck {}

  record ErrorPage(String error, String description) implements AuthorizeCheck {}

  AuthorizeCheck authorize(Map<String, String> params) {
    SimulatorConfig.OAuthApp app = apps.get(params.getOrDefault("client_id", ""));
    if (app == null) {
      return new ErrorPage("invalid_client", "Unknown client_id.");
    }
    String redirectUri = params.getOrDefault("redirect_uri", "");
    if (!redirectAllowed(app, redirectUri)) {
      return new ErrorPage(
          "redirect_uri_mismatch",
          "The redirect_uri does not match the one registered for this app.");
    }
    String state = params.get("state");
    if (!app.activated()) {
      return new RedirectWithError(
          redirect(
              redirectUri, Map.of("error", "unauthorized_client", "state", nullToEmpty(state))));
    }
    if (!"code".equals(params.get("response_type"))) {
      return new RedirectWithError(
          redirect(
              redirectUri,
              Map.of("error", "unsupported_response_type", "state", nullToEmpty(state))));
    }
    Set<String> requested =
        new TreeSet<>(Set.of(params.getOrDefault("scope", "").trim().split("\\s+")));
    requested.remove("");
    requested.retainAll(app.allowedScopes());
    return new ShowConsent(app.clientId(), redirectUri, requested, state);
  }

  /** The admin allowed: issue a code and redirect back. */
  URI consent(
      String clientId,
      String redirectUri,
      Set<String> scopes,
      String state,
      boolean allowed,
      Instant now) {
    if (!allowed) {
      return redirect(redirectUri, Map.of("error", "access_denied", "state", nullToEmpty(state)));
    }
    String code = token("code");
    codes.put(code, new Code(clientId, redirectUri, Set.copyOf(scopes), now.plus(CODE_TTL)));
    return redirect(redirectUri, Map.of("code", code, "state", nullToEmpty(state)));
  }

  /** Token endpoint outcome: a token response, or an OAuth error with its HTTP status. */
  sealed interface TokenOutcome permits Issued, TokenError {}

  record Issued(Map<String, Object> body) implements TokenOutcome {}

  record TokenError(int status, String error, String description) implements TokenOutcome {}

  TokenOutcome token(String basicAuth, Map<String, String> params, String apiBaseUrl, Instant now) {
    Optional<SimulatorConfig.OAuthApp> app = client(basicAuth, params);
    if (app.isEmpty()) {
      return new TokenError(401, "invalid_client", "Client authentication failed.");
    }
    if (!app.get().activated()) {
      return new TokenError(400, "unauthorized_client", "This app is not activated yet.");
    }
    String grantType = params.getOrDefault("grant_type", "");
    switch (grantType) {
      case "authorization_code" -> {
        Code code = codes.remove(params.getOrDefault("code", ""));
        if (code == null
            || code.expiresAt().isBefore(now)
            || !code.clientId().equals(app.get().clientId())) {
          return new TokenError(
              400, "invalid_grant", "The authorization code is invalid, used or expired.");
        }
        if (!code.redirectUri().equals(params.getOrDefault("redirect_uri", ""))) {
          return new TokenError(
              400, "invalid_grant", "redirect_uri does not match the authorization request.");
        }
        return new Issued(issue(code.clientId(), code.scopes(), apiBaseUrl, now));
      }
      case "refresh_token" -> {
        Grant grant = refreshTokens.remove(params.getOrDefault("refresh_token", ""));
        if (grant == null || !grant.clientId().equals(app.get().clientId())) {
          return new TokenError(
              400, "invalid_grant", "The refresh token is invalid or was already used.");
        }
        return new Issued(issue(grant.clientId(), grant.scopes(), apiBaseUrl, now));
      }
      default -> {
        return new TokenError(
            400,
            "unsupported_grant_type",
            "grant_type must be authorization_code or refresh_token.");
      }
    }
  }

  /** The grant behind a bearer token, if it is known, unexpired and not revoked. */
  Optional<Grant> accessGrant(String accessToken, Instant now) {
    Grant grant = accessTokens.get(accessToken);
    return grant == null || grant.expiresAt().isBefore(now) ? Optional.empty() : Optional.of(grant);
  }

  /** Fault: every access and refresh token stops working. */
  void revokeAll() {
    revokedAccess.addAll(accessTokens.keySet());
    accessTokens.clear();
    refreshTokens.clear();
  }

  /** Every access and refresh token of one app stops working (its grant was revoked). */
  void revokeClient(String clientId) {
    accessTokens
        .entrySet()
        .removeIf(
            e -> {
              boolean revoke = e.getValue().clientId().equals(clientId);
              if (revoke) {
                revokedAccess.add(e.getKey());
              }
              return revoke;
            });
    refreshTokens.values().removeIf(g -> g.clientId().equals(clientId));
  }

  /** Whether this access token was revoked (Gong then says so, rather than "unknown"). */
  boolean wasRevoked(String accessToken) {
    return revokedAccess.contains(accessToken);
  }

  private Map<String, Object> issue(
      String clientId, Set<String> scopes, String apiBaseUrl, Instant now) {
    String access = token("at");
    String refresh = token("rt");
    accessTokens.put(access, new Grant(clientId, scopes, now.plus(accessTokenTtl)));
    refreshTokens.put(refresh, new Grant(clientId, scopes, Instant.MAX));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("access_token", access);
    body.put("refresh_token", refresh);
    body.put("token_type", "bearer");
    body.put("expires_in", accessTokenTtl.toSeconds());
    body.put("scope", String.join(" ", new TreeSet<>(scopes)));
    body.put("api_base_url_for_customer", apiBaseUrl);
    return body;
  }

  private Optional<SimulatorConfig.OAuthApp> client(String basicAuth, Map<String, String> params) {
    String id = params.get("client_id");
    String secret = params.get("client_secret");
    if (basicAuth != null && basicAuth.startsWith("Basic ")) {
      String decoded =
          new String(
              Base64.getDecoder().decode(basicAuth.substring(6).trim()), StandardCharsets.UTF_8);
      int colon = decoded.indexOf(':');
      if (colon > 0) {
        id = decoded.substring(0, colon);
        secret = decoded.substring(colon + 1);
      }
    }
    SimulatorConfig.OAuthApp app = id == null ? null : apps.get(id);
    return app != null && app.clientSecret().equals(secret) ? Optional.of(app) : Optional.empty();
  }

  private static boolean redirectAllowed(SimulatorConfig.OAuthApp app, String redirectUri) {
    if (!app.redirectUris().isEmpty()) {
      return app.redirectUris().contains(redirectUri);
    }
    try {
      String host = URI.create(redirectUri).getHost();
      return "localhost".equals(host) || "127.0.0.1".equals(host);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private String token(String prefix) {
    byte[] bytes = new byte[24];
    random.nextBytes(bytes);
    return prefix + "-" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  static URI redirect(String base, Map<String, String> params) {
    StringBuilder uri = new StringBuilder(base).append(base.contains("?") ? '&' : '?');
    boolean first = true;
    for (var e : new java.util.TreeMap<>(params).entrySet()) {
      if (e.getValue() == null || e.getValue().isEmpty()) {
        continue;
      }
      if (!first) {
        uri.append('&');
      }
      first = false;
      uri.append(e.getKey())
          .append('=')
          .append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
    }
    return URI.create(uri.toString());
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }
}
