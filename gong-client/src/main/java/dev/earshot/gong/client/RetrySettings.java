package dev.earshot.gong.client;

import java.time.Duration;

/**
 * How the client retries. 5xx and timeouts back off exponentially with jitter; 429 waits exactly
 * Gong's {@code Retry-After} (capped by {@code maxRetryAfter}).
 *
 * @param maxRetries retries after the first attempt
 * @param initialBackoff first backoff for 5xx and timeouts
 * @param maxBackoff longest backoff
 * @param jitterFactor random share of each backoff (0..1)
 * @param maxRetryAfter longest Retry-After honoured before giving up
 * @param requestTimeout time to wait for one response
 */
public record RetrySettings(
    int maxRetries,
    Duration initialBackoff,
    Duration maxBackoff,
    double jitterFactor,
    Duration maxRetryAfter,
    Duration requestTimeout) {

  public static RetrySettings defaults() {
    return new RetrySettings(
        5,
        Duration.ofMillis(250),
        Duration.ofSeconds(10),
        0.25,
        Duration.ofMinutes(2),
        Duration.ofSeconds(30));
  }

  /** The same settings with no retry: for requests that must not be repeated blindly. */
  public RetrySettings withoutRetries() {
    return new RetrySettings(
        0, initialBackoff, maxBackoff, jitterFactor, maxRetryAfter, requestTimeout);
  }
}
