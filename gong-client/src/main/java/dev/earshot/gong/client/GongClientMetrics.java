package dev.earshot.gong.client;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;

/**
 * Requests by connection, endpoint and status, 429s, retries, and time spent waiting for the
 * limiter. The {@code connection} tag is the client's connection key (one Gong workspace of one
 * org: a bounded number), so dashboards show each tenant's use of its own Gong quota.
 */
final class GongClientMetrics {

  private final MeterRegistry registry;
  private final String connection;

  GongClientMetrics(MeterRegistry registry, String connection) {
    this.registry = registry == null ? new SimpleMeterRegistry() : registry;
    this.connection = connection;
  }

  void response(GongEndpoint endpoint, int status) {
    Counter.builder("gong.client.requests")
        .description("Gong requests by endpoint and HTTP status (0 = no response)")
        .tag("connection", connection)
        .tag("endpoint", endpoint.tag())
        .tag("status", Integer.toString(status))
        .register(registry)
        .increment();
    if (status == 429) {
      Counter.builder("gong.client.rate_limited")
          .description("429 answers received from Gong")
          .tag("connection", connection)
          .tag("endpoint", endpoint.tag())
          .register(registry)
          .increment();
    }
  }

  void retry(GongEndpoint endpoint) {
    Counter.builder("gong.client.retries")
        .tag("connection", connection)
        .tag("endpoint", endpoint.tag())
        .register(registry)
        .increment();
  }

  void limiterWait(Duration waited) {
    Timer.builder("gong.client.limiter.wait")
        .description("Time requests waited for a rate-limit permit")
        .register(registry)
        .record(waited);
  }

  MeterRegistry registry() {
    return registry;
  }

  String connection() {
    return connection;
  }
}
