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

  /**
   * Gong answered one of this connection's requests 429 with {@code Retry-After: wait}: every
   * request of the connection, from any thread (and, for a shared limiter, any replica), waits that
   * long before its permit, not only the one that was refused. Gong's limit is per company, so
   * other integrations of the same workspace spend it too. The default does nothing (a limiter that
   * cannot hold others).
   *
   * @param wait Gong's Retry-After, at most a few minutes (longer ones pause the connection)
   */
  default void holdFor(String connectionKey, Duration wait) {}

  /** No permit could be had in time: the daily quota is spent or the backlog is too long. */
  final class QuotaExhausted extends RuntimeException {
    public QuotaExhausted(String connectionKey, Duration waited) {
      super("no Gong request permit for connection " + connectionKey + " within " + waited);
    }
  }
}
