package dev.earshot.kit.kafka;

import java.util.List;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The {@code kafkaRetries} health contributor: DOWN while some listener retries a transient
 * failure, with each retrying partition (listener, group, topic, partition, since, failures,
 * exception) in its details; UP otherwise. It is in neither the readiness nor the liveness group:
 * the outage it reports is shared by every replica, so taking replicas out of traffic or restarting
 * them would not help, and would turn a paused pipeline into a down API.
 */
final class RetryingListenersHealth implements HealthIndicator {

  private final RetryingListeners retrying;

  RetryingListenersHealth(RetryingListeners retrying) {
    this.retrying = retrying;
  }

  @Override
  public Health health() {
    List<RetryingListeners.Retrying> now = retrying.now();
    return (now.isEmpty() ? Health.up() : Health.down()).withDetail("retrying", now).build();
  }
}
