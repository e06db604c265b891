package dev.earshot.gong.simulator;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;

/**
 * Reading an API request's {@code Authorization} header: Basic auth with an access key, or a Bearer
 * OAuth access token. A revoked key or token is told apart from an unknown one by Gong's "access
 * token has been revoked" (field case 09).
 */
sealed interface Authentication permits Authentication.Caller, Authentication.Refused {

  /** Gong's 401 text for a revoked key or token (field case 09, {@code error-401.json}). */
  String REVOKED = "Unauthorized: access token has been revoked";

  /**
   * Who called: the credential the limits count against ({@code key:<access key>} or {@code
   * oauth:<client id>}), its scopes, and the access key or OAuth app behind it.
   */
  record Caller(String credential, Set<String> scopes, String accessKey, String clientId)
      implements Authentication {}

  /** No usable credentials; the 401 message says whether they were revoked. */
  record Refused(String message) implements Authentication {}

  Refused UNAUTHENTICATED =
      new Refused("Unauthorized: missing, invalid, expired or revoked credentials");

  static Authentication of(String header, AccessKeys keys, OAuthProvider oauth, Instant now) {
    if (header == null) {
      return UNAUTHENTICATED;
    }
    if (header.startsWith("Basic ")) {
      return basic(header.substring(6).trim(), keys);
    }
    if (header.startsWith("Bearer ")) {
      String token = header.substring(7).trim();
      Optional<OAuthProvider.Grant> grant = oauth.accessGrant(token, now);
      if (grant.isPresent()) {
        String client = grant.get().clientId();
        return new Caller("oauth:" + client, grant.get().scopes(), null, client);
      }
      return oauth.wasRevoked(token) ? new Refused(REVOKED) : UNAUTHENTICATED;
    }
    return UNAUTHENTICATED;
  }

  private static Authentication basic(String encoded, AccessKeys keys) {
    String decoded;
    try {
      decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return UNAUTHENTICATED;
    }
    int colon = decoded.indexOf(':');
    if (colon <= 0) {
      return UNAUTHENTICATED;
    }
    String key = decoded.substring(0, colon);
    return switch (keys.check(key, decoded.substring(colon + 1))) {
      case VALID -> new Caller("key:" + key, SimulatorConfig.ALL_SCOPES, key, null);
      case REVOKED -> new Refused(REVOKED);
      case UNKNOWN -> UNAUTHENTICATED;
    };
  }
}
