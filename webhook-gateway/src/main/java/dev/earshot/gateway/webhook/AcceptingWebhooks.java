package dev.earshot.gateway.webhook;

import dev.earshot.events.CallEvent;
import dev.earshot.events.CallEventSource;
import dev.earshot.gateway.GatewayProperties;
import dev.earshot.gateway.connection.ConnectionTable;
import dev.earshot.gateway.connection.WebhookConnection;
import dev.earshot.gong.webhook.WebhookPayload;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * One webhook: find the connection, authenticate before reading the body, parse it under limits,
 * and publish a {@code CallEvent} (source WEBHOOK, keyed by connection) that Kafka acknowledged
 * with acks=all ({@link CallEventPublisher}) before the caller answers 2xx. Nothing accepted is
 * lost; anything not published is answered so that Gong retries. The event carries the call data
 * only when the webhook says the call is not private ({@link PublishedCallData}).
 */
@Service
class AcceptingWebhooks {

  private static final Logger log = LoggerFactory.getLogger(AcceptingWebhooks.class);

  private final ConnectionTable connections;
  private final AuthenticatingWebhooks authentication;
  private final WebhookPayload.Parser payloads;
  private final CallEventPublisher publisher;
  private final Clock clock;

  /** One counter per outcome, registered once: the hot path only increments. */
  private final ClassValue<Counter> outcomes;

  private final Counter withheldPrivate;
  private final Counter withheldUnknown;

  AcceptingWebhooks(
      ConnectionTable connections,
      CallEventPublisher publisher,
      GatewayProperties properties,
      MeterRegistry meters,
      Clock clock) {
    this.connections = connections;
    this.publisher = publisher;
    this.outcomes =
        new ClassValue<>() {
          @Override
          protected Counter computeValue(Class<?> type) {
            return meters.counter(
                "earshot.gateway.webhooks",
                "outcome",
                type.getSimpleName().toLowerCase(Locale.ROOT));
          }
        };
    this.withheldPrivate = withoutCallData(meters, "private");
    this.withheldUnknown = withoutCallData(meters, "privacy_unknown");
    this.clock = clock;
    this.authentication = new AuthenticatingWebhooks(this.clock);
    this.payloads =
        WebhookPayload.parser(
            new WebhookPayload.Limits(
                properties.maxJsonDepth(), (int) properties.maxBody().toBytes()));
  }

  private static Counter withoutCallData(MeterRegistry meters, String reason) {
    return Counter.builder("earshot.gateway.webhooks.without_call_data")
        .description(
            "webhooks published without their call data, by why (private, privacy_unknown)")
        .tag("reason", reason)
        .register(meters);
  }

  WebhookOutcome accept(IncomingWebhook webhook) {
    WebhookOutcome outcome = decide(webhook);
    outcomes.get(outcome.getClass()).increment();
    return outcome;
  }

  private WebhookOutcome decide(IncomingWebhook webhook) {
    Optional<WebhookConnection> found = connections.find(webhook.connectionId());
    if (found.isEmpty()) {
      return connections.ready()
          ? new WebhookOutcome.UnknownConnection()
          : new WebhookOutcome.NotReady();
    }
    WebhookConnection connection = found.get();
    Optional<String> refusal = authentication.refusal(connection, webhook);
    if (refusal.isPresent()) {
      log.atWarn()
          .addKeyValue("connectionId", connection.connectionId())
          .addKeyValue("policy", refusal.get())
          .log("webhook refused");
      return new WebhookOutcome.Unauthenticated(refusal.get());
    }
    WebhookPayload payload;
    try {
      payload = payloads.parse(webhook.body());
    } catch (WebhookPayload.Unreadable unreadable) {
      return new WebhookOutcome.Invalid(unreadable.getMessage());
    }
    if (payload.isTest()) {
      return new WebhookOutcome.TestReceived(payload.callId());
    }
    return publish(connection, payload, webhook.body());
  }

  private WebhookOutcome publish(
      WebhookConnection connection, WebhookPayload payload, byte[] body) {
    PublishedCallData callData = PublishedCallData.of(payload, body);
    CallEvent event =
        CallEvent.newBuilder()
            .setEventId(UUID.randomUUID().toString())
            .setConnectionId(connection.connectionId())
            .setOrgId(connection.orgId())
            .setCallId(payload.callId())
            .setSource(CallEventSource.WEBHOOK)
            .setSeenAt(clock.instant())
            .setWebhookPayload(callData.webhookPayload())
            .setCallStartedAt(callData.callStartedAt())
            .build();
    if (!publisher.publish(event)) {
      return new WebhookOutcome.Unavailable();
    }
    countWithheld(callData);
    return new WebhookOutcome.Accepted(event.getEventId(), payload.callId());
  }

  private void countWithheld(PublishedCallData callData) {
    switch (callData) {
      case PublishedCallData.WholeBody whole -> {}
      case PublishedCallData.PrivateMarker marker -> withheldPrivate.increment();
      case PublishedCallData.NoCallData none -> withheldUnknown.increment();
    }
  }
}
