package dev.earshot.ingest.connection.oauth;

import dev.earshot.gong.auth.GongScopes;
import dev.earshot.ingest.IngestProperties;
import dev.earshot.ingest.connection.BackfillWindow;
import dev.earshot.ingest.connection.ConnectionProblems;
import dev.earshot.ingest.connection.GongConnections;
import java.net.URI;
import java.time.Duration;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * An admin starts connecting through Gong's consent screen: Earshot answers the authorize URL with
 * a signed, single-use, ten-minute state bound to the org, the admin and the admin's browser
 * ({@link BrowserBinding}). The OAuth app is the deployment's, unless the org pastes its own (Gong
 * has no dynamic client registration).
 */
@Service
public class StartingOAuth {

  private final OAuthStates states;
  private final GongConnections gong;
  private final IngestProperties properties;

  StartingOAuth(OAuthStates states, GongConnections gong, IngestProperties properties) {
    this.states = states;
    this.gong = gong;
    this.properties = properties;
  }

  /**
   * Where to send the admin, and the browser binding the callback must present (set it as a cookie
   * on the admin's browser: {@link #cookiePath()}, secure when {@link #secureCookie()}), and how
   * long the state (and so the cookie) lasts.
   */
  public record Started(URI authorizeUrl, BrowserBinding browser, Duration lifetime) {}

  /**
   * @throws BackfillWindow.Invalid for a backfill outside 1..60 days
   * @throws dev.earshot.kit.web.ApiProblem 400 when no OAuth app is configured or pasted
   */
  @Transactional
  public Started start(
      String orgId,
      String adminSubject,
      String clientId,
      String clientSecret,
      Integer backfillDays) {
    BackfillWindow.check(backfillDays);
    OAuthStates.OAuthApp app = app(clientId, clientSecret);
    String redirect = properties.oauth().redirectUri();
    OAuthStates.Issued issued = states.issue(orgId, adminSubject, redirect, app, backfillDays);
    return new Started(
        gong.oauth(app.clientId(), app.clientSecret())
            .authorizeUrl(redirect, GongScopes.REQUIRED, issued.state()),
        issued.browser(),
        OAuthStates.LIFETIME);
  }

  /** The callback's path: the binding cookie goes to it only. */
  public String cookiePath() {
    String path = URI.create(properties.oauth().redirectUri()).getPath();
    return path == null || path.isBlank() ? "/" : path;
  }

  /** Whether the binding cookie is {@code Secure}: when the callback is served over https. */
  public boolean secureCookie() {
    return "https".equalsIgnoreCase(URI.create(properties.oauth().redirectUri()).getScheme());
  }

  private OAuthStates.OAuthApp app(String clientId, String clientSecret) {
    if (clientId != null
        && !clientId.isBlank()
        && clientSecret != null
        && !clientSecret.isBlank()) {
      return new OAuthStates.OAuthApp(clientId.strip(), clientSecret.strip());
    }
    IngestProperties.OAuth configured = properties.oauth();
    if (configured.clientId() == null || configured.clientId().isBlank()) {
      throw ConnectionProblems.noOAuthClient();
    }
    return new OAuthStates.OAuthApp(configured.clientId(), configured.clientSecret());
  }
}
