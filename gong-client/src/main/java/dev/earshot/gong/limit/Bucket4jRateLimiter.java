package dev.earshot.gong.limit;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;

/**
 * {@link GongRateLimiter} on Bucket4j. Where the buckets live is the caller's choice: in memory for
 * one process, or a Bucket4j {@code ProxyManager} over a shared database so every replica of a
 * service draws from one budget per connection.
 *
 * <p>Each connection has two buckets: its budget ({@link RateLimits#toBucketConfiguration()}, under
 * the connection key) and a hold ({@link #holdConfiguration()}, under the key plus {@link
 * #HOLD_SUFFIX}) that a 429 puts into debt for its {@code Retry-After}, so every caller waits it
 * out without the daily budget paying for the wait.
 */
public final class Bucket4jRateLimiter implements GongRateLimiter {

  /** Appended to a connection key to name its hold bucket. */
  public static final String HOLD_SUFFIX = "#hold";

  /** A hold's resolution: its bucket refills one token per tick. */
  static final Duration HOLD_TICK = Duration.ofMillis(100);

  /**
   * The longest hold: Retry-Afters longer than the client's longest retry (2 minutes by default)
   * pause the connection instead, so a hold is never longer than this.
   */
  public static final Duration LONGEST_HOLD = Duration.ofMinutes(5);

  private final RateLimits limits;
  private final BiFunction<String, BucketConfiguration, Bucket> buckets;

  /**
   * @param limits the connection's budget
   * @param buckets the bucket for a key, built with the given configuration the first time (a
   *     {@code ProxyManager}'s {@code builder().build(key, () -> configuration)})
   */
  public Bucket4jRateLimiter(
      RateLimits limits, BiFunction<String, BucketConfiguration, Bucket> buckets) {
    this.limits = limits;
    this.buckets = buckets;
  }

  /** Buckets in this JVM only: right for one process, wrong for several replicas. */
  public static Bucket4jRateLimiter inMemory(RateLimits limits) {
    Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    return new Bucket4jRateLimiter(
        limits,
        (key, configuration) -> buckets.computeIfAbsent(key, k -> localBucket(configuration)));
  }

  /** The hold bucket: one token, refilled one per {@link #HOLD_TICK}; never the bottleneck. */
  public static BucketConfiguration holdConfiguration() {
    return BucketConfiguration.builder()
        .addLimit(limit -> limit.capacity(1).refillGreedy(1, HOLD_TICK).id("hold"))
        .build();
  }

  private static Bucket localBucket(BucketConfiguration configuration) {
    var builder = Bucket.builder();
    for (Bandwidth bandwidth : configuration.getBandwidths()) {
      builder.addLimit(bandwidth);
    }
    return builder.build();
  }

  /**
   * Waits out any hold (at most {@link #LONGEST_HOLD}), then for a permit of the budget (at most
   * {@link RateLimits#maxWait()}).
   */
  @Override
  public Duration acquire(String connectionKey) throws InterruptedException {
    long began = System.nanoTime();
    Bucket hold = buckets.apply(connectionKey + HOLD_SUFFIX, holdConfiguration());
    boolean granted =
        hold.asBlocking().tryConsume(1, LONGEST_HOLD.plus(HOLD_TICK))
            && buckets
                .apply(connectionKey, limits.toBucketConfiguration())
                .asBlocking()
                .tryConsume(1, limits.maxWait());
    Duration waited = Duration.ofNanos(System.nanoTime() - began);
    if (!granted) {
      throw new QuotaExhausted(connectionKey, limits.maxWait());
    }
    return waited;
  }

  /**
   * Puts the connection's hold into debt so that no permit is handed out for {@code wait} (at most
   * {@link #LONGEST_HOLD}) from now; a hold already longer stays as it is.
   */
  @Override
  public void holdFor(String connectionKey, Duration wait) {
    long ticks =
        Math.ceilDiv(Math.min(wait.toMillis(), LONGEST_HOLD.toMillis()), HOLD_TICK.toMillis());
    Bucket hold = buckets.apply(connectionKey + HOLD_SUFFIX, holdConfiguration());
    // the next permit comes when the balance is back at 1: a balance of 1 - ticks is ticks away
    long more = hold.getAvailableTokens() - (1 - ticks);
    if (more > 0) {
      hold.consumeIgnoringRateLimits(more);
    }
  }
}
