package dev.earshot.extraction.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.earshot.embeddings.EmbeddingModel;
import dev.earshot.embeddings.MiniLmEmbeddingModel;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The offline detector on sentences it was not trained on (none is in the exemplars): requests,
 * bugs, limitations and complaints are feedback; pricing, scheduling, rapport and context are not.
 */
class SentenceClassifierTest {

  static SentenceClassifier classifier;

  @BeforeAll
  static void train() {
    classifier =
        SentenceClassifier.train(
            Exemplar.builtIn(), new MiniLmEmbeddingModel(), SentenceClassifier.Settings.defaults());
  }

  @Test
  void theExemplarsAreOurOwnAndCoverEveryKind() {
    List<Exemplar> exemplars = Exemplar.builtIn();

    assertThat(exemplars).hasSizeGreaterThan(800);
    assertThat(exemplars).extracting(Exemplar::kind).contains(Kind.values());
  }

  @Test
  void feedbackIsFoundWithItsKind() {
    var verdicts =
        classifier.classify(
            List.of(
                "We'd really like to tag our contracts by region, it would save the legal team a lot of time.",
                "The timesheet page throws an error whenever someone submits after midnight.",
                "Uploads are limited to twenty files per batch, which is nowhere near enough."));

    assertThat(verdicts).allSatisfy(v -> assertThat(v.feedback()).isTrue());
    assertThat(verdicts.get(0).kind()).isEqualTo(Kind.FEATURE_REQUEST);
    assertThat(verdicts.get(1).kind()).isEqualTo(Kind.BUG);
    assertThat(verdicts.get(2).kind()).isEqualTo(Kind.LIMITATION);
  }

  @Test
  void pricingSchedulingRapportAndContextAreNotFeedback() {
    var verdicts =
        classifier.classify(
            List.of(
                "Can you sharpen the pencil on the three-year price before we go to procurement?",
                "Let's find an hour on Thursday to walk my director through it.",
                "Good to hear from you, how was the trip?",
                "We onboarded two more clinics in the fall."));

    assertThat(verdicts).allSatisfy(v -> assertThat(v.feedback()).isFalse());
  }

  @Test
  void onlyCandidatesAreEmbedded() {
    var verdicts = classifier.classify(List.of("Okay.", "Sure, sounds good."));

    assertThat(verdicts).allSatisfy(v -> assertThat(v.embedding()).isNull());
  }

  @Test
  void whatTheBuiltInModelLearnsIsLearnedOncePerProcessAndDecidesAlike() {
    int learnings = SentenceClassifier.learnings();
    List<String> sentences =
        List.of(
            "It would help a lot if the export kept our column order.",
            "The calendar sync drops every event that repeats weekly.");

    SentenceClassifier again =
        SentenceClassifier.train(
            Exemplar.builtIn(), new MiniLmEmbeddingModel(), SentenceClassifier.Settings.defaults());

    assertThat(SentenceClassifier.learnings()).isEqualTo(learnings);
    assertThat(again.classify(sentences))
        .extracting(SentenceClassifier.Verdict::score)
        .containsExactlyElementsOf(
            classifier.classify(sentences).stream()
                .map(SentenceClassifier.Verdict::score)
                .toList());
    // other exemplars or other settings are another learning
    List<Exemplar> few = everyTwentieth();
    SentenceClassifier.train(
        few, new MiniLmEmbeddingModel(), SentenceClassifier.Settings.defaults());
    SentenceClassifier.train(
        few, new MiniLmEmbeddingModel(), new SentenceClassifier.Settings(0.3, 0.5));
    assertThat(SentenceClassifier.learnings()).isEqualTo(learnings + 2);
  }

  @Test
  void anyOtherModelLearnsAfreshBecauseTwoInstancesMayEmbedDifferently() {
    int learnings = SentenceClassifier.learnings();

    SentenceClassifier.train(
        Exemplar.builtIn(), new Seeded(1), SentenceClassifier.Settings.defaults());
    SentenceClassifier.train(
        Exemplar.builtIn(), new Seeded(1), SentenceClassifier.Settings.defaults());

    assertThat(SentenceClassifier.learnings()).isEqualTo(learnings + 2);
  }

  private static List<Exemplar> everyTwentieth() {
    List<Exemplar> all = Exemplar.builtIn();
    return java.util.stream.IntStream.range(0, all.size())
        .filter(i -> i % 20 == 0)
        .mapToObj(all::get)
        .toList();
  }

  /** Random vectors per text and seed: two instances with other seeds embed differently. */
  record Seeded(long seed) implements EmbeddingModel {
    @Override
    public String name() {
      return "seeded";
    }

    @Override
    public int dimension() {
      return 8;
    }

    @Override
    public Duration longestCall() {
      return Duration.ofSeconds(1);
    }

    @Override
    public List<float[]> embed(List<String> texts) {
      return texts.stream()
          .map(
              t -> {
                SplittableRandom random = new SplittableRandom(seed * 31 + t.hashCode());
                float[] v = new float[8];
                for (int i = 0; i < v.length; i++) {
                  v[i] = (float) random.nextGaussian();
                }
                return v;
              })
          .toList();
    }
  }
}
