package dev.earshot.testing.sweep;

import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A plausible JSON value for a Java type (a request body's record, its fields' types), as plain
 * maps, lists and scalars, and the JSON text of such a value. {@link Raw} writes its text as is
 * ({@code 1e400}, a 400-digit number), so a request can carry JSON no Java value serializes to.
 */
final class SampleJson {

  /** JSON text written as is. */
  record Raw(String json) {}

  private SampleJson() {}

  static Object of(Type type, UUID uuid) {
    return of(type, uuid, 0);
  }

  private static Object of(Type type, UUID uuid, int depth) {
    if (depth > 4) {
      return null;
    }
    Class<?> raw = rawClass(type);
    if (raw == null || raw == Object.class) {
      return "x";
    }
    if (raw == Optional.class) {
      return of(typeArgument(type, 0), uuid, depth + 1);
    }
    if (CharSequence.class.isAssignableFrom(raw) || raw == char.class || raw == Character.class) {
      return "x";
    }
    if (raw == UUID.class) {
      return uuid.toString();
    }
    if (raw == boolean.class || raw == Boolean.class) {
      return true;
    }
    if (raw == double.class
        || raw == float.class
        || raw == Double.class
        || raw == Float.class
        || raw == BigDecimal.class) {
      return 1.5;
    }
    if (raw.isPrimitive() || Number.class.isAssignableFrom(raw) || raw == BigInteger.class) {
      return 1;
    }
    if (raw.isEnum()) {
      Object[] constants = raw.getEnumConstants();
      return constants.length == 0 ? "x" : ((Enum<?>) constants[0]).name();
    }
    if (raw == Instant.class || raw == OffsetDateTime.class || raw == ZonedDateTime.class) {
      return "2026-01-01T00:00:00Z";
    }
    if (raw == LocalDate.class) {
      return "2026-01-01";
    }
    if (raw == LocalDateTime.class) {
      return "2026-01-01T00:00:00";
    }
    if (raw == Duration.class) {
      return "PT1H";
    }
    if (raw.isArray()) {
      Type element =
          type instanceof GenericArrayType generic
              ? generic.getGenericComponentType()
              : raw.getComponentType();
      return List.of(orNull(of(element, uuid, depth + 1)));
    }
    if (Collection.class.isAssignableFrom(raw)) {
      return List.of(orNull(of(typeArgument(type, 0), uuid, depth + 1)));
    }
    if (Map.class.isAssignableFrom(raw)) {
      Map<String, Object> map = new LinkedHashMap<>();
      map.put("x", of(typeArgument(type, 1), uuid, depth + 1));
      return map;
    }
    if (raw.getName().startsWith("tools.jackson.") || raw.getName().startsWith("com.fasterxml.")) {
      return new LinkedHashMap<String, Object>(); // a JsonNode, an ObjectNode: any object
    }
    Map<String, Object> object = new LinkedHashMap<>();
    if (raw.isRecord()) {
      for (RecordComponent component : raw.getRecordComponents()) {
        object.put(component.getName(), of(component.getGenericType(), uuid, depth + 1));
      }
      return object;
    }
    if (raw.isInterface() || raw.getName().startsWith("java.")) {
      return "x";
    }
    for (Class<?> c = raw; c != null && c != Object.class; c = c.getSuperclass()) {
      for (Field field : c.getDeclaredFields()) {
        int modifiers = field.getModifiers();
        if (!Modifier.isStatic(modifiers) && !Modifier.isTransient(modifiers)) {
          object.putIfAbsent(field.getName(), of(field.getGenericType(), uuid, depth + 1));
        }
      }
    }
    return object;
  }

  private static Object orNull(Object value) {
    return value == null ? new Raw("null") : value;
  }

  private static Type typeArgument(Type type, int index) {
    if (type instanceof ParameterizedType parameterized
        && parameterized.getActualTypeArguments().length > index) {
      return parameterized.getActualTypeArguments()[index];
    }
    return Object.class;
  }

  static Class<?> rawClass(Type type) {
    if (type instanceof Class<?> c) {
      return c;
    }
    if (type instanceof ParameterizedType parameterized) {
      return rawClass(parameterized.getRawType());
    }
    if (type instanceof WildcardType wildcard) {
      return rawClass(wildcard.getUpperBounds()[0]);
    }
    if (type instanceof GenericArrayType array) {
      Class<?> component = rawClass(array.getGenericComponentType());
      return component == null ? Object[].class : component.arrayType();
    }
    return null;
  }

  /** The JSON text of a value made of maps, lists, strings, numbers, booleans, nulls and Raw. */
  static String write(Object value) {
    StringBuilder out = new StringBuilder();
    write(value, out);
    return out.toString();
  }

  private static void write(Object value, StringBuilder out) {
    switch (value) {
      case null -> out.append("null");
      case Raw raw -> out.append(raw.json());
      case String s -> quote(s, out);
      case Number n -> out.append(n);
      case Boolean b -> out.append(b);
      case Map<?, ?> map -> {
        out.append('{');
        boolean first = true;
        for (Map.Entry<?, ?> entry : map.entrySet()) {
          if (!first) {
            out.append(',');
          }
          first = false;
          quote(String.valueOf(entry.getKey()), out);
          out.append(':');
          write(entry.getValue(), out);
        }
        out.append('}');
      }
      case List<?> list -> {
        out.append('[');
        for (int i = 0; i < list.size(); i++) {
          if (i > 0) {
            out.append(',');
          }
          write(list.get(i), out);
        }
        out.append(']');
      }
      default -> quote(value.toString(), out);
    }
  }

  private static void quote(String s, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
