package dev.earshot.ingest.connection;

import dev.earshot.gong.auth.GongScopes;
import dev.earshot.ingest.IngestProperties;
import java.net.URI;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * An admin starts connecting through Gong's consent screen: Earshot answers the authorize URL with
 * a signed, single-use, ten-minute state bound to the org and the admin. The OAuth app is the
 * deployment's, unless the org pastes its own (Gong has no dynamic client registration).
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

  @Transactional
  public URI start(
      String orgId,
      String adminSubject,
      String clientId,
      String clientSecret,
      Integer backfillDays) {
    BackfillWindow.check(backfillDays);
    OAuthStates.OAuthApp app = app(clientId, clientSecret);
    String redirect = properties.oauth().redirectUri();
    String state = states.issue(orgId, adminSubject, redirect, app, backfillDays);
    return gong.oauth(app.clientId(), app.clientSecret())
        .authorizeUrl(redirect, GongScopes.REQUIRED, state);
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
