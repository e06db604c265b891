package dev.earshot.gong.limit;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * {@link GongRateLimiter} on Bucket4j. Where the buckets live is the caller's choice: in memory for
 * one process, or a Bucket4j {@code ProxyManager} over a shared database so every replica of a
 * service draws from one budget per connection.
 */
public final class Bucket4jRateLimiter implements GongRateLimiter {

  private final RateLimits limits;
  private final Function<String, Bucket> bucketFor;

  public Bucket4jRateLimiter(RateLimits limits, Function<String, Bucket> bucketFor) {
    this.limits = limits;
    this.bucketFor = bucketFor;
  }

  /** Buckets in this JVM only: right for one process, wrong for several replicas. */
  public static Bucket4jRateLimiter inMemory(RateLimits limits) {
    Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    return new Bucket4jRateLimiter(
        limits,
        key -> buckets.computeIfAbsent(key, k -> localBucket(limits.toBucketConfiguration())));
  }

  private static Bucket localBucket(BucketConfiguration configuration) {
    var builder = Bucket.builder();
    for (Bandwidth bandwidth : configuration.getBandwidths()) {
      builder.addLimit(bandwidth);
    }
    return builder.build();
  }

  @Override
  public Duration acquire(String connectionKey) throws InterruptedException {
    long began = System.nanoTime();
    boolean granted = bucketFor.apply(connectionKey).asBlocking().tryConsume(1, limits.maxWait());
    Duration waited = Duration.ofNanos(System.nanoTime() - began);
    if (!granted) {
      throw new QuotaExhausted(connectionKey, limits.maxWait());
    }
    return waited;
  }
}
