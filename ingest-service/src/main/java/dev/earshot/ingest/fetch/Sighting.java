package dev.earshot.ingest.fetch;

import dev.earshot.events.CallEvent;
import dev.earshot.gong.api.ExtensiveCall;
import dev.earshot.gong.client.GongJson;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * One {@code CallEvent} as the ledger records it. A webhook sighting carries Gong's call data (the
 * same shape as {@code calls/extensive}): when it names this call it is kept, so the fetcher needs
 * no extensive request for it, and when it says the call is private the call is private at once.
 *
 * @param extensive the call data JSON from a webhook, or null
 * @param startedAt when the call started, where the source said
 */
record Sighting(
    UUID connectionId,
    String callId,
    String orgId,
    String source,
    CallState state,
    String extensive,
    Instant startedAt,
    Instant seenAt) {

  static Sighting of(CallEvent event) {
    UUID connection = UUID.fromString(event.getConnectionId());
    Optional<ExtensiveCall> data = callData(event.getWebhookPayload(), event.getCallId());
    boolean isPrivate = data.map(d -> d.metaData().isPrivate()).orElse(false);
    return new Sighting(
        connection,
        event.getCallId(),
        event.getOrgId(),
        event.getSource().name(),
        isPrivate ? CallState.PRIVATE : CallState.NEW,
        isPrivate ? null : data.map(d -> GongJson.mapper().writeValueAsString(d)).orElse(null),
        event.getCallStartedAt() != null
            ? event.getCallStartedAt()
            : data.map(d -> d.metaData().started()).orElse(null),
        event.getSeenAt());
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
