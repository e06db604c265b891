package dev.earshot.events.serde;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Event records as plain JSON, for people and command lines: unions unwrapped (every union in the
 * contracts is [null, T], so a nullable field is its value or null), timestamps as ISO-8601
 * strings, decimals as numbers, enums as their names. Avro's own JSON encoding wraps every union
 * value in its type name, which nobody writes by hand.
 */
public final class PlainJson {

  private static final JsonMapper json = JsonMapper.builder().build();

  private PlainJson() {}

  public static String write(SpecificRecord record) {
    return json.writeValueAsString(toPlain(record, record.getSchema()));
  }

  public static <T extends SpecificRecord> T read(String text, Class<T> type) {
    EventSchemas.trustEventClasses();
    Schema schema = SpecificData.get().getSchema(type);
    return type.cast(fromPlain(json.readTree(text), schema));
  }

  static Object toPlain(Object value, Schema schema) {
    if (value == null) {
      return null;
    }
    return switch (schema.getType()) {
      case RECORD -> {
        IndexedRecord record = (IndexedRecord) value;
        Map<String, Object> out = new LinkedHashMap<>();
        for (Schema.Field f : schema.getFields()) {
          out.put(f.name(), toPlain(record.get(f.pos()), f.schema()));
        }
        yield out;
      }
      case UNION -> toPlain(value, nonNull(schema));
      case ARRAY -> {
        List<Object> out = new ArrayList<>();
        for (Object item : (Iterable<?>) value) {
          out.add(toPlain(item, schema.getElementType()));
        }
        yield out;
      }
      case MAP -> {
        Map<String, Object> out = new LinkedHashMap<>();
        ((Map<?, ?>) value)
            .forEach((k, v) -> out.put(k.toString(), toPlain(v, schema.getValueType())));
        yield out;
      }
      case ENUM, STRING -> value.toString();
      case LONG -> value instanceof Instant i ? i.toString() : value;
      case BYTES -> value instanceof BigDecimal d ? d : ByteBufferText.of((ByteBuffer) value);
      default -> value;
    };
  }

  static Object fromPlain(JsonNode node, Schema schema) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      if (schema.getType() == Schema.Type.UNION || schema.getType() == Schema.Type.NULL) {
        return null;
      }
      throw new IllegalArgumentException("a value of type " + schema.getType() + " is required");
    }
    LogicalType logical = schema.getLogicalType();
    return switch (schema.getType()) {
      case RECORD -> {
        IndexedRecord record = (IndexedRecord) SpecificData.get().newRecord(null, schema);
        for (Schema.Field f : schema.getFields()) {
          JsonNode field = node.get(f.name());
          Object value =
              field == null && f.hasDefaultValue()
                  ? SpecificData.get().deepCopy(f.schema(), SpecificData.get().getDefaultValue(f))
                  : fromPlain(field, f.schema());
          record.put(f.pos(), value);
        }
        yield record;
      }
      case UNION -> fromPlain(node, nonNull(schema));
      case ARRAY -> {
        List<Object> out = new ArrayList<>();
        node.forEach(item -> out.add(fromPlain(item, schema.getElementType())));
        yield out;
      }
      case MAP -> {
        Map<String, Object> out = new LinkedHashMap<>();
        node.properties()
            .forEach(e -> out.put(e.getKey(), fromPlain(e.getValue(), schema.getValueType())));
        yield out;
      }
      case ENUM -> SpecificData.get().createEnum(node.asString(), schema);
      case STRING -> node.asString();
      case LONG ->
          logical instanceof LogicalTypes.TimestampMillis
              ? (node.isNumber()
                  ? Instant.ofEpochMilli(node.asLong())
                  : Instant.parse(node.asString()))
              : node.asLong();
      case INT -> node.asInt();
      case DOUBLE -> node.asDouble();
      case FLOAT -> (float) node.asDouble();
      case BOOLEAN -> node.asBoolean();
      case BYTES ->
          logical instanceof LogicalTypes.Decimal d
              ? new BigDecimal(node.asString()).setScale(d.getScale(), RoundingMode.HALF_UP)
              : ByteBuffer.wrap(node.asString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
      default -> throw new IllegalArgumentException("unsupported Avro type " + schema.getType());
    };
  }

  private static Schema nonNull(Schema union) {
    return union.getTypes().stream()
        .filter(s -> s.getType() != Schema.Type.NULL)
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("a union of only null"));
  }

  /** Raw bytes (no logical type) as text. */
  private static final class ByteBufferText {
    static String of(ByteBuffer buffer) {
      byte[] bytes = new byte[buffer.remaining()];
      buffer.duplicate().get(bytes);
      return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
    }
  }
}
