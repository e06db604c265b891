package dev.earshot.ingest.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.earshot.gong.api.ExtensiveCall;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PendingSummariesTest {

  static final Instant PUBLISHED = Instant.parse("2026-12-01T10:00:00Z");

  final PendingSummaries defaults =
      new PendingSummaries(true, Duration.ofMinutes(30), Duration.ofHours(4), Duration.ofHours(48));

  @Test
  void theFirstRecheckIsTheInitialDelayAfterPublication() {
    assertThat(defaults.first(PUBLISHED)).isEqualTo(PUBLISHED.plus(Duration.ofMinutes(30)));
  }

  @Test
  void rechecksDoubleTheirWaitUpToTheMaximumAndTheLastIsAtTheMaximumAge() {
    List<Duration> schedule = new ArrayList<>();
    Instant now = defaults.first(PUBLISHED);
    int checks = 1;
    for (Optional<Instant> next = defaults.next(PUBLISHED, checks, now);
        next.isPresent();
        next = defaults.next(PUBLISHED, ++checks, now)) {
      schedule.add(Duration.between(PUBLISHED, next.get()));
      now = next.get();
    }

    assertThat(schedule)
        .startsWith(
            Duration.ofMinutes(90),
            Duration.ofMinutes(210),
            Duration.ofMinutes(450),
            Duration.ofMinutes(690))
        .endsWith(
            Duration.ofMinutes(43 * 60 + 30),
            Duration.ofMinutes(47 * 60 + 30),
            Duration.ofHours(48));
    assertThat(Duration.between(PUBLISHED, now)).isEqualTo(Duration.ofHours(48));
    assertThat(checks).isEqualTo(15);
  }

  @Test
  void aRecheckAtOrPastTheMaximumAgeGivesUp() {
    assertThat(defaults.next(PUBLISHED, 3, PUBLISHED.plus(Duration.ofHours(48)))).isEmpty();
    assertThat(defaults.next(PUBLISHED, 3, PUBLISHED.plus(Duration.ofDays(5)))).isEmpty();
    assertThat(defaults.next(PUBLISHED, 3, PUBLISHED.plus(Duration.ofHours(47))))
        .contains(PUBLISHED.plus(Duration.ofHours(48)));
  }

  @Test
  void aMaximumAgeShorterThanTheInitialDelayChecksOnceAtThatAge() {
    PendingSummaries brief =
        new PendingSummaries(
            true, Duration.ofMinutes(30), Duration.ofHours(4), Duration.ofMinutes(10));
    assertThat(brief.first(PUBLISHED)).isEqualTo(PUBLISHED.plus(Duration.ofMinutes(10)));
    assertThat(brief.next(PUBLISHED, 1, PUBLISHED.plus(Duration.ofMinutes(10)))).isEmpty();
  }

  @Test
  void aBriefIsNonBlankText() {
    assertThat(PendingSummaries.isBrief(null)).isFalse();
    assertThat(PendingSummaries.isBrief(" \n")).isFalse();
    assertThat(PendingSummaries.isBrief("Acme asked for SSO.")).isTrue();
    assertThat(PendingSummaries.hasBrief(extensive(null))).isFalse();
    assertThat(PendingSummaries.hasBrief(extensive(" "))).isFalse();
    assertThat(PendingSummaries.hasBrief(extensive("Acme asked for SSO."))).isTrue();
  }

  private static ExtensiveCall extensive(String brief) {
    return new ExtensiveCall(
        null,
        List.of(),
        List.of(),
        brief == null ? null : new ExtensiveCall.Content(brief, null, null, null, null, null));
  }
}
