package dev.earshot.gateway.connection;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * In the liveness group ({@code connectionFeed}): DOWN once the feed is dead for good, so the
 * orchestrator restarts the replica: its consumer ended unexpectedly, the topic gained partitions,
 * or it has not been current for {@code earshot.gateway.feed.dead-after} (counted from start until
 * it first caught up). A restart re-reads the compacted topic from the start.
 */
@Component("connectionFeedHealthIndicator")
class ConnectionFeedLiveness implements HealthIndicator {

  private final FeedCondition feed;

  ConnectionFeedLiveness(FeedCondition feed) {
    this.feed = feed;
  }

  @Override
  public Health health() {
    FeedCondition.State state = feed.state();
    return FeedDetails.of(state, state.alive() ? Health.up() : Health.down()).build();
  }
}
