package dev.earshot.extraction.extract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.earshot.embeddings.EmbeddingModel;
import dev.earshot.embeddings.Vectors;
import dev.earshot.extraction.call.CallFacts;
import dev.earshot.extraction.call.NormalisedCall;
import dev.earshot.extraction.call.Role;
import dev.earshot.extraction.call.Speaker;
import dev.earshot.extraction.call.Utterance;
import dev.earshot.extraction.detect.Kind;
import dev.earshot.extraction.detect.SentenceClassifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DescribingItemsTest {

  private static final Speaker RESEARCHER =
      new Speaker("r", "pr", "Dana", null, null, Role.INTERNAL, null);
  private static final Speaker ANA =
      new Speaker("a", "pa", "Ana", null, null, Role.CUSTOMER, "Acme");

  /** Every text on one axis: feature areas are not what these tests look at. */
  private static final EmbeddingModel FLAT =
      new EmbeddingModel() {
        @Override
        public String name() {
          return "flat";
        }

        @Override
        public int dimension() {
          return 3;
        }

        @Override
        public List<float[]> embed(List<String> texts) {
          return texts.stream().map(t -> new float[] {0, 0, 1}).toList();
        }

        @Override
        public java.time.Duration longestCall() {
          return java.time.Duration.ofSeconds(1);
        }
      };

  private final DescribingItems describing = new DescribingItems(new FeatureAreas(List.of(), FLAT));
  private final List<Utterance> utterances = new ArrayList<>();

  private Utterance says(Speaker who, int turn, String text) {
    Utterance u =
        new Utterance(
            utterances.size(),
            turn,
            who,
            text,
            utterances.size() * 1000L,
            utterances.size() * 1000L + 900);
    utterances.add(u);
    return u;
  }

  private static ItemGrouping.FeedbackSentence sentence(
      Utterance u, double score, float... direction) {
    return new ItemGrouping.FeedbackSentence(
        u, new SentenceClassifier.Verdict(score, Kind.FEATURE_REQUEST, Vectors.unit(direction)));
  }

  private NormalisedCall call() {
    return new NormalisedCall(
        new CallFacts("c1", "org", "conn", "", null, null, null, null, null, null, null),
        Map.of(RESEARCHER.speakerId(), RESEARCHER, ANA.speakerId(), ANA),
        utterances);
  }

  @Test
  void aDescriptionHoldsTheQuestionAndOnlyTheSentencesAboutThisItem() {
    says(RESEARCHER, 0, "Thanks for joining today.");
    says(RESEARCHER, 0, "What would you change about the upload page?");
    var wish = sentence(says(ANA, 1, "I'd like to see which files were accepted."), 0.9, 1, 0, 0);
    var aside =
        sentence(says(ANA, 1, "The colours on the home page are lovely though."), 0.6, 0, 1, 0);
    var again =
        sentence(says(ANA, 1, "A list of the accepted files would help."), 0.7, 0.9f, 0.1f, 0);

    FoundItem item =
        describing.describe(new ItemGrouping.Group(List.of(wish, aside, again)), call());

    assertThat(item.description())
        .isEqualTo(
            "Asked: What would you change about the upload page? — I'd like to see which files"
                + " were accepted. A list of the accepted files would help.");
  }

  @Test
  void aDescriptionHoldsAtMostThreeSentencesTheClosestToTheStrongest() {
    var first = sentence(says(ANA, 0, "First."), 0.5, 1, 0.30f, 0);
    var strongest = sentence(says(ANA, 0, "Strongest."), 0.9, 1, 0, 0);
    var near = sentence(says(ANA, 0, "Near."), 0.5, 1, 0.05f, 0);
    var nearer = sentence(says(ANA, 0, "Nearer."), 0.5, 1, 0.01f, 0);

    FoundItem item =
        describing.describe(
            new ItemGrouping.Group(List.of(first, strongest, near, nearer)), call());

    assertThat(item.description()).isEqualTo("Strongest. Near. Nearer.");
  }

  @Test
  void noQuestionIsNamedWhenTheTurnBeforeAsksNothing() {
    says(RESEARCHER, 0, "Okay, let's go to the next page.");
    var wish = sentence(says(ANA, 1, "I'd want a way to save my progress."), 0.9, 1, 0, 0);

    FoundItem item = describing.describe(new ItemGrouping.Group(List.of(wish)), call());

    assertThat(item.description()).isEqualTo("I'd want a way to save my progress.");
    assertThat(item.title()).isEqualTo("Save my progress");
  }
}
