package dev.earshot.extraction.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DescribingRulesTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "The app crashes when I upload a photo.|NEGATIVE",
        "It would be great if reports were emailed on Mondays.|NEUTRAL",
        "We love the new dashboard, it's excellent.|POSITIVE",
        "Can we get a German translation?|NEUTRAL"
      })
  void toneFollowsComplaintsAndPraiseButNotPoliteRequests(String text, ItemSentiment sentiment) {
    assertThat(Sentiments.of(text)).isEqualTo(sentiment);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "Without SSO this is a blocker for the rollout.|URGENT",
        "We need audit logs before legal signs off.|URGENT",
        "We really need bulk edit, it takes hours every week.|HIGH",
        "A dark theme would be nice at some point.|LOW",
        "Could the export include the notes column?|MEDIUM"
      })
  void priorityFollowsUrgencyAndImpact(String text, ItemPriority priority) {
    assertThat(Priorities.of(text, Sentiments.of(text), null)).isEqualTo(priority);
  }

  @Test
  void aComplaintOnALargeDealIsHighPriority() {
    String text = "The report totals are wrong.";

    assertThat(Priorities.of(text, ItemSentiment.NEGATIVE, new BigDecimal("250000")))
        .isEqualTo(ItemPriority.HIGH);
    assertThat(Priorities.of(text, ItemSentiment.NEGATIVE, new BigDecimal("5000")))
        .isEqualTo(ItemPriority.MEDIUM);
  }

  @Test
  void painPointsAreTheClausesThatNamePainOnce() {
    List<ItemQuote> quotes =
        List.of(
            new ItemQuote(
                "Editing records one by one takes forever, so my team does it by hand on Fridays.",
                0,
                1,
                "s",
                "n"),
            new ItemQuote(
                "Editing records one by one takes forever, so my team does it by hand on Fridays.",
                2,
                3,
                "s",
                "n"),
            new ItemQuote("We would love bulk edit.", 4, 5, "s", "n"));

    assertThat(PainPoints.of(quotes))
        .containsExactly(
            "Editing records one by one takes forever", "So my team does it by hand on Fridays");
  }
}
