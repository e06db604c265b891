package dev.earshot.ingest.connection.oauth;

import dev.earshot.kit.security.CurrentOrg;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Connecting through Gong's OAuth consent: {@code POST /api/v1/connections/oauth/start} answers the
 * authorize URL and binds the state to the admin's browser; {@code GET
 * /api/v1/connections/oauth/callback} is where Gong sends that browser back.
 */
@RestController
@RequestMapping("/api/v1/connections")
class OAuthController {

  record OAuthStartBody(String clientId, String clientSecret, Integer backfillDays) {
    @Override
    public String toString() {
      return "OAuthStartBody[clientId=" + clientId + ", clientSecret=<redacted>]";
    }
  }

  record OAuthStarted(URI authorizeUrl, long expiresInSeconds) {}

  record OAuthResult(String status, UUID connectionId, Set<String> missingScopes, String message) {}

  private final StartingOAuth startingOAuth;
  private final CompletingOAuth completingOAuth;

  OAuthController(StartingOAuth startingOAuth, CompletingOAuth completingOAuth) {
    this.startingOAuth = startingOAuth;
    this.completingOAuth = completingOAuth;
  }

  /**
   * Answers Gong's authorize URL and sets, on the calling browser, the HttpOnly SameSite=Lax cookie
   * that binds the state to it (Secure when the callback is https): the consent must be given, and
   * the callback reached, in this browser.
   */
  @PostMapping("/oauth/start")
  @PreAuthorize("hasRole('ADMIN')")
  ResponseEntity<OAuthStarted> startOAuth(
      @AuthenticationPrincipal Jwt jwt, @RequestBody(required = false) OAuthStartBody body) {
    CurrentOrg org = CurrentOrg.of(jwt);
    StartingOAuth.Started started =
        startingOAuth.start(
            org.orgId(),
            org.subject(),
            body == null ? null : body.clientId(),
            body == null ? null : body.clientSecret(),
            body == null ? null : body.backfillDays());
    return ResponseEntity.ok()
        .header(
            HttpHeaders.SET_COOKIE,
            browserCookie(
                    started.browser().cookieName(),
                    started.browser().verifier(),
                    started.lifetime())
                .toString())
        .body(new OAuthStarted(started.authorizeUrl(), started.lifetime().toSeconds()));
  }

  /** Gong redirects the admin's browser here; the state's cookie must come with it. */
  @GetMapping("/oauth/callback")
  ResponseEntity<OAuthResult> oauthCallback(
      @RequestParam(required = false) String code,
      @RequestParam(required = false) String state,
      @RequestParam(required = false) String error,
      HttpServletRequest request) {
    Map<String, String> cookies = new HashMap<>();
    if (request.getCookies() != null) {
      for (Cookie cookie : request.getCookies()) {
        if (cookie.getName().startsWith(BrowserBinding.COOKIE_PREFIX)) {
          cookies.put(cookie.getName(), cookie.getValue());
        }
      }
    }
    var outcome = completingOAuth.complete(code, state, error, cookies::get);
    ResponseEntity.BodyBuilder answer = ResponseEntity.ok();
    cookies
        .keySet()
        .forEach(
            name ->
                answer.header(
                    HttpHeaders.SET_COOKIE, browserCookie(name, "", Duration.ZERO).toString()));
    return answer.body(
        new OAuthResult(
            outcome.connection().status().apiName(),
            outcome.connection().id(),
            outcome.missingScopes(),
            outcome.message()));
  }

  private ResponseCookie browserCookie(String name, String value, Duration maxAge) {
    return ResponseCookie.from(name, value)
        .httpOnly(true)
        .secure(startingOAuth.secureCookie())
        .sameSite("Lax")
        .path(startingOAuth.cookiePath())
        .maxAge(maxAge)
        .build();
  }
}
