package dev.earshot.dedup.similarity;

import java.util.Map;
import java.util.TreeMap;

/**
 * The similarity threshold of each embedding model, by model name. There is no universal figure:
 * 0.85 suits Voyage's embeddings, while all-MiniLM-L6-v2 scores paraphrases of one request far
 * lower, so a model without a calibrated threshold is refused rather than guessed.
 */
public final class Thresholds {

  /** No threshold is known for the configured model. */
  public static final class Uncalibrated extends IllegalStateException {
    Uncalibrated(String model, Map<String, Double> known) {
      super(
          "no similarity threshold for embedding model '"
              + model
              + "' (known: "
              + known.keySet()
              + "). Calibrate one with ./earshot bench dedup and set earshot.dedup.thresholds."
              + model);
    }
  }

  private final Map<String, Double> byModel;

  public Thresholds(Map<String, Double> byModel) {
    this.byModel = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    this.byModel.putAll(byModel);
  }

  public double of(String model) {
    Double threshold = byModel.get(model);
    if (threshold == null) {
      throw new Uncalibrated(model, byModel);
    }
    return threshold;
  }

  /** The model's figure, or {@code fallback} when none is configured. */
  public double orElse(String model, double fallback) {
    return byModel.getOrDefault(model, fallback);
  }
}
