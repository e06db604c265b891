package dev.earshot.gateway.connection;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/** In the readiness group: a replica takes traffic only once its connection table caught up. */
@Component("connectionTableHealthIndicator")
class ConnectionFeedHealth implements HealthIndicator {

  private final ConnectionTable table;

  ConnectionFeedHealth(ConnectionTable table) {
    this.table = table;
  }

  @Override
  public Health health() {
    return (table.caughtUp() ? Health.up() : Health.outOfService())
        .withDetail("connections", table.size())
        .build();
  }
}
