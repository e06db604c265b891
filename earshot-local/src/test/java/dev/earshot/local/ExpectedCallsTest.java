package dev.earshot.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExpectedCallsTest {

  static final Instant BACKFILL_FROM = Instant.parse("2026-10-02T12:00:00Z");

  @Test
  void aReplayedCallThatStartedBeforeTheBackfillWindowIsNotExpectedButCounted() {
    var inside = call("1", "2026-10-02T12:30:00Z", 1800); // started 12:00, the window's start
    var outside = call("2", "2026-10-02T12:29:59Z", 1800); // started a second before it

    ExpectedCalls directory = ExpectedCalls.of(List.of(inside, outside), true, BACKFILL_FROM);
    ExpectedCalls generated = ExpectedCalls.of(List.of(inside, outside), false, BACKFILL_FROM);

    assertThat(directory.ids()).containsExactly("1");
    assertThat(directory.outsideBackfill()).isEqualTo(1);
    assertThat(generated.ids()).containsExactly("1", "2");
    assertThat(generated.outsideBackfill()).isZero();
  }

  private static Map<String, Object> call(String id, String listableAt, long durationSeconds) {
    return Map.of("call_id", id, "listable_at", listableAt, "duration_seconds", durationSeconds);
  }
}
