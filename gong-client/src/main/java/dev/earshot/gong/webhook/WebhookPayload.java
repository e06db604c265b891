package dev.earshot.gong.webhook;

import dev.earshot.gong.api.Privacy;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Gong's webhook body, {@code {"callData": <call as in calls/extensive>, "isTest": bool}}, parsed
 * under limits (nesting depth, string and number lengths) so a hostile body cannot exhaust the
 * receiver.
 *
 * <p>Privacy fails closed. Gong's own sample (help.gong.io "Payload sent to webhooks") has no
 * {@code isPrivate} in {@code callData.metaData}; some integrations read a top-level {@code
 * isPrivate} next to {@code isTest} (vercel-labs/call-summary-agent-with-sandbox). So the call is
 * {@link Privacy#PRIVATE} when either says {@code true}, {@link Privacy#PUBLIC} only when {@code
 * callData.metaData.isPrivate} is {@code false} and nothing says {@code true}, and {@link
 * Privacy#UNKNOWN} otherwise (a top-level {@code false} alone is not enough to read the call).
 *
 * @param callId {@code callData.metaData.id}
 * @param isTest Gong's "test" button in the rule editor
 * @param privacy what the body says about the call's privacy, as above
 */
public record WebhookPayload(String callId, boolean isTest, Privacy privacy) {

  /** The body is not a Gong webhook payload; the message says why, without echoing input. */
  public static final class Unreadable extends IllegalArgumentException {
    Unreadable(String message) {
      super(message);
    }
  }

  /**
   * @param maxDepth deepest nesting of objects and arrays
   * @param maxStringLength longest string value
   */
  public record Limits(int maxDepth, int maxStringLength) {
    public static Limits defaults() {
      return new Limits(32, 1_000_000);
    }
  }

  /** A parser for one set of limits; build once, share across threads. */
  public static Parser parser(Limits limits) {
    return new Parser(limits);
  }

  /** Parses webhook bodies under fixed limits; thread-safe. */
  public static final class Parser {
    private final Limits limits;
    private final JsonMapper mapper;

    Parser(Limits limits) {
      this.limits = limits;
      this.mapper =
          JsonMapper.builder(
                  JsonFactory.builder()
                      .streamReadConstraints(
                          StreamReadConstraints.builder()
                              .maxNestingDepth(limits.maxDepth())
                              .maxStringLength(limits.maxStringLength())
                              .maxNumberLength(100)
                              .build())
                      .build())
              .build();
    }

    public WebhookPayload parse(byte[] body) {
      JsonNode root;
      try {
        root = mapper.readTree(body);
      } catch (JacksonException e) {
        throw new Unreadable(
            e.getMessage() != null && e.getMessage().contains("depth")
                ? "the JSON is nested deeper than " + limits.maxDepth() + " levels"
                : "the body is not valid JSON within the limits");
      }
      if (root == null || !root.isObject()) {
        throw new Unreadable("the body is not a JSON object");
      }
      JsonNode meta = root.path("callData").path("metaData");
      String id =
          text(meta.path("id"))
              .orElseThrow(() -> new Unreadable("callData.metaData.id is missing"));
      if (!id.matches("[0-9A-Za-z_-]{1,64}")) {
        throw new Unreadable("callData.metaData.id is not a Gong call id");
      }
      return new WebhookPayload(
          id, root.path("isTest").asBoolean(false), privacy(root.path("isPrivate"), meta));
    }

    private static Privacy privacy(JsonNode topLevel, JsonNode meta) {
      JsonNode flag = meta.path("isPrivate");
      if (isTrue(topLevel) || isTrue(flag)) {
        return Privacy.PRIVATE;
      }
      return flag.isBoolean() ? Privacy.PUBLIC : Privacy.UNKNOWN;
    }

    /** A JSON {@code true}, or the string "true" some senders write. */
    private static boolean isTrue(JsonNode node) {
      return node.isBoolean()
          ? node.booleanValue()
          : node.isString() && "true".equalsIgnoreCase(node.asString().strip());
    }
  }

  private static Optional<String> text(JsonNode node) {
    if (node.isString() && !node.asString().isBlank()) {
      return Optional.of(node.asString());
    }
    if (node.isIntegralNumber()) {
      return Optional.of(node.asString());
    }
    return Optional.empty();
  }
}
