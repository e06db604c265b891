package dev.earshot.extraction.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.earshot.embeddings.MiniLmEmbeddingModel;
import java.util.List;
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
}
