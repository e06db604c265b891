package dev.earshot.ingest.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class KafkaWaitTest {

  private final KafkaWait wait = new KafkaWait(Duration.ofMinutes(5));
  private final Instant now = Instant.parse("2026-12-03T12:00:00Z");

  @Test
  void nothingWaitsBeforeKafkaFailedToAnswer() {
    assertThat(wait.holds(now)).isFalse();
  }

  @Test
  void theWaitHoldsUntilItsEndAndNotAfter() {
    assertThat(wait.begin(now)).isEqualTo(now.plusSeconds(300));

    assertThat(wait.holdsUntil(now.plusSeconds(299))).contains(now.plusSeconds(300));
    assertThat(wait.holds(now.plusSeconds(300))).isFalse();
  }

  @Test
  void aWaitThatPassedIsForgottenEvenIfTheClockIsSetBack() {
    wait.begin(now);
    assertThat(wait.holds(now.plusSeconds(301))).isFalse();

    assertThat(wait.holds(now)).isFalse();
  }

  @Test
  void anotherUnansweredPublishStartsTheWaitAgain() {
    wait.begin(now);
    wait.begin(now.plusSeconds(200));

    assertThat(wait.holdsUntil(now.plusSeconds(400))).contains(now.plusSeconds(500));
  }
}
