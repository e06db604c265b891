package dev.earshot.extraction.volume;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;
import java.util.Optional;

/** The bucket of a volume series: a UTC day or an ISO week (Monday to Sunday, UTC). */
public enum Granularity {
  DAY,
  WEEK;

  /** {@code day} or {@code week}, any case; empty for anything else. */
  public static Optional<Granularity> parse(String by) {
    if (by == null) {
      return Optional.empty();
    }
    return switch (by.strip().toLowerCase(Locale.ROOT)) {
      case "day" -> Optional.of(DAY);
      case "week" -> Optional.of(WEEK);
      default -> Optional.empty();
    };
  }

  /** The first day of the bucket holding {@code day}. */
  public LocalDate start(LocalDate day) {
    return this == DAY ? day : day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
  }

  /** The first day of the next bucket. */
  public LocalDate next(LocalDate start) {
    return this == DAY ? start.plusDays(1) : start.plusWeeks(1);
  }

  /** The bucket's label: the ISO date of a day, the ISO week of a week ({@code 2026-W48}). */
  public String label(LocalDate start) {
    return this == DAY
        ? start.toString()
        : String.format(
            Locale.ROOT,
            "%d-W%02d",
            start.get(IsoFields.WEEK_BASED_YEAR),
            start.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
  }

  /** The name in the API and in SQL's date_trunc: {@code day}, {@code week}. */
  public String apiName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
