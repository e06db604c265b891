package dev.earshot.gong.calls;

import dev.earshot.gong.api.ExtensiveCall;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * CRM field values as Gong relays them, read into the {@code Call} contract without ever throwing.
 * Gong passes CRM fields through as the CRM holds them: strings or numbers, and in real answers
 * also numbers written as strings ({@code "84000.00"}, {@code "84,000"}), one-element arrays, nulls
 * and objects (field case notes; Salesforce and HubSpot field types). A value that does not fit is
 * dropped and reported to {@code dropped} with the field's name, so the caller can count it.
 */
final class CrmValues {

  /** {@code dealAmount} is Avro {@code decimal(18,2)}: at most 16 digits before the point. */
  static final int AMOUNT_PRECISION = 18;

  static final int AMOUNT_SCALE = 2;

  /** {@code 1,234,567.89}: grouping commas that can be read safely (never a decimal comma). */
  private static final Pattern GROUPED = Pattern.compile("-?\\d{1,3}(,\\d{3})+(\\.\\d+)?");

  private static final BigDecimal HALF_CENT = new BigDecimal("0.005");

  /** Longer number texts are not amounts (and would be costly to parse). */
  private static final int LONGEST_NUMBER_TEXT = 64;

  private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

  private CrmValues() {}

  /** The first value of a field whose name matches one of {@code names}, ignoring case. */
  static Optional<Object> raw(ExtensiveCall.CrmObject object, List<String> names) {
    return object.fields().stream()
        .filter(f -> f.name() != null && names.stream().anyMatch(n -> n.equalsIgnoreCase(f.name())))
        .findFirst()
        .map(ExtensiveCall.CrmField::value);
  }

  /**
   * A value as text: strings as they are, numbers and booleans written out, an array of scalars
   * joined with ", "; an object is dropped (reported as {@code field}).
   */
  static String text(Object value, String field, Consumer<String> dropped) {
    return switch (value) {
      case null -> null;
      case String s -> s.isBlank() ? null : s.strip();
      case BigDecimal d -> d.toPlainString();
      case Number n -> n.toString();
      case Boolean b -> b.toString();
      case List<?> items -> {
        String joined =
            items.stream()
                .filter(Objects::nonNull)
                .map(item -> item instanceof Map<?, ?> || item instanceof List<?> ? null : item)
                .filter(Objects::nonNull)
                .map(item -> text(item, field, dropped))
                .filter(Objects::nonNull)
                .collect(Collectors.joining(", "));
        yield joined.isEmpty() ? null : joined;
      }
      default -> {
        dropped.accept(field);
        yield null;
      }
    };
  }

  /**
   * An amount as {@code decimal(18,2)} (rounded half up to cents): numbers, numbers as strings
   * (with grouping commas), a one-element array of either. Anything else, or an amount wider than
   * 16 integer digits (e.g. {@code 12345678901234567.00} or {@code 1e20}), is dropped.
   */
  static BigDecimal amount(Object value, String field, Consumer<String> dropped) {
    if (value == null || value instanceof String s && s.isBlank()) {
      return null;
    }
    Optional<BigDecimal> number = number(value);
    if (number.isEmpty()) {
      dropped.accept(field);
      return null;
    }
    BigDecimal amount = number.get();
    // Compare magnitudes before rescaling: 1e999999999 must not be expanded digit by digit.
    if (amount.precision() - amount.scale() > AMOUNT_PRECISION - AMOUNT_SCALE) {
      dropped.accept(field);
      return null;
    }
    if (amount.abs().compareTo(HALF_CENT) < 0) {
      return BigDecimal.ZERO.setScale(AMOUNT_SCALE);
    }
    BigDecimal cents = amount.setScale(AMOUNT_SCALE, RoundingMode.HALF_UP);
    if (cents.precision() > AMOUNT_PRECISION) { // 9999999999999999.995 rounds up to 17 digits
      dropped.accept(field);
      return null;
    }
    return cents;
  }

  private static Optional<BigDecimal> number(Object value) {
    return switch (value) {
      case BigDecimal d -> Optional.of(d);
      case BigInteger i -> Optional.of(new BigDecimal(i));
      case Double d -> d.isNaN() || d.isInfinite() ? Optional.empty() : Optional.of(bd(d));
      case Float f -> f.isNaN() || f.isInfinite() ? Optional.empty() : Optional.of(bd(f));
      case Number n -> Optional.of(BigDecimal.valueOf(n.longValue()));
      case String s -> parse(s.strip());
      case List<?> items when items.size() == 1 && items.getFirst() != null ->
          number(items.getFirst());
      default -> Optional.empty();
    };
  }

  private static BigDecimal bd(double value) {
    return BigDecimal.valueOf(value);
  }

  private static Optional<BigDecimal> parse(String text) {
    if (text.length() > LONGEST_NUMBER_TEXT) {
      return Optional.empty();
    }
    String plain = GROUPED.matcher(text).matches() ? text.replace(",", "") : text;
    try {
      return Optional.of(new BigDecimal(plain));
    } catch (NumberFormatException notANumber) {
      return Optional.empty();
    }
  }

  /** An ISO 4217 code ({@code usd} becomes {@code USD}); anything else is dropped. */
  static String currency(Object value, String field, Consumer<String> dropped) {
    String text = text(value, field, dropped);
    if (text == null) {
      return null;
    }
    String code = text.toUpperCase(Locale.ROOT);
    if (!CURRENCY.matcher(code).matches()) {
      dropped.accept(field);
      return null;
    }
    return code;
  }
}
