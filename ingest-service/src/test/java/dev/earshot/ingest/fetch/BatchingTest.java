package dev.earshot.ingest.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class BatchingTest {

  private final Batching batching = new Batching(100, Duration.ofSeconds(5));
  private final Instant now = Instant.parse("2026-11-25T12:00:00Z");

  @Test
  void aFullBatchGoesAtOnce() {
    assertThat(batching.ready(100, now, now)).isTrue();
  }

  @Test
  void aPartialBatchWaitsWhileItsOldestCallIsYoungerThanTheWait() {
    assertThat(batching.ready(37, now.minusSeconds(4), now)).isFalse();
  }

  @Test
  void aPartialBatchGoesOnceItsOldestCallHasWaitedLongEnough() {
    assertThat(batching.ready(37, now.minusSeconds(5), now)).isTrue();
    assertThat(batching.ready(1, now.minusSeconds(60), now)).isTrue();
  }
}
