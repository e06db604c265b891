package dev.earshot.gong.limit;

import java.time.Duration;

/** Hands out permits for Gong requests per connection; every request takes one first. */
public interface GongRateLimiter {

  /**
   * Blocks until the connection may send one request.
   *
   * @return how long the caller waited
   * @throws QuotaExhausted when no permit comes within the configured maximum wait
   */
  Duration acquire(String connectionKey) throws InterruptedException;

  /** No permit could be had in time: the daily quota is spent or the backlog is too long. */
  final class QuotaExhausted extends RuntimeException {
    public QuotaExhausted(String connectionKey, Duration waited) {
      super("no Gong request permit for connection " + connectionKey + " within " + waited);
    }
  }
}
