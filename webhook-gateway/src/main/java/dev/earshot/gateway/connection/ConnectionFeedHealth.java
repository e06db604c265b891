package dev.earshot.gateway.connection;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * In the readiness group ({@code connectionTable}): a replica takes traffic only while its
 * connection table is known to hold everything on gong.connections.v1 (see {@link FeedCondition});
 * DOWN while catching up after start, while behind (the feed could not confirm it for {@code
 * earshot.gateway.feed.ready-within}), when stopped or ended.
 */
@Component("connectionTableHealthIndicator")
class ConnectionFeedHealth implements HealthIndicator {

  private final ConnectionTable table;
  private final FeedCondition feed;

  ConnectionFeedHealth(ConnectionTable table, FeedCondition feed) {
    this.table = table;
    this.feed = feed;
  }

  @Override
  public Health health() {
    FeedCondition.State state = feed.state();
    return FeedDetails.of(state, state.ready() ? Health.up() : Health.down())
        .withDetail("connections", table.size())
        .build();
  }
}
