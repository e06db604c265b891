package dev.earshot.extraction.model;

import dev.earshot.extraction.call.NormalisedCall;
import dev.earshot.extraction.extract.FoundItem;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Finds the distinct pieces of product feedback in one call. */
public interface FeedbackModel {

  /** Who made the items, for their provenance: provider, model and version. */
  ModelInfo info();

  Extraction extract(NormalisedCall call, Taxonomy taxonomy);

  /**
   * The longest {@link #extract} can take for one call before it returns or throws, timeouts,
   * retries and re-asks included; the Kafka consumer sizes its polls with it ({@code
   * max.poll.records} × this must fit {@code max.poll.interval.ms}).
   */
  Duration longestCall();

  /**
   * How strongly these sentences read as product feedback (0..1), where the model can say without
   * extracting; empty otherwise (an LLM answers through {@link #extract} only).
   */
  default java.util.OptionalDouble score(List<String> sentences) {
    return java.util.OptionalDouble.empty();
  }

  /**
   * What a model found, and what it cost.
   *
   * @param items the call's items
   * @param usage tokens the model read and billed
   * @param titlesRewritten how many of the model's titles broke a {@code TitleRules} rule and were
   *     written again from the item's quotes (always 0 for the offline model, which keeps them)
   */
  record Extraction(List<FoundItem> items, Usage usage, int titlesRewritten) {

    /** An extraction whose titles were all kept as the model wrote them. */
    public Extraction(List<FoundItem> items, Usage usage) {
      this(items, usage, 0);
    }
  }

  /**
   * Provenance of items.
   *
   * @param provider offline, openai, anthropic
   * @param version the model's or prompt's version
   */
  record ModelInfo(String provider, String model, String version) {}

  /**
   * @param transcriptTokens tokens of the whole transcript (words × 4/3, the usual estimate)
   * @param sentTokens tokens of what was sent to the model (0 for the offline model)
   * @param inputTokens input tokens the provider billed
   * @param outputTokens output tokens the provider billed
   */
  record Usage(long transcriptTokens, long sentTokens, long inputTokens, long outputTokens) {
    public static Usage none(long transcriptTokens) {
      return new Usage(transcriptTokens, 0, 0, 0);
    }
  }

  /**
   * What a provider billed for a call before its extraction failed (two unusable answers, a refusal
   * or an outage on the re-ask). It is never thrown: {@link #extract} adds it to its failure as a
   * suppressed exception, so the failure keeps its type and with it its retry or dead-letter
   * handling, and whoever meters the call can still count what was billed.
   */
  final class BilledBeforeFailure extends RuntimeException {

    private final Usage usage;

    public BilledBeforeFailure(Usage usage) {
      super(
          "billed "
              + usage.inputTokens()
              + " input and "
              + usage.outputTokens()
              + " output tokens before failing",
          null,
          false,
          false);
      this.usage = usage;
    }

    public Usage usage() {
      return usage;
    }

    /**
     * Adds {@code usage} to {@code failure} as a suppressed {@code BilledBeforeFailure} when any
     * token was billed (input or output above 0), for the caller to meter with {@link #of}.
     */
    public static void attach(RuntimeException failure, Usage usage) {
      if (usage.inputTokens() > 0 || usage.outputTokens() > 0) {
        failure.addSuppressed(new BilledBeforeFailure(usage));
      }
    }

    /** The usage billed before {@code failure}, if {@link #extract} added it. */
    public static Optional<Usage> of(Throwable failure) {
      return Arrays.stream(failure.getSuppressed())
          .filter(BilledBeforeFailure.class::isInstance)
          .map(s -> ((BilledBeforeFailure) s).usage)
          .findFirst();
    }
  }
}
