package dev.earshot.gateway.webhook;

/** What became of one webhook; the controller maps each to a status once. */
sealed interface WebhookOutcome {

  /** Published on gong.call-events.v1 (acks=all) before answering. */
  record Accepted(String eventId, String callId) implements WebhookOutcome {}

  /** Gong's "test" button: authenticated and well formed, nothing published. */
  record TestReceived(String callId) implements WebhookOutcome {}

  /** No connection has this id (or it was disconnected). */
  record UnknownConnection() implements WebhookOutcome {}

  /** Key or signature wrong, missing or expired; {@code policy} is logged, never answered. */
  record Unauthenticated(String policy) implements WebhookOutcome {}

  /** Authenticated, but the body is not a Gong webhook payload. */
  record Invalid(String reason) implements WebhookOutcome {}

  /** The connection table has not caught up yet: Gong should retry. */
  record NotReady() implements WebhookOutcome {}

  /** Kafka did not take the event in time: Gong should retry, nothing is lost. */
  record Unavailable() implements WebhookOutcome {}
}
