package dev.earshot.gateway.webhook;

import dev.earshot.gateway.connection.WebhookConnection;
import dev.earshot.gong.webhook.SignedWebhook;
import dev.earshot.gong.webhook.WebhookKeys;
import java.time.Clock;
import java.util.Optional;

/**
 * A connection whose rule signs JWTs accepts only a valid signed request; any other accepts only
 * the right URL key. Returns the name of the refusing rule, or empty when authenticated.
 */
final class AuthenticatingWebhooks {

  private final SignedWebhook signatures;

  AuthenticatingWebhooks(Clock clock) {
    this.signatures = new SignedWebhook(clock);
  }

  Optional<String> refusal(WebhookConnection connection, IncomingWebhook webhook) {
    if (connection.jwtRequired()) {
      if (connection.signingKey().isEmpty()) {
        return Optional.of("connection-signing-key-is-readable");
      }
      return signatures
          .verify(
              new SignedWebhook.Request(webhook.authorization(), webhook.url(), webhook.body()),
              connection.signingKey().get())
          .refusedBy();
    }
    return WebhookKeys.matches(webhook.key(), connection.keyHash())
        ? Optional.empty()
        : Optional.of("url-key-matches-the-connection");
  }
}
