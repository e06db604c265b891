package dev.earshot.dedup.similarity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.earshot.dedup.DedupTestSupport;
import dev.earshot.events.FeedbackItem;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EmbeddedTextTest {

  @Test
  void titleThenDescriptionThenPainPointsEachEndingASentence() {
    assertThat(
            EmbeddedText.of(
                "Bulk edit shipments",
                "Edit fifty shipments at once.",
                List.of("clicking through each one", "  ")))
        .isEqualTo("Bulk edit shipments. Edit fifty shipments at once. clicking through each one.");
  }

  @Test
  void anItemIsEmbeddedByTheCustomersWordsOfItsDescriptionWithoutTitleQuestionOrPainPoints() {
    FeedbackItem item =
        DedupTestSupport.ItemSpec.of(
                "org",
                "Bulk edit shipments",
                "Asked: Anything you would change? — Edit fifty shipments at once.")
            .build();
    item.put("painPoints", List.of("clicking through each one"));
    assertThat(item.getPainPoints()).hasSize(1);

    assertThat(EmbeddedText.of(item)).isEqualTo("Edit fifty shipments at once.");
  }

  @Test
  void anItemWhoseDescriptionHoldsNoCustomerWordsIsEmbeddedByItsTitle() {
    FeedbackItem onlyAQuestion =
        DedupTestSupport.ItemSpec.of("org", "Bulk edit shipments", "Asked: Anything else? — ")
            .build();
    FeedbackItem blank = DedupTestSupport.ItemSpec.of("org", "Okta single sign-on", " ").build();

    assertThat(EmbeddedText.of(onlyAQuestion)).isEqualTo("Bulk edit shipments.");
    assertThat(EmbeddedText.of(blank)).isEqualTo("Okta single sign-on.");
  }

  @Test
  void missingPartsAreSkipped() {
    assertThat(EmbeddedText.of("SSO?", null, List.of())).isEqualTo("SSO?");
  }

  @Test
  void aModelWithoutACalibratedThresholdIsRefused() {
    Thresholds thresholds = new Thresholds(Map.of("all-minilm-l6-v2", 0.45));
    assertThat(thresholds.of("ALL-MINILM-L6-V2")).isEqualTo(0.45);
    assertThatThrownBy(() -> thresholds.of("text-embedding-3-small"))
        .isInstanceOf(Thresholds.Uncalibrated.class)
        .hasMessageContaining("earshot.dedup.thresholds.text-embedding-3-small");
  }
}
