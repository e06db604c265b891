package dev.earshot.ingest.webhook;

import dev.earshot.kit.security.CurrentOrg;
import dev.earshot.kit.web.ApiProblem;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Webhook subscription health, and subscribing again. */
@RestController
@RequestMapping("/api/v1/connections/current/subscriptions")
class WebhookSubscriptionController {

  /** {@code auth}: url_key (default) or jwt; {@code publicKeyPem} for JWT rules made by hand. */
  record SubscribeBody(String auth, String publicKeyPem) {}

  record SubscriptionView(
      String registrar,
      String auth,
      String status,
      String reason,
      String ruleId,
      String webhookUrl,
      java.time.Instant subscribedAt,
      java.time.Instant lastDeliveryAt,
      long deliveries) {

    static SubscriptionView of(WebhookSubscription s) {
      return new SubscriptionView(
          s.registrar(),
          s.auth().apiName(),
          s.status().apiName(),
          s.reason(),
          s.ruleId(),
          s.maskedUrl(),
          s.subscribedAt(),
          s.lastDeliveryAt(),
          s.deliveries());
    }
  }

  /** The new subscription and, this once, the full webhook URL to paste into Gong's rule. */
  record Subscribed(SubscriptionView subscription, String webhookUrl) {}

  private final SubscribingWebhooks subscribing;

  WebhookSubscriptionController(SubscribingWebhooks subscribing) {
    this.subscribing = subscribing;
  }

  @GetMapping
  @PreAuthorize("hasAnyRole('ADMIN', 'MEMBER')")
  List<SubscriptionView> subscriptions(@AuthenticationPrincipal Jwt jwt) {
    return subscribing.current(CurrentOrg.of(jwt).orgId()).map(SubscriptionView::of).stream()
        .toList();
  }

  @PostMapping
  @PreAuthorize("hasRole('ADMIN')")
  ResponseEntity<Subscribed> subscribe(
      @AuthenticationPrincipal Jwt jwt, @RequestBody(required = false) SubscribeBody body) {
    var result =
        subscribing.subscribe(
            CurrentOrg.of(jwt).orgId(),
            body == null ? null : body.auth(),
            body == null ? null : body.publicKeyPem());
    if (result.subscription().status() == WebhookSubscription.Status.FAILED) {
      throw new ApiProblem(
          HttpStatus.BAD_GATEWAY,
          "webhook-subscription-failed",
          "Webhook subscription failed",
          result.subscription().reason()
              + ". The connection is marked webhook_subscription_failed; its webhook URL was not"
              + " changed, so the one it had still works, and polling goes on. Subscribe again"
              + " once Gong is reachable.");
    }
    return ResponseEntity.status(HttpStatus.CREATED)
        .body(new Subscribed(SubscriptionView.of(result.subscription()), result.webhookUrl()));
  }
}
