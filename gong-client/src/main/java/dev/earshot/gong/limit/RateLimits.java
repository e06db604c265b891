package dev.earshot.gong.limit;

import io.github.bucket4j.BucketConfiguration;
import java.time.Duration;

/**
 * The budget of one Gong connection.
 *
 * @param perSecond requests per second Gong allows (3 by default)
 * @param perDay requests per day Gong allows (10,000 by default)
 * @param maxWait longest a caller waits for a permit before the quota counts as exhausted
 */
public record RateLimits(int perSecond, long perDay, Duration maxWait) {

  public static RateLimits gongDefaults() {
    return new RateLimits(3, 10_000, Duration.ofSeconds(30));
  }

  /**
   * One permit at a time, spaced {@link #spacing()} apart, so no one-second window ever holds more
   * than {@code perSecond} requests (a burst bucket would allow 2x at window edges); and the daily
   * quota as a second limit. Each limit has an id, so a stored bucket whose configuration is
   * replaced keeps its used tokens per limit.
   */
  public BucketConfiguration toBucketConfiguration() {
    return BucketConfiguration.builder()
        .addLimit(limit -> limit.capacity(1).refillGreedy(1, spacing()).id("per-second"))
        .addLimit(
            limit ->
                limit.capacity(perDay).refillIntervally(perDay, Duration.ofDays(1)).id("per-day"))
        .build();
  }

  /**
   * Time between permits: a second divided by the rate, plus 20 % so that a request delayed on its
   * way (a database round trip for a shared bucket, GC, the network) still lands outside Gong's
   * one-second window. Measured: with 5 %, two replicas sharing a bucket drew an occasional 429.
   */
  public Duration spacing() {
    return Duration.ofNanos((long) (1_000_000_000L / (double) perSecond * 1.2));
  }
}
