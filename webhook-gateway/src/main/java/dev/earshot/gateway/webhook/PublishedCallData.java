package dev.earshot.gateway.webhook;

import dev.earshot.gong.api.Privacy;
import dev.earshot.gong.client.GongJson;
import dev.earshot.gong.webhook.WebhookPayload;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What of a webhook's body goes into its {@code CallEvent}, by what the body says about the call's
 * privacy ({@link WebhookPayload#privacy()}, which fails closed). Policy: "the gateway never puts a
 * private call's data on Kafka".
 *
 * <ul>
 *   <li>{@link Privacy#PUBLIC} ({@code callData.metaData.isPrivate} is {@code false}): {@link
 *       WholeBody}, the body as received.
 *   <li>{@link Privacy#PRIVATE}: {@link PrivateMarker}, {@code
 *       {"callData":{"metaData":{"id":…,"isPrivate":true}},"isTest":false}}: exactly what
 *       ingest-service needs to record the call as private without asking Gong.
 *   <li>{@link Privacy#UNKNOWN} (Gong's documented sample carries no flag, help.gong.io "Payload
 *       sent to webhooks"): {@link NoCallData}, only the call's start time when the body gives one;
 *       ingest-service looks the call up in {@code calls/extensive}.
 * </ul>
 */
sealed interface PublishedCallData {

  /** The {@code webhookPayload} of the event: JSON text, or null when no call data is published. */
  String webhookPayload();

  /** The {@code callStartedAt} of the event, or null. */
  Instant callStartedAt();

  /** The webhook said {@code isPrivate: false}: its body as received (UTF-8). */
  record WholeBody(String webhookPayload) implements PublishedCallData {
    @Override
    public Instant callStartedAt() {
      return null;
    }
  }

  /** The webhook said the call is private: the call id and the flag, nothing else. */
  record PrivateMarker(String webhookPayload) implements PublishedCallData {
    @Override
    public Instant callStartedAt() {
      return null;
    }
  }

  /**
   * The webhook did not say: no call data at all.
   *
   * @param startedAt {@code callData.metaData.started} when present and readable (ISO-8601 with
   *     offset, or epoch seconds, as Gong writes times)
   */
  record NoCallData(Optional<Instant> startedAt) implements PublishedCallData {
    @Override
    public String webhookPayload() {
      return null;
    }

    @Override
    public Instant callStartedAt() {
      return startedAt.orElse(null);
    }
  }

  /**
   * The call data to publish for a parsed, authenticated, non-test webhook.
   *
   * @param payload the body as {@link WebhookPayload.Parser} read it (so it is JSON within limits)
   * @param body the raw body
   */
  static PublishedCallData of(WebhookPayload payload, byte[] body) {
    return switch (payload.privacy()) {
      case PUBLIC -> new WholeBody(new String(body, StandardCharsets.UTF_8));
      case PRIVATE -> new PrivateMarker(privateMarker(payload.callId()));
      case UNKNOWN -> new NoCallData(startedAt(body));
    };
  }

  private static String privateMarker(String callId) {
    ObjectNode root = GongJson.mapper().createObjectNode();
    ObjectNode metaData = root.putObject("callData").putObject("metaData");
    metaData.put("id", callId);
    metaData.put("isPrivate", true);
    root.put("isTest", false);
    return GongJson.mapper().writeValueAsString(root);
  }

  private static Optional<Instant> startedAt(byte[] body) {
    try {
      JsonNode started =
          GongJson.mapper().readTree(body).path("callData").path("metaData").path("started");
      if (started.isMissingNode() || started.isNull()) {
        return Optional.empty();
      }
      return Optional.ofNullable(GongJson.mapper().treeToValue(started, Instant.class));
    } catch (JacksonException | DateTimeException | IllegalArgumentException unreadable) {
      return Optional.empty();
    }
  }
}
