package dev.earshot.extraction.extract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.earshot.embeddings.Vectors;
import dev.earshot.extraction.call.Role;
import dev.earshot.extraction.call.Speaker;
import dev.earshot.extraction.call.Utterance;
import dev.earshot.extraction.detect.Kind;
import dev.earshot.extraction.detect.SentenceClassifier;
import java.util.List;
import org.junit.jupiter.api.Test;

class ItemGroupingTest {

  private static final Speaker ANA =
      new Speaker("1", "p1", "Ana", null, null, Role.CUSTOMER, "Acme");
  private static final Speaker BO = new Speaker("2", "p2", "Bo", null, null, Role.CUSTOMER, "Acme");
  private final ItemGrouping grouping = ItemGrouping.defaults();

  private static ItemGrouping.Mention said(Speaker who, int turn, int index, float... direction) {
    return new ItemGrouping.Mention(
        new Utterance(index, turn, who, "s" + index, index * 1000L, index * 1000L + 900),
        new SentenceClassifier.Verdict(0.9, Kind.FEATURE_REQUEST, Vectors.unit(direction)));
  }

  @Test
  void aRequestVoicedAgainLaterIsOneItem() {
    var groups =
        grouping.group(List.of(said(ANA, 2, 5, 1, 0.1f, 0), said(ANA, 9, 40, 0.95f, 0.2f, 0.1f)));

    assertThat(groups).hasSize(1);
    assertThat(groups.getFirst().mentions()).hasSize(2);
  }

  @Test
  void differentRequestsStayApartEvenInOneTurn() {
    var groups = grouping.group(List.of(said(ANA, 2, 5, 1, 0, 0), said(ANA, 2, 6, 0, 1, 0)));

    assertThat(groups).hasSize(2);
  }

  @Test
  void twoSentencesAboutOneThingInOneTurnAreOneItem() {
    var groups =
        grouping.group(List.of(said(BO, 3, 10, 1, 0.5f, 0), said(BO, 3, 11, 1, 0.3f, 0.2f)));

    assertThat(groups).hasSize(1);
  }
}
