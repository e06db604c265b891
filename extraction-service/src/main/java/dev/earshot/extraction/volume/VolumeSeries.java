package dev.earshot.extraction.volume;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Calls and call minutes per bucket over a range of UTC days, every bucket present (empty ones with
 * zeros), oldest first.
 *
 * @param by the bucket
 * @param from first day asked for (the first bucket may start before it: its ISO week's Monday)
 * @param to last day asked for, inclusive
 * @param companyId the company the series is restricted to, or null for all the org's calls
 * @param buckets the buckets
 * @param totalCalls calls over the buckets
 * @param totalMinutes call minutes over the buckets (one decimal)
 */
public record VolumeSeries(
    Granularity by,
    LocalDate from,
    LocalDate to,
    String companyId,
    List<Bucket> buckets,
    long totalCalls,
    double totalMinutes) {

  /** Most buckets one series may hold. */
  public static final int MAX_BUCKETS = 400;

  /**
   * One bucket.
   *
   * @param start its first UTC day
   * @param label the day ({@code 2026-11-30}) or ISO week ({@code 2026-W48})
   * @param calls calls that started in it
   * @param minutes their minutes (durations summed, one decimal)
   */
  public record Bucket(LocalDate start, String label, long calls, double minutes) {}

  /**
   * Counted calls and seconds per bucket start.
   *
   * @param calls calls
   * @param seconds their summed duration
   */
  public record Counted(long calls, long seconds) {}

  /** Every bucket from {@code from}'s to {@code to}'s, with the counted ones filled in. */
  public static VolumeSeries of(
      Granularity by,
      LocalDate from,
      LocalDate to,
      String companyId,
      Map<LocalDate, Counted> counted) {
    List<Bucket> buckets = new ArrayList<>();
    long calls = 0;
    long seconds = 0;
    for (LocalDate start = by.start(from); !start.isAfter(to); start = by.next(start)) {
      Counted c = counted.getOrDefault(start, new Counted(0, 0));
      buckets.add(new Bucket(start, by.label(start), c.calls(), minutes(c.seconds())));
      calls += c.calls();
      seconds += c.seconds();
    }
    return new VolumeSeries(by, from, to, companyId, buckets, calls, minutes(seconds));
  }

  /** How many buckets the range holds. */
  public static long bucketsBetween(Granularity by, LocalDate from, LocalDate to) {
    long days = to.toEpochDay() - by.start(from).toEpochDay() + 1;
    return by == Granularity.DAY ? days : (days + 6) / 7;
  }

  static double minutes(long seconds) {
    return Math.round(seconds / 6.0) / 10.0;
  }
}
