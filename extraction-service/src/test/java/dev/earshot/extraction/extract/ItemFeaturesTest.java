package dev.earshot.extraction.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import dev.earshot.embeddings.Vectors;
import dev.earshot.extraction.call.Role;
import dev.earshot.extraction.call.Speaker;
import dev.earshot.extraction.call.Utterance;
import dev.earshot.extraction.detect.Kind;
import dev.earshot.extraction.detect.SentenceClassifier;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The item stage's features, read over a whole candidate item and the call around it. */
class ItemFeaturesTest {

  private static final Speaker ANA =
      new Speaker("1", "p1", "Ana", null, null, Role.CUSTOMER, "Acme");
  private static final Speaker REP = new Speaker("9", "p9", "Rep", null, null, Role.INTERNAL, null);

  private static List<Utterance> call(Object... speakerThenText) {
    List<Utterance> call = new ArrayList<>();
    for (int i = 0; i < speakerThenText.length; i += 2) {
      int index = call.size();
      call.add(
          new Utterance(
              index,
              index,
              (Speaker) speakerThenText[i],
              (String) speakerThenText[i + 1],
              index * 1000L,
              index * 1000L + 900));
    }
    return call;
  }

  private static ItemGrouping.Group group(List<Utterance> call, double score, int... indexes) {
    List<ItemGrouping.FeedbackSentence> sentences = new ArrayList<>();
    for (int i : indexes) {
      sentences.add(
          new ItemGrouping.FeedbackSentence(
              call.get(i),
              new SentenceClassifier.Verdict(score, Kind.UX, Vectors.unit(new float[] {1, 0, 0}))));
    }
    return new ItemGrouping.Group(sentences);
  }

  private static double feature(double[] x, String name) {
    int at = ItemFeatures.names().indexOf(name);
    assertThat(at).as(name).isNotNegative();
    return x[at];
  }

  @Test
  void oneValuePerNamedFeatureAndNamesAreDistinct() {
    List<Utterance> call =
        call(REP, "Anything confusing here?", ANA, "The upload page is confusing.");

    double[] x = ItemFeatures.of(call).features(group(call, 0.8, 1));

    assertThat(x).hasSize(ItemFeatures.names().size());
    assertThat(ItemFeatures.names()).doesNotHaveDuplicates();
  }

  @Test
  void countsAndSharesAreReadOverTheItemsAnswers() {
    List<Utterance> call =
        call(
            REP, "What would you change on this page?",
            ANA, "Well.",
            ANA, "I can't find the upload button.",
            ANA, "It should be at the top.",
            ANA, "Anyway.");

    double[] x = ItemFeatures.of(call).features(group(call, 0.6, 2, 3));

    assertThat(feature(x, "mean-score")).isCloseTo(0.6, offset(1e-9));
    assertThat(feature(x, "share-of-answers")).isCloseTo(0.5, offset(1e-9));
    assertThat(feature(x, "log-answers")).isCloseTo(Math.log(2) / 2, offset(1e-9));
    assertThat(feature(x, "after-question")).isEqualTo(1);
    assertThat(feature(x, "after-opinion-prompt")).isEqualTo(1);
    assertThat(feature(x, "after-yes-no-question")).isZero();
    assertThat(feature(x, "share:spoken:struggles")).isCloseTo(0.5, offset(1e-9));
    assertThat(feature(x, "share:spoken:uses-a-modal")).isCloseTo(0.5, offset(1e-9));
    assertThat(feature(x, "position-in-call")).isCloseTo(2.0 / 5, offset(1e-9));
  }

  @Test
  void anItemSpreadOverTwoAnswersCountsBoth() {
    List<Utterance> call =
        call(
            REP, "How was the form?",
            ANA, "The date field rejected my birthday.",
            REP, "Oh really?",
            ANA, "Yes, the date field kept rejecting it.");

    double[] x = ItemFeatures.of(call).features(group(call, 0.7, 1, 3));

    assertThat(feature(x, "log-answers")).isCloseTo(Math.log(3) / 2, offset(1e-9));
    assertThat(feature(x, "share-of-answers")).isCloseTo(1, offset(1e-9));
  }

  @Test
  void wordsTheOtherSideJustSaidAreEchoes() {
    List<Utterance> call =
        call(
            REP, "The page says: upload your supporting documents before submitting.",
            ANA, "Upload your supporting documents before submitting.",
            REP, "Thanks.",
            ANA, "The calendar widget crashed twice.");
    ItemFeatures.CallView view = ItemFeatures.of(call);

    assertThat(feature(view.features(group(call, 0.5, 1)), "echoes-the-other-side")).isEqualTo(1);
    assertThat(feature(view.features(group(call, 0.5, 3)), "echoes-the-other-side")).isZero();
  }

  @Test
  void eachItemIsAlsoReadAgainstTheCallsOtherCandidates() {
    List<Utterance> call =
        call(
            REP, "How was the form?",
            ANA, "The date field rejected my birthday.",
            REP, "And the upload?",
            ANA, "The upload was slow.",
            REP, "Anything else?",
            ANA, "Maybe the colours.");
    List<ItemGrouping.Group> candidates =
        List.of(group(call, 0.9, 1), group(call, 0.5, 3), group(call, 0.2, 5));

    List<double[]> x = ItemFeatures.of(call).features(candidates);

    assertThat(x).hasSize(3);
    assertThat(feature(x.get(0), "call:below-best")).isZero();
    assertThat(feature(x.get(0), "call:rank")).isZero();
    assertThat(feature(x.get(1), "call:below-best"))
        .isCloseTo(ItemFeatures.logOdds(0.5) - ItemFeatures.logOdds(0.9), offset(1e-9));
    assertThat(feature(x.get(1), "call:rank")).isCloseTo(0.5, offset(1e-9));
    assertThat(feature(x.get(2), "call:rank")).isEqualTo(1);
    assertThat(feature(x.get(0), "call:below-heaviest")).isZero();
    assertThat(feature(x.get(2), "call:below-heaviest"))
        .isCloseTo(Math.log1p(0.2) - Math.log1p(0.9), offset(1e-9));
    assertThat(x)
        .allSatisfy(
            v -> assertThat(feature(v, "call:log-items")).isCloseTo(Math.log(4) / 2, offset(1e-9)));
    assertThat(feature(x.get(1), "mean-score"))
        .as("an item's own features do not depend on the others")
        .isEqualTo(feature(ItemFeatures.of(call).features(candidates.get(1)), "mean-score"));
  }

  @Test
  void titleCaseCountsCapitalisedWordsAfterTheFirstButNotI() {
    assertThat(ItemFeatures.titleCase("Contact Us Online Through Ask Help")).isEqualTo(1);
    assertThat(ItemFeatures.titleCase("I think I'd like a bigger button")).isZero();
    assertThat(ItemFeatures.titleCase("Go to the Help Center now")).isCloseTo(0.4, offset(1e-9));
  }

  @Test
  void aPastEventToldInTheFirstPersonIsNarration() {
    assertThat(
            ItemFeatures.narratesAPastEvent("When I called them last year they told me to wait."))
        .isTrue();
    assertThat(ItemFeatures.narratesAPastEvent("I wish the page showed my claim status."))
        .isFalse();
    assertThat(ItemFeatures.narratesAPastEvent("The page crashed when it loaded.")).isFalse();
  }

  @Test
  void functionWordsAreNotContentWords() {
    assertThat(ItemFeatures.content("Yeah that would really help with uploading documents"))
        .containsExactlyInAnyOrder("help", "uploading", "documents");
  }
}
