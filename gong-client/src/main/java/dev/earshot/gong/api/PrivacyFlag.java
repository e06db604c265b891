package dev.earshot.gong.api;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.std.StdDeserializer;

/**
 * Reads Gong's {@code isPrivate} the fail-closed way, as {@link
 * dev.earshot.gong.webhook.WebhookPayload} does: a JSON {@code true} or {@code false} is what Gong
 * said; the text {@code "true"} still counts as private; anything else (the text {@code "false"}, a
 * number, an object) is not Gong saying the call is public, so it reads as absent ({@link
 * Privacy#UNKNOWN}) instead of being coerced to {@code false}.
 */
final class PrivacyFlag extends StdDeserializer<Boolean> {

  PrivacyFlag() {
    super(Boolean.class);
  }

  @Override
  public Boolean deserialize(JsonParser parser, DeserializationContext context) {
    JsonToken token = parser.currentToken();
    if (token == JsonToken.VALUE_TRUE) {
      return Boolean.TRUE;
    }
    if (token == JsonToken.VALUE_FALSE) {
      return Boolean.FALSE;
    }
    if (token == JsonToken.VALUE_STRING && "true".equalsIgnoreCase(parser.getString().strip())) {
      return Boolean.TRUE;
    }
    parser.skipChildren();
    return null;
  }
}
