package dev.earshot.extraction.extract;

import dev.earshot.extraction.detect.LogisticFit;
import dev.earshot.extraction.detect.WeightsFile;
import java.io.BufferedReader;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The item stage of the offline detector for conversations: after the feedback sentences of a call
 * are grouped into candidate items ({@link ItemGrouping}), a logistic regression over {@link
 * ItemFeatures} of the whole item decides whether it is reported. It replaces, for conversations,
 * the rule "weight ≥ item threshold or one sentence ≥ strong threshold" of {@code
 * ConversationModel.OperatingPoint}; written texts keep that rule. Its weights are learned by
 * {@code ./earshot bench train-detector} from hand-labelled real calls together with simulator
 * calls and shipped as {@code item-weights.tsv} (weights and threshold only, with provenance).
 *
 * <p>File format: {@code # comment} lines (provenance), {@code threshold<TAB>p}, {@code
 * bias<TAB>w}, then one {@code feature<TAB>w} per {@link ItemFeatures#names()}, in any order; an
 * unknown or missing feature is an error (retrain, do not guess).
 *
 * @param bias the intercept
 * @param weights one per {@link ItemFeatures#names()}, in that order
 * @param threshold probability (0..1) from which a candidate item is reported
 * @param provenance the comment lines of the file, without {@code #}
 */
public record ItemModel(double bias, double[] weights, double threshold, List<String> provenance) {

  /** The built-in weights ({@code item-weights.tsv} next to this class). */
  public static ItemModel builtIn() {
    return WeightsFile.builtIn(ItemModel.class, "item-weights.tsv", ItemModel::read);
  }

  /**
   * Reads the weights file format above ({@link WeightsFile}).
   *
   * @throws IllegalArgumentException on an unknown or missing feature, or a malformed line
   */
  public static ItemModel read(BufferedReader reader) throws IOException {
    WeightsFile file =
        WeightsFile.read(reader, ItemFeatures.names(), Set.of("threshold", "bias"), "item weights");
    return new ItemModel(
        file.settings().getOrDefault("bias", 0.0),
        file.weights(),
        file.settings().getOrDefault("threshold", 0.5),
        file.provenance());
  }

  /** The file text: provenance comments, threshold, bias, then each feature's weight. */
  public String write() {
    StringBuilder out = new StringBuilder();
    provenance.forEach(p -> out.append("# ").append(p).append('\n'));
    out.append(String.format(Locale.ROOT, "threshold\t%.4f%n", threshold));
    out.append(String.format(Locale.ROOT, "bias\t%.6f%n", bias));
    out.append(WeightsFile.featureLines(ItemFeatures.names(), weights));
    return out.toString();
  }

  /** Probability (0..1) that a candidate item with these features is a labelled item. */
  public double score(double[] features) {
    return WeightsFile.logistic(bias, weights, features);
  }

  /** Whether a candidate item with these features is reported. */
  public boolean isItem(double[] features) {
    return score(features) >= threshold;
  }

  /** The same weights with another threshold. */
  public ItemModel withThreshold(double p) {
    return new ItemModel(bias, weights, p, provenance);
  }

  /** The same weights and threshold with other provenance lines. */
  public ItemModel withProvenance(List<String> lines) {
    return new ItemModel(bias, weights, threshold, List.copyOf(lines));
  }

  /** The weights by feature name, for reports. */
  public Map<String, Double> byName() {
    Map<String, Double> m = new LinkedHashMap<>();
    List<String> names = ItemFeatures.names();
    for (int i = 0; i < names.size(); i++) {
      m.put(names.get(i), weights[i]);
    }
    return m;
  }

  /**
   * Fits the weights by full-batch gradient descent on the weighted log loss with L2 (not on the
   * bias); each example's weight is its own weight times its class's balancing weight (so both
   * classes weigh the same in total); deterministic.
   *
   * @param examples feature vectors ({@link ItemFeatures.CallView#features})
   * @param labels 1 a labelled item, 0 not
   * @param exampleWeights one per example, > 0 (e.g. to weigh a small set of real calls as much as
   *     a large simulated one)
   * @param l2 regularisation strength
   * @param iterations gradient steps
   * @param threshold the decision threshold of the returned model
   * @throws IllegalArgumentException when the sizes differ
   */
  public static ItemModel train(
      List<double[]> examples,
      int[] labels,
      double[] exampleWeights,
      double l2,
      int iterations,
      double threshold) {
    LogisticFit fit =
        LogisticFit.fit(
            examples,
            labels,
            exampleWeights,
            l2,
            iterations,
            new double[ItemFeatures.names().size()],
            0,
            null);
    double b = fit.bias();
    double[] w = fit.weights();
    return new ItemModel(b, w, threshold, List.of());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ItemModel m
        && bias == m.bias
        && threshold == m.threshold
        && Arrays.equals(weights, m.weights)
        && provenance.equals(m.provenance);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(weights) * 31 + Double.hashCode(bias);
  }

  @Override
  public String toString() {
    return "ItemModel[features=" + weights.length + ", threshold=" + threshold + "]";
  }
}
