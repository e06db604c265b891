package dev.earshot.assistant.call;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A search of an org's calls: started in {@code [from, to)}, every word found in the call's title,
 * participants or company (case-insensitive), newest first, at most {@code limit}.
 *
 * @param from earliest start, inclusive
 * @param to latest start, exclusive
 * @param words lower-case words that must all match (none: every call in the window)
 * @param limit most calls answered, 1 to {@link #MOST}
 */
public record CallSearch(Instant from, Instant to, List<String> words, int limit) {

  /** The window when {@code from} is not given: the last 90 days. */
  public static final Duration DEFAULT_WINDOW = Duration.ofDays(90);

  /** The default {@code limit}. */
  public static final int DEFAULT_LIMIT = 20;

  /** The largest {@code limit}. */
  public static final int MOST = 200;

  /** The earliest day a search may name. */
  public static final LocalDate FIRST_DAY = LocalDate.of(1970, 1, 1);

  /** The last day a search may name (4-digit years: past it dates overflow Java and PostgreSQL). */
  public static final LocalDate LAST_DAY = LocalDate.of(9999, 12, 31);

  /** A search the caller asked for wrongly; the message says what to fix. */
  public static final class Invalid extends RuntimeException {
    Invalid(String message) {
      super(message);
    }
  }

  /**
   * From the API's query parameters.
   *
   * @param from an ISO-8601 instant ({@code 2026-11-01T00:00:00Z}) or date ({@code 2026-11-01},
   *     midnight UTC); null: {@code to} − 90 days
   * @param to the same forms, exclusive (a date means the end of that day); null: now
   * @param q words separated by spaces; null or blank: none
   * @param limit 1 to 200; null: 20
   * @param now the current instant
   * @throws Invalid for an unreadable date or one outside {@link #FIRST_DAY} to {@link #LAST_DAY},
   *     {@code from} not before {@code to}, or a limit out of range
   */
  public static CallSearch of(String from, String to, String q, Integer limit, Instant now) {
    Instant end = to == null || to.isBlank() ? now : instant(to, "to", true);
    Instant start =
        from == null || from.isBlank() ? end.minus(DEFAULT_WINDOW) : instant(from, "from", false);
    if (!start.isBefore(end)) {
      throw new Invalid("from (" + start + ") must be before to (" + end + ")");
    }
    int most = limit == null ? DEFAULT_LIMIT : limit;
    if (most < 1 || most > MOST) {
      throw new Invalid("limit must be between 1 and " + MOST + ", was " + most);
    }
    List<String> words =
        q == null
            ? List.of()
            : Arrays.stream(q.toLowerCase(Locale.ROOT).split("\\s+"))
                .filter(word -> !word.isBlank())
                .distinct()
                .toList();
    if (words.size() > 10) {
      throw new Invalid("q holds at most 10 words");
    }
    return new CallSearch(start, end, words, most);
  }

  private static Instant instant(String text, String name, boolean endOfDay) {
    Instant instant;
    try {
      instant = Instant.parse(text);
    } catch (DateTimeException notAnInstant) {
      LocalDate day;
      try {
        day = LocalDate.parse(text);
      } catch (DateTimeException notADate) {
        throw new Invalid(
            name
                + " must be an ISO-8601 instant (2026-11-01T00:00:00Z) or date (2026-11-01), was '"
                + text
                + "'");
      }
      if (day.isBefore(FIRST_DAY) || day.isAfter(LAST_DAY)) {
        throw outOfRange(name, text);
      }
      return startOf(endOfDay ? day.plusDays(1) : day);
    }
    // the end of LAST_DAY included, as to=9999-12-31 (a date) ends there
    if (instant.isBefore(startOf(FIRST_DAY)) || instant.isAfter(startOf(LAST_DAY.plusDays(1)))) {
      throw outOfRange(name, text);
    }
    return instant;
  }

  private static Invalid outOfRange(String name, String text) {
    return new Invalid(
        name + " must be between " + FIRST_DAY + " and " + LAST_DAY + ", was '" + text + "'");
  }

  private static Instant startOf(LocalDate day) {
    return day.atStartOfDay(ZoneOffset.UTC).toInstant();
  }
}
