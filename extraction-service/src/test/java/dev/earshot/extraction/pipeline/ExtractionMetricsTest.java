package dev.earshot.extraction.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.earshot.extraction.ExtractionProperties;
import dev.earshot.extraction.model.FeedbackModel;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The per-call meters, read back from a simple registry. */
class ExtractionMetricsTest {

  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final ExtractionMetrics metrics =
      new ExtractionMetrics(
          meters,
          new ExtractionProperties(
              "offline", null, null, null, List.of(), Map.of(), List.of(), 2, null));
  private final FeedbackModel.ModelInfo model = new FeedbackModel.ModelInfo("offline", "test", "1");

  @Test
  void rewrittenTitlesAreCountedByProvider() {
    metrics.extracted(
        model, new ExtractingFeedback.Result(List.of(), FeedbackModel.Usage.none(100), 2), 1_000);
    metrics.extracted(
        model, new ExtractingFeedback.Result(List.of(), FeedbackModel.Usage.none(100), 1), 1_000);

    assertThat(
            meters
                .get("earshot.extraction.titles.rewritten")
                .tag("provider", "offline")
                .counter()
                .count())
        .isEqualTo(3.0);
  }

  @Test
  void noRewrittenTitlesRegisterNoCounter() {
    metrics.extracted(
        model, new ExtractingFeedback.Result(List.of(), FeedbackModel.Usage.none(100)), 1_000);

    assertThat(meters.find("earshot.extraction.titles.rewritten").counter()).isNull();
    assertThat(
            meters
                .get("earshot.extraction.calls")
                .tag("outcome", "without_feedback")
                .counter()
                .count())
        .isEqualTo(1.0);
  }
}
