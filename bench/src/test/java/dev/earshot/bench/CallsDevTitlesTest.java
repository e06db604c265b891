package dev.earshot.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.earshot.bench.eval.TitleEval;
import dev.earshot.embeddings.MiniLmEmbeddingModel;
import dev.earshot.extraction.extract.FeatureAreas;
import dev.earshot.extraction.model.OfflineFeedbackModel;
import dev.earshot.extraction.organise.Organising;
import dev.earshot.extraction.pipeline.ExtractingFeedback;
import dev.earshot.testing.eval.LabelledCalls;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Titles of the offline model on the real calls of {@code ../shared/eval/calls-dev/} (read in
 * place, skipped when absent): every title keeps the rules, and at least {@link #NAMING_FLOOR} of
 * the titles of items that match a label share a content word with the labeller's summary ({@link
 * TitleEval#addReference}). offline-7 (an item's three strongest sentences offer phrases together,
 * weighed by what recurs across them and how common their head noun is) names 31 of 57; offline-6,
 * which titled an item from its strongest sentence alone, named 26 (0.456) and fails.
 */
class CallsDevTitlesTest {

  static final double NAMING_FLOOR = 0.52;

  @Test
  void titlesOfRealCallsKeepTheRulesAndMostNameWhatTheLabellerSaw() throws Exception {
    assumeTrue(LabelledCalls.present(LabelledCalls.FROM_MODULE), "../shared/eval/calls-dev absent");
    ExtractingFeedback extracting =
        new ExtractingFeedback(
            OfflineFeedbackModel.create(new MiniLmEmbeddingModel(), FeatureAreas.DEFAULTS),
            new Organising(Organising.DEFAULT_BOARDS, Map.of()),
            FeatureAreas.DEFAULTS,
            Clock.systemUTC());

    TitleEval titles = ExtractionTitles.onCallsDev(extracting, LabelledCalls.FROM_MODULE);
    Map<String, Object> figures = titles.asMap();

    assertThat(titles.broken()).as("titles breaking a rule").isZero();
    assertThat((int) figures.get("matched")).isPositive();
    assertThat((double) figures.get("naming_share"))
        .as("titles naming the request (%s)", figures)
        .isGreaterThanOrEqualTo(NAMING_FLOOR);
  }
}
