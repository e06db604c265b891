package dev.earshot.extraction.followup.pipeline;

import dev.earshot.extraction.followup.DraftingFollowUps;
import dev.earshot.extraction.followup.FollowUpModel;
import dev.earshot.extraction.model.FeedbackModel;
import dev.earshot.extraction.pipeline.ExtractionMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigDecimal;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/**
 * Metrics of follow-up drafts: {@code earshot.followups.published} (by provider), {@code
 * earshot.followups.skipped} (by reason), {@code earshot.followups.action_items} (by owner side),
 * {@code earshot.followups.duration}, and for language models {@code
 * earshot.followups.model.tokens} (by type: input, output, sent, transcript) and {@code
 * earshot.followups.model.cost.usd} at the prices configured for the provider: of every drafted
 * call, and the input and output tokens and cost of a call whose draft failed after an answer was
 * billed.
 */
@Component
public class FollowUpMetrics {

  private final MeterRegistry meters;
  private final ExtractionMetrics extraction;

  FollowUpMetrics(MeterRegistry meters, ExtractionMetrics extraction) {
    this.meters = meters;
    this.extraction = extraction;
  }

  void drafted(FollowUpModel.DrafterInfo model, DraftingFollowUps.Result result, long nanos) {
    meters
        .timer("earshot.followups.duration", "provider", model.provider())
        .record(nanos, TimeUnit.NANOSECONDS);
    switch (result) {
      case DraftingFollowUps.Result.Skipped skipped ->
          meters.counter("earshot.followups.skipped", "reason", skipped.reason()).increment();
      case DraftingFollowUps.Result.Drafted drafted -> {
        meters.counter("earshot.followups.published", "provider", model.provider()).increment();
        drafted
            .followUp()
            .getActionItems()
            .forEach(
                a ->
                    meters
                        .counter(
                            "earshot.followups.action_items",
                            "owner_side",
                            a.getOwnerSide().name().toLowerCase(java.util.Locale.ROOT))
                        .increment());
        FeedbackModel.Usage usage = drafted.usage();
        count(model, "transcript", usage.transcriptTokens());
        count(model, "sent", usage.sentTokens());
        billed(model, usage);
      }
    }
  }

  /**
   * The input and output tokens a provider billed, and their cost: for a drafted call, and for one
   * whose draft failed after an answer was billed (then dead-lettered, or retried), as {@code
   * ExtractionMetrics.billed} meters extraction's.
   */
  void billed(FollowUpModel.DrafterInfo model, FeedbackModel.Usage usage) {
    count(model, "input", usage.inputTokens());
    count(model, "output", usage.outputTokens());
    BigDecimal cost = extraction.cost(model.provider(), usage);
    if (cost.signum() > 0) {
      meters
          .counter("earshot.followups.model.cost.usd", "provider", model.provider())
          .increment(cost.doubleValue());
    }
  }

  private void count(FollowUpModel.DrafterInfo model, String type, long tokens) {
    if (tokens > 0 && !model.extractive()) {
      meters
          .counter("earshot.followups.model.tokens", "provider", model.provider(), "type", type)
          .increment(tokens);
    }
  }
}
