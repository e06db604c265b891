package dev.earshot.provider;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PollBudgetTest {

  private final PollBudget hosted =
      new PollBudget(Duration.ofSeconds(193), Duration.ofMinutes(5), 100);

  @Test
  void withoutAConfiguredSizeAsManyRecordsAsFitTheIntervalAreTakenUpToTheCap() {
    assertThat(hosted.fit(null)).isEqualTo(new PollBudget.Fit.Sized(1));
    var offline = new PollBudget(Duration.ofSeconds(5), Duration.ofMinutes(5), 100);
    assertThat(offline.fit(null)).isEqualTo(new PollBudget.Fit.Sized(60));
    var fast = new PollBudget(Duration.ofSeconds(1), Duration.ofMinutes(5), 100);
    assertThat(fast.fit(null)).isEqualTo(new PollBudget.Fit.Sized(100));
  }

  @Test
  void aConfiguredSizeThatCannotFitIsRefusedNamingWhatWould() {
    PollBudget.Fit fit = hosted.fit(100);

    assertThat(fit).isEqualTo(new PollBudget.Fit.TooMany(100, 1));
    assertThat(hosted.explain(fit, "voyage: 4 attempts"))
        .contains("max-poll-records 100", "193 s", "at most 1", "max.poll.interval.ms to 19300000");
    assertThat(hosted.fit(1)).isEqualTo(new PollBudget.Fit.Sized(1));
  }

  @Test
  void anIntervalShorterThanOneRecordIsRefused() {
    var llm = new PollBudget(Duration.ofSeconds(620), Duration.ofMinutes(10), 20);

    PollBudget.Fit fit = llm.fit(null);

    assertThat(fit).isEqualTo(new PollBudget.Fit.IntervalTooShort(Duration.ofSeconds(620)));
    assertThat(llm.explain(fit, "openai")).contains("at least 620000");
  }

  @Test
  void readsKafkasConsumerSettingsWithItsDefaults() {
    assertThat(PollBudget.interval(Map.of())).isEqualTo(Duration.ofMinutes(5));
    assertThat(PollBudget.interval(Map.of("max.poll.interval.ms", "900000")))
        .isEqualTo(Duration.ofMinutes(15));
    assertThat(PollBudget.configuredRecords(Map.of())).isNull();
    assertThat(PollBudget.configuredRecords(Map.of("max.poll.records", 7))).isEqualTo(7);
  }
}
