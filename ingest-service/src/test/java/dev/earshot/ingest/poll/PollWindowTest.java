package dev.earshot.ingest.poll;

import static org.assertj.core.api.Assertions.assertThat;

import dev.earshot.ingest.IngestProperties;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Where a poll lists from: never past a call that may still become listable. */
class PollWindowTest {

  static final IngestProperties.Poll SETTINGS =
      new IngestProperties.Poll(
          Duration.ofMinutes(15),
          Duration.ofMinutes(10),
          Duration.ofHours(1),
          Duration.ofHours(4),
          Duration.ofHours(6),
          Duration.ofDays(1),
          Duration.ofSeconds(30));

  static final Instant NOW = Instant.parse("2026-11-30T11:32:00Z");

  @Test
  void aRecentWatermarkIsHeldBackByTheProcessingMargin() {
    // field case 01: watermark 10:40 (call B); call A started 10:00 and is listable only now
    PollWindow window =
        PollWindow.of(Instant.parse("2026-11-30T10:40:12Z"), NOW.minusSeconds(60), NOW, SETTINGS);

    assertThat(window.from()).isEqualTo(Instant.parse("2026-11-30T07:22:00Z"));
    assertThat(window.from()).isBefore(Instant.parse("2026-11-30T10:00:40Z"));
    assertThat(window.reconciles()).isFalse();
  }

  @Test
  void anOldWatermarkIsKeptMinusTheOverlap() {
    PollWindow window =
        PollWindow.of(Instant.parse("2026-11-29T20:00:00Z"), NOW.minusSeconds(60), NOW, SETTINGS);

    assertThat(window.from()).isEqualTo(Instant.parse("2026-11-29T19:50:00Z"));
  }

  @Test
  void everyReconcileIntervalOnePollListsTheWholeReconciliationWindow() {
    Instant watermark = Instant.parse("2026-11-30T11:00:00Z");

    PollWindow early = PollWindow.of(watermark, NOW.minus(Duration.ofHours(5)), NOW, SETTINGS);
    PollWindow due = PollWindow.of(watermark, NOW.minus(Duration.ofHours(6)), NOW, SETTINGS);
    PollWindow first = PollWindow.of(watermark, null, NOW, SETTINGS);

    assertThat(early.reconciles()).isFalse();
    assertThat(due.reconciles()).isTrue();
    assertThat(due.from()).isEqualTo(NOW.minus(Duration.ofDays(1)));
    assertThat(first.reconciles()).isFalse();
  }
}
