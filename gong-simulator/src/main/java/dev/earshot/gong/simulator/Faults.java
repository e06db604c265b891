package dev.earshot.gong.simulator;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Faults on demand, set through {@code POST /admin/faults}: a share of 5xx answers, added latency,
 * a share of requests that hang past any sane client timeout, 429 storms (the next N API requests
 * answered 429 regardless of rate) and 403 stretches (the next N API requests answered 403 {@code
 * {"errors":["Forbidden"]}}, naming no scope, as a wrong regional host or an IP rule would; field
 * case 10).
 */
final class Faults {

  private final SplittableRandom random;
  private volatile double errorRate;
  private volatile long latencyMillis;
  private volatile double timeoutRate;
  private volatile long timeoutMillis = 60_000;
  private final AtomicInteger rateLimitStorm = new AtomicInteger();
  private final AtomicInteger forbiddenNext = new AtomicInteger();

  Faults(long seed) {
    this.random = new SplittableRandom(seed);
  }

  synchronized boolean nextIsError() {
    return errorRate > 0 && random.nextDouble() < errorRate;
  }

  synchronized boolean nextIsTimeout() {
    return timeoutRate > 0 && random.nextDouble() < timeoutRate;
  }

  boolean nextIsStorm() {
    return rateLimitStorm.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
  }

  boolean nextIsForbidden() {
    return forbiddenNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
  }

  long latencyMillis() {
    return latencyMillis;
  }

  long timeoutMillis() {
    return timeoutMillis;
  }

  void update(Map<String, Object> settings) {
    if (settings.get("error_rate") instanceof Number n) {
      errorRate = n.doubleValue();
    }
    if (settings.get("latency_ms") instanceof Number n) {
      latencyMillis = n.longValue();
    }
    if (settings.get("timeout_rate") instanceof Number n) {
      timeoutRate = n.doubleValue();
    }
    if (settings.get("timeout_ms") instanceof Number n) {
      timeoutMillis = n.longValue();
    }
    if (settings.get("rate_limit_storm") instanceof Number n) {
      rateLimitStorm.set(n.intValue());
    }
    if (settings.get("forbidden_next") instanceof Number n) {
      forbiddenNext.set(n.intValue());
    }
  }

  void clear() {
    errorRate = 0;
    latencyMillis = 0;
    timeoutRate = 0;
    rateLimitStorm.set(0);
    forbiddenNext.set(0);
  }

  Map<String, Object> describe() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("error_rate", errorRate);
    out.put("latency_ms", latencyMillis);
    out.put("timeout_rate", timeoutRate);
    out.put("timeout_ms", timeoutMillis);
    out.put("rate_limit_storm", rateLimitStorm.get());
    out.put("forbidden_next", forbiddenNext.get());
    return out;
  }
}
