package dev.earshot.extraction.pipeline;

import dev.earshot.events.FeedbackItem;
import dev.earshot.extraction.ExtractionProperties;
import dev.earshot.extraction.model.FeedbackModel;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/**
 * Metrics of every extracted call: calls with and without feedback, items by kind, time per call,
 * model tokens (input, output, sent, transcript), the share of the transcript sent to a language
 * model, and the cost where prices are configured.
 */
@Component
public class ExtractionMetrics {

  private final MeterRegistry meters;
  private final ExtractionProperties properties;

  public ExtractionMetrics(MeterRegistry meters, ExtractionProperties properties) {
    this.meters = meters;
    this.properties = properties;
  }

  void extracted(FeedbackModel.ModelInfo model, ExtractingFeedback.Result result, long nanos) {
    meters
        .counter(
            "earshot.extraction.calls",
            "outcome",
            result.items().isEmpty() ? "without_feedback" : "with_feedback")
        .increment();
    for (FeedbackItem item : result.items()) {
      meters
          .counter(
              "earshot.extraction.items", "kind", item.getKind().name().toLowerCase(Locale.ROOT))
          .increment();
    }
    meters
        .timer("earshot.extraction.duration", "provider", model.provider())
        .record(nanos, TimeUnit.NANOSECONDS);
    if (result.titlesRewritten() > 0) {
      meters
          .counter("earshot.extraction.titles.rewritten", "provider", model.provider())
          .increment(result.titlesRewritten());
    }
    FeedbackModel.Usage usage = result.usage();
    count(model, "transcript", usage.transcriptTokens());
    count(model, "sent", usage.sentTokens());
    if (usage.transcriptTokens() > 0 && usage.sentTokens() > 0) {
      DistributionSummary.builder("earshot.extraction.model.sent_share")
          .description("share of a transcript's tokens sent to the model")
          .tag("provider", model.provider())
          .register(meters)
          .record(usage.sentTokens() / (double) usage.transcriptTokens());
    }
    billed(model, usage);
  }

  /**
   * The input and output tokens a provider billed, and their cost: for an extracted call, and for
   * one whose extraction failed after an answer was billed (then dead-lettered, or retried).
   */
  void billed(FeedbackModel.ModelInfo model, FeedbackModel.Usage usage) {
    count(model, "input", usage.inputTokens());
    count(model, "output", usage.outputTokens());
    BigDecimal cost = cost(model.provider(), usage);
    if (cost.signum() > 0) {
      meters
          .counter("earshot.extraction.model.cost.usd", "provider", model.provider())
          .increment(cost.doubleValue());
    }
  }

  private void count(FeedbackModel.ModelInfo model, String type, long tokens) {
    if (tokens > 0) {
      meters
          .counter("earshot.extraction.model.tokens", "provider", model.provider(), "type", type)
          .increment(tokens);
    }
  }

  /**
   * What a model's usage cost in USD at the configured prices of its provider (0 for the offline
   * model or when no price is configured).
   */
  public BigDecimal cost(String provider, FeedbackModel.Usage usage) {
    ExtractionProperties.Llm llm =
        switch (provider) {
          case "openai" -> properties.openai();
          case "anthropic" -> properties.anthropic();
          default -> null;
        };
    if (llm == null) {
      return BigDecimal.ZERO;
    }
    BigDecimal million = BigDecimal.valueOf(1_000_000);
    return llm.inputPricePerMillion()
        .multiply(BigDecimal.valueOf(usage.inputTokens()))
        .add(llm.outputPricePerMillion().multiply(BigDecimal.valueOf(usage.outputTokens())))
        .divide(million, MathContext.DECIMAL64);
  }
}
