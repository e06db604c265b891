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
 * daily quota in a UTC day, is answered 429 with {@code Retry-After} in seconds. The daily quota
 * can also be spent on demand (for one credential, or for the whole company as Gong counts it:
 * every credential); a spent quota lasts until the next UTC midnight of the simulator's clock, or
 * until it is reset.
 */
final class Limits {

  /** Why a request is refused, and for how long. */
  record Refusal(Duration retryAfter, boolean daily) {}

  private final int perSecond;
  private final long perDay;
  private final Map<String, Window> windows = new ConcurrentHashMap<>();
  private volatile LocalDate companySpentOn;

  Limits(int perSecond, long perDay) {
    this.perSecond = perSecond;
    this.perDay = perDay;
  }

  /** Empty when the request may pass; otherwise why not and the Retry-After to send. */
  Optional<Refusal> admit(String credential, Instant now) {
    return window(credential).admit(now, utcDay(now).equals(companySpentOn));
  }

  /** Spends a credential's quota for the rest of today's UTC day; returns the Retry-After. */
  Duration exhaust(String credential, Instant now) {
    window(credential).spend(utcDay(now));
    return untilMidnight(now);
  }

  /** Spends the company's quota (every credential) for the rest of today's UTC day. */
  Duration exhaustAll(Instant now) {
    companySpentOn = utcDay(now);
    return untilMidnight(now);
  }

  /** Gives a credential its whole daily quota back. */
  void reset(String credential) {
    window(credential).reset();
  }

  /** Gives every credential, and the company, its whole daily quota back. */
  void resetAll() {
    companySpentOn = null;
    windows.values().forEach(Window::reset);
  }

  static Duration untilMidnight(Instant now) {
    Instant midnight = utcDay(now).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    return Duration.ofSeconds(Math.max(1, Duration.between(now, midnight).toSeconds()));
  }

  private Window window(String credential) {
    return windows.computeIfAbsent(credential, k -> new Window());
  }

  private static LocalDate utcDay(Instant now) {
    return LocalDate.ofInstant(now, ZoneOffset.UTC);
  }

  private final class Window {
    private final Deque<Long> recent = new ArrayDeque<>();
    private LocalDate day;
    private long today;
    private LocalDate spentOn;

    synchronized Optional<Refusal> admit(Instant now, boolean companySpent) {
      long nowMillis = now.toEpochMilli();
      LocalDate date = utcDay(now);
      if (!date.equals(day)) {
        day = date;
        today = 0;
      }
      if (today >= perDay || date.equals(spentOn) || companySpent) {
        return Optional.of(new Refusal(untilMidnight(now), true));
      }
      while (!recent.isEmpty() && recent.peekFirst() <= nowMillis - 1_000) {
        recent.pollFirst();
      }
      if (recent.size() >= perSecond) {
        return Optional.of(new Refusal(Duration.ofSeconds(1), false));
      }
      recent.addLast(nowMillis);
      today++;
      return Optional.empty();
    }

    synchronized void spend(LocalDate date) {
      spentOn = date;
    }

    synchronized void reset() {
      spentOn = null;
      today = 0;
    }
  }
}
