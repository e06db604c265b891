package dev.earshot.gateway.connection;

import java.time.Duration;

/**
 * Waits between attempts: {@code initial} after the first failure, doubling per consecutive
 * failure, never longer than {@code max}. Retries go on for as long as the failure lasts.
 */
record Backoff(Duration initial, Duration max) {

  /** The wait after {@code failures} consecutive failures (1 = the first). */
  Duration after(int failures) {
    int doublings = Math.clamp(failures - 1, 0, 30);
    Duration wait = initial.multipliedBy(1L << doublings);
    return wait.compareTo(max) > 0 ? max : wait;
  }
}
