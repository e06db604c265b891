package dev.earshot.ingest.fetch;

import dev.earshot.events.CallEvent;
import dev.earshot.events.CallEventSource;
import dev.earshot.gong.api.ExtensiveCall;
import dev.earshot.gong.api.Privacy;
import dev.earshot.gong.client.GongJson;
import dev.earshot.gong.webhook.WebhookPayload;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * One {@code CallEvent} as the ledger records it. A webhook sighting carries Gong's call data (the
 * same shape as {@code calls/extensive}). Privacy fails closed: the call is private at once when
 * the webhook says so (in {@code callData.metaData} or at the top level), and its call data is kept
 * as the call's metadata only when it says {@code isPrivate: false} explicitly and lists the
 * parties; otherwise (Gong's documented sample has no flag; some deliveries have no parties)
 * nothing of it is kept and the fetcher looks the call up in {@code calls/extensive} before any
 * transcript request names it.
 *
 * @param extensive the call data JSON from a webhook that may be trusted as metadata, or null
 * @param startedAt when the call started, where the source said
 */
record Sighting(
    UUID connectionId,
    String callId,
    String orgId,
    CallEventSource source,
    CallState state,
    String extensive,
    Instant startedAt,
    Instant seenAt) {

  private static final WebhookPayload.Parser WEBHOOKS =
      WebhookPayload.parser(WebhookPayload.Limits.defaults());

  static Sighting of(CallEvent event) {
    UUID connection = UUID.fromString(event.getConnectionId());
    Privacy privacy = webhookPrivacy(event.getWebhookPayload(), event.getCallId());
    Optional<ExtensiveCall> data = callData(event.getWebhookPayload(), event.getCallId());
    boolean trusted =
        PrivateCallPolicy.mayRead(privacy) && data.map(d -> !d.parties().isEmpty()).orElse(false);
    return new Sighting(
        connection,
        event.getCallId(),
        event.getOrgId(),
        event.getSource(),
        PrivateCallPolicy.recordedPrivate(privacy) ? CallState.PRIVATE : CallState.NEW,
        trusted ? data.map(d -> GongJson.mapper().writeValueAsString(d)).orElse(null) : null,
        event.getCallStartedAt() != null
            ? event.getCallStartedAt()
            : data.map(d -> d.metaData().started()).orElse(null),
        event.getSeenAt());
  }

  /** What the webhook body says about this call's privacy; unknown when it is not about it. */
  static Privacy webhookPrivacy(String payload, String callId) {
    if (payload == null || payload.isBlank()) {
      return Privacy.UNKNOWN;
    }
    try {
      WebhookPayload webhook = WEBHOOKS.parse(payload.getBytes(StandardCharsets.UTF_8));
      return callId.equals(webhook.callId()) ? webhook.privacy() : Privacy.UNKNOWN;
    } catch (WebhookPayload.Unreadable unreadable) {
      return Privacy.UNKNOWN;
    }
  }

  /** Gong's {@code callData} when it parses and is about this call; empty otherwise. */
  static Optional<ExtensiveCall> callData(String payload, String callId) {
    if (payload == null || payload.isBlank()) {
      return Optional.empty();
    }
    try {
      JsonNode callData = GongJson.mapper().readTree(payload).path("callData");
      if (!callData.isObject()) {
        return Optional.empty();
      }
      ExtensiveCall call = GongJson.mapper().treeToValue(callData, ExtensiveCall.class);
      return call.metaData() != null && callId.equals(call.metaData().id())
          ? Optional.of(call)
          : Optional.empty();
    } catch (JacksonException | IllegalArgumentException unreadable) {
      return Optional.empty();
    }
  }
}
