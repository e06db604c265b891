package dev.earshot.gateway.connection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.earshot.testing.SettableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FeedConditionTest {

  private final SettableClock clock = new SettableClock(Instant.parse("2026-12-01T10:00:00Z"));
  private final FeedCondition condition =
      new FeedCondition(clock, Duration.ofSeconds(30), Duration.ofMinutes(15));

  @BeforeEach
  void start() {
    condition.started();
  }

  private void pass(Duration time) {
    clock.pass(time);
  }

  @Test
  void aStartedFeedIsNotReadyUntilItReachedTheTopicsEnd() {
    assertThat(condition.state().stage()).isEqualTo(FeedCondition.Stage.CATCHING_UP);
    assertThat(condition.state().ready()).isFalse();
    assertThat(condition.state().alive()).isTrue();

    condition.current(clock.instant());

    assertThat(condition.state().stage()).isEqualTo(FeedCondition.Stage.CURRENT);
    assertThat(condition.state().ready()).isTrue();
  }

  @Test
  void aFeedNotConfirmedCurrentForReadyWithinIsBehindAndNotReadyButAlive() {
    condition.current(clock.instant());
    pass(Duration.ofSeconds(31));
    condition.failed("check: TimeoutException");

    FeedCondition.State state = condition.state();

    assertThat(state.stage()).isEqualTo(FeedCondition.Stage.BEHIND);
    assertThat(state.ready()).isFalse();
    assertThat(state.alive()).isTrue();
    assertThat(state.problem()).isEqualTo("check: TimeoutException");

    condition.current(clock.instant());
    assertThat(condition.state().ready()).isTrue();
    assertThat(condition.state().failures()).isZero();
  }

  @Test
  void aFeedFailingLongerThanDeadAfterIsDead() {
    condition.current(clock.instant());
    pass(Duration.ofMinutes(15).plusSeconds(1));

    assertThat(condition.state().alive()).isFalse();
  }

  @Test
  void aFeedThatNeverCaughtUpWithinDeadAfterIsDead() {
    pass(Duration.ofMinutes(14));
    assertThat(condition.state().alive()).isTrue();

    pass(Duration.ofMinutes(2));
    assertThat(condition.state().alive()).isFalse();
    assertThat(condition.state().stage()).isEqualTo(FeedCondition.Stage.CATCHING_UP);
  }

  @Test
  void anEndedFeedIsDeadAndNotReadyAtOnce() {
    condition.current(clock.instant());

    condition.ended("its consumer stopped (ERROR)");

    assertThat(condition.state().stage()).isEqualTo(FeedCondition.Stage.ENDED);
    assertThat(condition.state().ready()).isFalse();
    assertThat(condition.state().alive()).isFalse();
    assertThat(condition.state().problem()).contains("ERROR");
  }

  @Test
  void aStoppedFeedIsNotReadyButNotDead() {
    condition.current(clock.instant());

    condition.stopped();

    assertThat(condition.state().ready()).isFalse();
    assertThat(condition.state().alive()).isTrue();
  }

  @Test
  void anOlderConfirmationNeverMovesCurrentAsOfBack() {
    Instant later = clock.instant();
    condition.current(later);

    condition.current(later.minusSeconds(10));

    assertThat(condition.state().currentAsOf()).isEqualTo(later);
  }

  @Test
  void backoffDoublesPerFailureUpToItsMaximum() {
    Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30));

    assertThat(backoff.after(1)).isEqualTo(Duration.ofSeconds(1));
    assertThat(backoff.after(3)).isEqualTo(Duration.ofSeconds(4));
    assertThat(backoff.after(6)).isEqualTo(Duration.ofSeconds(30));
    assertThat(backoff.after(10_000)).isEqualTo(Duration.ofSeconds(30));
    assertThat(backoff.after(0)).isEqualTo(Duration.ofSeconds(1));
  }
}
