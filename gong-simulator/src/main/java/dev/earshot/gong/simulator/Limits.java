package dev.earshot.gong.simulator;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Gong's limits per credential: more than N requests in any one-second window, or more than the
 * daily quota in a UTC day, is answered 429 with {@code Retry-After} in seconds.
 */
final class Limits {

  private final int perSecond;
  private final long perDay;
  private final Map<String, Window> windows = new ConcurrentHashMap<>();

  Limits(int perSecond, long perDay) {
    this.perSecond = perSecond;
    this.perDay = perDay;
  }

  /** Empty when the request may pass; otherwise the Retry-After to send. */
  Optional<Duration> admit(String credential, Instant now) {
    return windows.computeIfAbsent(credential, k -> new Window()).admit(now);
  }

  private final class Window {
    private final Deque<Long> recent = new ArrayDeque<>();
    private LocalDate day;
    private long today;

    synchronized Optional<Duration> admit(Instant now) {
      long nowMillis = now.toEpochMilli();
      LocalDate date = LocalDate.ofInstant(now, ZoneOffset.UTC);
      if (!date.equals(day)) {
        day = date;
        today = 0;
      }
      if (today >= perDay) {
        Instant midnight = date.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        return Optional.of(
            Duration.ofSeconds(Math.max(1, Duration.between(now, midnight).toSeconds())));
      }
      while (!recent.isEmpty() && recent.peekFirst() <= nowMillis - 1_000) {
        recent.pollFirst();
      }
      if (recent.size() >= perSecond) {
        return Optional.of(Duration.ofSeconds(1));
      }
      recent.addLast(nowMillis);
      today++;
      return Optional.empty();
    }
  }
}
