package dev.earshot.gateway.connection;

import java.util.Locale;
import org.springframework.boot.health.contributor.Health;

/** The feed's state as health details: stage, when it was last current, the last problem. */
final class FeedDetails {

  private FeedDetails() {}

  static Health.Builder of(FeedCondition.State state, Health.Builder health) {
    health.withDetail("feed", state.stage().name().toLowerCase(Locale.ROOT).replace('_', '-'));
    if (state.currentAsOf() != null) {
      health.withDetail("currentAsOf", state.currentAsOf().toString());
    }
    if (state.problem() != null) {
      health.withDetail("problem", state.problem());
    }
    return health;
  }
}
