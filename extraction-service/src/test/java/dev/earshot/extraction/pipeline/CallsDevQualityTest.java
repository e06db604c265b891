package dev.earshot.extraction.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.earshot.embeddings.MiniLmEmbeddingModel;
import dev.earshot.events.Quote;
import dev.earshot.extraction.extract.FeatureAreas;
import dev.earshot.extraction.extract.ItemGrouping;
import dev.earshot.extraction.model.OfflineFeedbackModel;
import dev.earshot.testing.eval.LabelledCalls;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The offline default on real, hand-labelled spoken calls ({@code ../shared/eval/calls-dev/}, read
 * in place, skipped when absent): item matching as its README defines it. The floors are the
 * figures this version's items (offline-6's, unchanged in offline-7, which only fixes a title's
 * grammar; offline-6: the item stage also reads each candidate against the call's other candidates,
 * {@code ItemFeatures.CALL_RELATIVE}; P 0.594, F1 0.559) reach, rounded down (in-sample: its
 * weights were learned on these calls). offline-5 (items capped at {@link
 * ItemGrouping#MAX_SENTENCES} sentences, P 0.431, F1 0.506) fails both floors; offline-4 (P 0.484,
 * F1 0.453) fails both floors and the cap: its items held up to 79 sentences, one of them covering
 * seven labelled items, which the matching counts as one hit; offline-3's P 0.418 / F1 0.443 and
 * earlier fail both floors. These are in-sample: held out by study the same training gives P 0.486,
 * F1 0.479, so issue 14's goals (P >= 0.60, F1 >= 0.55) are not reached.
 */
class CallsDevQualityTest {

  @Test
  void theOfflineModelFindsRealFeedbackInItemsOfReadableSize() throws Exception {
    assumeTrue(LabelledCalls.present(LabelledCalls.FROM_MODULE), "../shared/eval/calls-dev absent");
    LabelledCalls calls = LabelledCalls.read(LabelledCalls.FROM_MODULE);
    ExtractingFeedback extracting =
        ExtractingFeedback.onDefaultBoards(
            OfflineFeedbackModel.create(new MiniLmEmbeddingModel(), FeatureAreas.DEFAULTS));

    LabelledCalls.Counts items = new LabelledCalls.Counts(0, 0, 0);
    int longest = 0;
    for (LabelledCalls.Labelled call : calls.calls()) {
      List<List<String>> found =
          extracting.extract(call.call()).items().stream()
              .map(i -> i.getQuotes().stream().map(Quote::getText).toList())
              .toList();
      items = items.plus(LabelledCalls.items(call, found));
      longest = Math.max(longest, found.stream().mapToInt(List::size).max().orElse(0));
    }

    double precision = items.tp() / (double) (items.tp() + items.fp());
    double recall = items.tp() / (double) (items.tp() + items.fn());
    double f1 = 2 * precision * recall / (precision + recall);
    assertThat(precision).as("item precision (%s)", items).isGreaterThanOrEqualTo(PRECISION_FLOOR);
    assertThat(f1).as("item F1 (%s)", items).isGreaterThanOrEqualTo(F1_FLOOR);
    assertThat(longest)
        .as("quotes of the longest item")
        .isLessThanOrEqualTo(ItemGrouping.MAX_SENTENCES);
  }

  static final double PRECISION_FLOOR = 0.59;
  static final double F1_FLOOR = 0.55;
}
