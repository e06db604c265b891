package dev.earshot.gateway.connection;

import dev.earshot.events.Connection;
import dev.earshot.gong.webhook.WebhookPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Optional;

/**
 * What the gateway knows of one connection: whose it is and how its webhooks authenticate. A
 * connection with a JWT public key accepts signed requests only; otherwise the URL key.
 *
 * @param keyHash SHA-256 hex of the URL key, or null
 * @param signingKey the RSA key Gong signs with, when the rule uses signed JWTs
 * @param jwtRequired true when a public key was published, even if it could not be read (then no
 *     request authenticates, rather than falling back to the URL key)
 */
public record WebhookConnection(
    String connectionId,
    String orgId,
    String keyHash,
    Optional<RSAPublicKey> signingKey,
    boolean jwtRequired) {

  static WebhookConnection of(Connection state) {
    String pem = state.getWebhookJwtPublicKey();
    Optional<RSAPublicKey> key = Optional.empty();
    if (pem != null && !pem.isBlank()) {
      try {
        key = Optional.of(WebhookPublicKey.parse(pem));
      } catch (WebhookPublicKey.Invalid unreadable) {
        key = Optional.empty();
      }
    }
    return new WebhookConnection(
        state.getConnectionId(),
        state.getOrgId(),
        state.getWebhookKeyHash(),
        key,
        pem != null && !pem.isBlank());
  }
}
