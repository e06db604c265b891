package dev.earshot.dedup.board;

import static org.assertj.core.api.Assertions.assertThat;

import dev.earshot.embeddings.Vectors;
import java.util.List;
import org.junit.jupiter.api.Test;

class SuggestionEvidenceTest {

  @Test
  void theEvidenceIsTheClosestMentionsQuoteSharingTheMostWordsWithTheItemsQuote() {
    // given a candidate post of two mentions, the second closer to the item
    float[] item = Vectors.unit(new float[] {1, 0, 0});
    var far =
        new SuggestionEvidence.CandidateMention(
            Vectors.unit(new float[] {0, 1, 0}), List.of("Okta single sign-on for the whole team"));
    var near =
        new SuggestionEvidence.CandidateMention(
            Vectors.unit(new float[] {1, 0.2f, 0}),
            List.of("Reports are slow on Mondays", "We want Okta login for our staff"));
    // when
    MergeSuggestion.Evidence evidence =
        SuggestionEvidence.of(
            List.of("It happened again yesterday.", "Staff should log in with Okta."),
            item,
            List.of(far, near));
    // then the near mention's quote about Okta, against the item's quote about Okta
    assertThat(evidence.itemQuote()).isEqualTo("Staff should log in with Okta.");
    assertThat(evidence.candidateQuote()).isEqualTo("We want Okta login for our staff");
  }

  @Test
  void withoutSharedWordsTheFirstQuotesStandAndMissingQuotesAreNull() {
    float[] item = Vectors.unit(new float[] {1, 0, 0});
    var mention = new SuggestionEvidence.CandidateMention(item, List.of("Exports time out"));
    assertThat(SuggestionEvidence.of(List.of("Cannot sign in"), item, List.of(mention)))
        .isEqualTo(new MergeSuggestion.Evidence("Cannot sign in", "Exports time out"));
    assertThat(SuggestionEvidence.of(List.of(), item, List.of()))
        .isEqualTo(new MergeSuggestion.Evidence(null, null));
  }
}
