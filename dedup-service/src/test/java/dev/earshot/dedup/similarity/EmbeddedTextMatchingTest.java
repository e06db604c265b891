package dev.earshot.dedup.similarity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.earshot.dedup.DedupProperties;
import dev.earshot.dedup.DedupTestSupport;
import dev.earshot.dedup.DedupTestSupport.ItemSpec;
import dev.earshot.dedup.board.Matching;
import dev.earshot.embeddings.MiniLmEmbeddingModel;
import dev.earshot.embeddings.Vectors;
import dev.earshot.events.FeedbackItem;
import dev.earshot.kit.cli.ServiceSettings;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What the embedded text decides, with the offline model at its configured threshold (and at the
 * threshold of before, 0.45): items that share a generic title (the kind the offline extraction
 * names a request by when no phrase of the customer's fits) but voice unrelated requests stay
 * apart, where embedding the title too joined them; twins phrased differently still join. The texts
 * are invented for this test.
 */
class EmbeddedTextMatchingTest {

  static MiniLmEmbeddingModel model;
  static Matching matching;

  @BeforeAll
  static void model() {
    model = new MiniLmEmbeddingModel();
    DedupProperties settings =
        ServiceSettings.bind(
            "dedup-service.yaml", "earshot.dedup", DedupProperties.class, Map.of());
    matching = new Matching(new Thresholds(settings.thresholds()).of(model.name()));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "Difficulty with the claim status page | I could not tell whether my claim was received."
            + " | The font is too small for me to read on my phone.",
        "Confusing upload page | I never know which file formats are accepted."
            + " | It logged me out halfway through and I lost everything."
      })
  void unrelatedRequestsUnderOneGenericTitleAreNotOneRequest(
      String title, String oneRequest, String another) {
    FeedbackItem first = ItemSpec.of("org", title, oneRequest).build();
    FeedbackItem second = ItemSpec.of("org", title, another).build();

    assertThat(duplicates(EmbeddedText.of(first), EmbeddedText.of(second))).isFalse();
    // with the title embedded too, as until 2026-12-02, the title alone made them one post at the
    // threshold of then; today's text keeps them apart at that threshold too
    assertThat(
            score(
                EmbeddedText.of(title, oneRequest, List.of()),
                EmbeddedText.of(title, another, List.of())))
        .isGreaterThanOrEqualTo(EARLIER_THRESHOLD);
    assertThat(score(EmbeddedText.of(first), EmbeddedText.of(second)))
        .isLessThan(EARLIER_THRESHOLD);
  }

  @Test
  void twinsPhrasedDifferentlyStillJoin() {
    FeedbackItem sso = ItemSpec.of("org", DedupTestSupport.SSO, DedupTestSupport.SSO_TEXT).build();
    FeedbackItem again =
        ItemSpec.of("org", DedupTestSupport.SSO_AGAIN, DedupTestSupport.SSO_AGAIN_TEXT).build();

    assertThat(duplicates(EmbeddedText.of(sso), EmbeddedText.of(again))).isTrue();
  }

  /** The all-minilm-l6-v2 threshold until 2026-12-02 (0.50 since: dedup README "Threshold"). */
  private static final double EARLIER_THRESHOLD = 0.45;

  private static boolean duplicates(String a, String b) {
    return matching.duplicates(score(a, b));
  }

  private static double score(String a, String b) {
    List<float[]> vectors = model.embed(List.of(a, b));
    return Vectors.dot(vectors.get(0), vectors.get(1));
  }
}
