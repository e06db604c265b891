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

  @Test
  void tokensBilledBeforeAFailureCountAsInputOutputAndCostOnly() {
    ExtractionMetrics priced =
        new ExtractionMetrics(
            meters,
            new ExtractionProperties(
                "openai",
                new ExtractionProperties.Llm(
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    0,
                    100,
                    new java.math.BigDecimal("1.00"),
                    new java.math.BigDecimal("2.00"),
                    false),
                null,
                null,
                List.of(),
                Map.of(),
                List.of(),
                2,
                null));
    FeedbackModel.ModelInfo openai = new FeedbackModel.ModelInfo("openai", "m", "1");

    priced.billed(openai, new FeedbackModel.Usage(5_000, 1_000, 1_600, 180));

    assertThat(meters.get("earshot.extraction.model.tokens").tag("type", "input").counter().count())
        .isEqualTo(1_600.0);
    assertThat(
            meters.get("earshot.extraction.model.tokens").tag("type", "output").counter().count())
        .isEqualTo(180.0);
    assertThat(meters.find("earshot.extraction.model.tokens").tag("type", "sent").counter())
        .isNull();
    assertThat(meters.get("earshot.extraction.model.cost.usd").counter().count())
        .isCloseTo(0.00196, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(meters.find("earshot.extraction.calls").counter()).isNull();
  }
}
