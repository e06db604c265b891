package dev.earshot.dedup.similarity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Shared rare words lift a candidate; shared common words barely do. */
class LexicalRescoringTest {

  private final LexicalRescoring rescoring = new LexicalRescoring(0.4);

  /** A board where "report" is in every mention and "okta", "scim" in none yet. */
  private static TermRarity board() {
    TermRarity rarity = new TermRarity();
    for (int i = 0; i < 20; i++) {
      rarity.add(ContentWords.words("The weekly report " + i).keySet());
    }
    rarity.add(ContentWords.words("Mobile app crashes").keySet());
    return rarity;
  }

  private static List<List<ContentWords.Sentence>> post(String... mentions) {
    return java.util.Arrays.stream(mentions).map(ContentWords::sentences).toList();
  }

  @Test
  void sharedRareWordsRaiseTheScoreMoreThanSharedCommonOnes() {
    TermRarity rarity = board();
    var item = ContentWords.sentences("Provision users from Okta with SCIM in the weekly report.");

    double rare =
        LexicalRescoring.lexical(item, post("Okta SCIM provisioning, please."), rarity)
            .similarity();
    double common =
        LexicalRescoring.lexical(item, post("Weekly report, please."), rarity).similarity();

    assertThat(rare).isGreaterThan(0.5);
    assertThat(common).isLessThan(rare / 2);
    assertThat(rescoring.rescore(0.40, new LexicalRescoring.Lexical(rare, "", "")))
        .isGreaterThan(rescoring.rescore(0.40, new LexicalRescoring.Lexical(common, "", "")));
  }

  @Test
  void inflectedFormsMatchThroughStemming() {
    var item = ContentWords.sentences("Exporting invoices fails.");

    var lexical = LexicalRescoring.lexical(item, post("Invoice exports failed."), board());

    assertThat(lexical.similarity()).isCloseTo(1.0, within(1e-9));
    assertThat(lexical.itemSentence()).isEqualTo("Exporting invoices fails.");
    assertThat(lexical.postSentence()).isEqualTo("Invoice exports failed.");
  }

  @Test
  void theBestSentencePairCountsNotTheWholeText() {
    TermRarity rarity = board();
    var item = ContentWords.sentences("We use Okta everywhere. Our finance team is in Berlin.");
    var mention = ContentWords.sentences("Sales like the dashboards. Okta login.");

    var lexical = LexicalRescoring.lexical(item, List.of(mention), rarity);

    assertThat(lexical.similarity())
        .isGreaterThan(0)
        .isEqualTo(LexicalRescoring.similarity(item.get(0), mention.get(1), rarity));
    assertThat(lexical.itemSentence()).isEqualTo("We use Okta everywhere.");
    assertThat(lexical.postSentence()).isEqualTo("Okta login.");
  }

  @Test
  void aPostsScoreIsTheMeanOverItsMentions() {
    var item = ContentWords.sentences("Okta login.");

    double mean =
        LexicalRescoring.lexical(item, post("Okta login.", "Mobile app crashes."), board())
            .similarity();

    assertThat(mean).isCloseTo(0.5, within(1e-9));
  }

  @Test
  void noSharedWordsLeaveTheCosineAsItIs() {
    var lexical =
        LexicalRescoring.lexical(
            ContentWords.sentences("Okta login."), post("Mobile app crashes."), board());

    assertThat(lexical.similarity()).isZero();
    assertThat(rescoring.rescore(0.47, lexical)).isEqualTo(0.47);
  }

  @Test
  void rarityIsSmoothedInverseDocumentFrequency() {
    TermRarity rarity = board();

    assertThat(rarity.idf("okta")).isCloseTo(Math.log(22.0 / 1) + 1, within(1e-9));
    assertThat(rarity.idf("report")).isCloseTo(Math.log(22.0 / 21) + 1, within(1e-9));
    assertThat(new TermRarity().idf("anything")).isEqualTo(1.0);
  }
}
