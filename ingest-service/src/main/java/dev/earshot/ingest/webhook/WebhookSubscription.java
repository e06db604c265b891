package dev.earshot.ingest.webhook;

import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

/**
 * A connection's webhook subscription and its health.
 *
 * @param registrar how the rule was made ({@code manual} or {@code simulator})
 * @param status whether deliveries arrive
 * @param reason why the last subscribe failed, until one succeeds; the connection is {@code
 *     webhook_subscription_failed} with the same reason meanwhile. With status {@code active},
 *     deliveries arrive through the URL the connection had before that subscribe (its rule and key
 *     still work), and the new URL that subscribe asked for was never made
 * @param ruleId Gong's rule id, where known
 * @param maskedUrl the webhook URL with its key masked
 * @param lastDeliveryAt when webhook-gateway last accepted a webhook of this connection
 * @param deliveries accepted webhooks since subscribing
 */
public record WebhookSubscription(
    UUID connectionId,
    String registrar,
    WebhookAuth auth,
    Status status,
    String reason,
    String ruleId,
    String maskedUrl,
    Instant subscribedAt,
    Instant lastDeliveryAt,
    long deliveries) {

  /** Health of a subscription. */
  public enum Status {
    /** Deliveries arrive (or the registrar confirmed the rule). */
    ACTIVE,
    /** Waiting for an admin to create Gong's rule, or for the first call analysed. */
    AWAITING_FIRST_DELIVERY,
    /** The rule could not be registered; polling still finds every call. */
    FAILED;

    public String apiName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }
}
