package dev.earshot.gong.client;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.deser.std.StdDeserializer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

/**
 * The JSON mapping of Gong payloads: unknown fields ignored (Gong adds fields), nulls omitted on
 * the way out, and times read from ISO-8601 with any offset or from epoch seconds (both appear in
 * public examples).
 */
public final class GongJson {

  private static final JsonMapper MAPPER =
      JsonMapper.builder()
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .changeDefaultPropertyInclusion(
              inclusion -> inclusion.withValueInclusion(JsonInclude.Include.NON_NULL))
          .addModule(
              new SimpleModule("gong-time").addDeserializer(Instant.class, new GongInstant()))
          .build();

  private GongJson() {}

  public static JsonMapper mapper() {
    return MAPPER;
  }

  /** Instants as Gong writes them: ISO-8601 with offset, or epoch seconds (with fractions). */
  static final class GongInstant extends StdDeserializer<Instant> {
    GongInstant() {
      super(Instant.class);
    }

    @Override
    public Instant deserialize(JsonParser parser, DeserializationContext context) {
      JsonToken token = parser.currentToken();
      if (token == JsonToken.VALUE_NUMBER_INT) {
        return Instant.ofEpochSecond(parser.getLongValue());
      }
      if (token == JsonToken.VALUE_NUMBER_FLOAT) {
        double seconds = parser.getDoubleValue();
        long whole = (long) Math.floor(seconds);
        return Instant.ofEpochSecond(whole, (long) ((seconds - whole) * 1_000_000_000L));
      }
      String text = parser.getString().strip();
      if (text.isEmpty()) {
        return null;
      }
      try {
        return OffsetDateTime.parse(text).toInstant();
      } catch (DateTimeParseException notOffset) {
        return Instant.parse(text);
      }
    }
  }
}
