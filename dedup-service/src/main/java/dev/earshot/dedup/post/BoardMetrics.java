package dev.earshot.dedup.post;

import dev.earshot.dedup.board.Consolidation;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;

/**
 * What operators watch: items by outcome ({@code earshot.dedup.items}: new_post, joined,
 * already_on_board), how long consolidation takes, the scores that decided (a threshold set too
 * high shows as joined scores piling up just above it and few joins), and merge suggestions by
 * outcome ({@code earshot.dedup.suggestions}: recorded, accepted, dismissed, closed).
 */
public class BoardMetrics {

  public static final String ITEMS = "earshot.dedup.items";
  public static final String SUGGESTIONS = "earshot.dedup.suggestions";

  private final MeterRegistry meters;
  private final DistributionSummary joinedScores;
  private final DistributionSummary newPostScores;

  public BoardMetrics(MeterRegistry meters) {
    this.meters = meters;
    this.joinedScores =
        DistributionSummary.builder("earshot.dedup.match.score")
            .tag("outcome", "joined")
            .publishPercentiles(0.1, 0.5, 0.9)
            .register(meters);
    this.newPostScores =
        DistributionSummary.builder("earshot.dedup.match.score")
            .tag("outcome", "new_post")
            .publishPercentiles(0.5, 0.9, 0.99)
            .register(meters);
  }

  /** Counts and times the item's outcome at once: for an item found on the board already. */
  Consolidation consolidated(Consolidation result, long beganNanos) {
    return timed(placed(result), beganNanos);
  }

  /**
   * Counts the item's outcome ({@code earshot.dedup.items}) and its score, once its placement has
   * committed — before the index write and the re-check after it, so a failure of those (the item
   * comes round again, and is then found on the board) does not lose the count.
   */
  Consolidation placed(Consolidation result) {
    scored(result);
    meters.counter(ITEMS, "outcome", outcome(result)).increment();
    return result;
  }

  /** Records how long the item took, from its arrival to the end of what follows its placement. */
  Consolidation timed(Consolidation result, long beganNanos) {
    Timer.builder("earshot.dedup.consolidation")
        .tag("outcome", outcome(result))
        .register(meters)
        .record(System.nanoTime() - beganNanos, TimeUnit.NANOSECONDS);
    return result;
  }

  private String outcome(Consolidation result) {
    return switch (result) {
      case Consolidation.NewPost p -> "new_post";
      case Consolidation.Suggested s -> "new_post";
      case Consolidation.Joined j -> "joined";
      case Consolidation.AlreadyOnBoard a -> "already_on_board";
    };
  }

  private void scored(Consolidation result) {
    switch (result) {
      case Consolidation.NewPost p -> {
        if (p.bestScore() > -1) {
          newPostScores.record(p.bestScore());
        }
      }
      case Consolidation.Suggested s -> {
        newPostScores.record(s.score());
        suggestion("recorded", 1);
      }
      case Consolidation.Joined j -> joinedScores.record(j.score());
      case Consolidation.AlreadyOnBoard a -> {}
    }
  }

  /**
   * Counts suggestions that reached an outcome: recorded (a new post's), rechecked (the rule's
   * re-check after a join), judged (a suggesting judge's pick after a join), accepted, dismissed or
   * closed.
   */
  void suggestion(String outcome, int count) {
    meters.counter(SUGGESTIONS, "outcome", outcome).increment(count);
  }
}
