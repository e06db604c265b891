package dev.earshot.extraction.extract;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

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
    try (InputStream in = ItemModel.class.getResourceAsStream("item-weights.tsv")) {
      if (in == null) {
        throw new IllegalStateException("item-weights.tsv is missing from the classpath");
      }
      return read(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read item-weights.tsv", e);
    }
  }

  /**
   * Reads the weights file format above.
   *
   * @throws IllegalArgumentException on an unknown or missing feature, or a malformed line
   */
  public static ItemModel read(BufferedReader reader) throws IOException {
    List<String> names = ItemFeatures.names();
    double[] weights = new double[names.size()];
    boolean[] seen = new boolean[names.size()];
    double bias = 0;
    double threshold = 0.5;
    List<String> provenance = new ArrayList<>();
    String line;
    while ((line = reader.readLine()) != null) {
      if (line.isBlank()) {
        continue;
      }
      if (line.startsWith("#")) {
        provenance.add(line.substring(1).strip());
        continue;
      }
      String[] parts = line.split("\t");
      if (parts.length != 2) {
        throw new IllegalArgumentException("weights line is not name<TAB>value: " + line);
      }
      double value = Double.parseDouble(parts[1].strip());
      switch (parts[0].strip()) {
        case "threshold" -> threshold = value;
        case "bias" -> bias = value;
        default -> {
          int at = names.indexOf(parts[0].strip());
          if (at < 0) {
            throw new IllegalArgumentException("unknown item feature in weights: " + parts[0]);
          }
          weights[at] = value;
          seen[at] = true;
        }
      }
    }
    for (int i = 0; i < seen.length; i++) {
      if (!seen[i]) {
        throw new IllegalArgumentException(
            "item weights lack feature "
                + names.get(i)
                + ": retrain with ./earshot bench train-detector");
      }
    }
    return new ItemModel(bias, weights, threshold, List.copyOf(provenance));
  }

  /** The file text: provenance comments, threshold, bias, then each feature's weight. */
  public String write() {
    StringBuilder out = new StringBuilder();
    provenance.forEach(p -> out.append("# ").append(p).append('\n'));
    out.append(String.format(Locale.ROOT, "threshold\t%.4f%n", threshold));
    out.append(String.format(Locale.ROOT, "bias\t%.6f%n", bias));
    List<String> names = ItemFeatures.names();
    for (int i = 0; i < names.size(); i++) {
      out.append(String.format(Locale.ROOT, "%s\t%.6f%n", names.get(i), weights[i]));
    }
    return out.toString();
  }

  /** Probability (0..1) that a candidate item with these features is a labelled item. */
  public double score(double[] features) {
    double s = bias;
    for (int i = 0; i < weights.length; i++) {
      s += weights[i] * features[i];
    }
    return 1 / (1 + Math.exp(-s));
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
    int n = examples.size();
    if (labels.length != n || exampleWeights.length != n) {
      throw new IllegalArgumentException(
          "one label and one weight per example: " + labels.length + ", " + exampleWeights.length);
    }
    int d = ItemFeatures.names().size();
    double positive = 0;
    double total = 0;
    for (int e = 0; e < n; e++) {
      total += exampleWeights[e];
      positive += labels[e] == 1 ? exampleWeights[e] : 0;
    }
    double positiveWeight = positive == 0 ? 1 : total / (2 * positive);
    double negativeWeight = positive == total ? 1 : total / (2 * (total - positive));
    double[] w = new double[d];
    double b = 0;
    double rate = 0.5;
    for (int it = 0; it < iterations; it++) {
      double[] gradient = new double[d];
      double gradientBias = 0;
      for (int e = 0; e < n; e++) {
        double[] x = examples.get(e);
        double s = b;
        for (int i = 0; i < d; i++) {
          s += w[i] * x[i];
        }
        double p = 1 / (1 + Math.exp(-s));
        double g =
            (p - labels[e])
                * exampleWeights[e]
                * (labels[e] == 1 ? positiveWeight : negativeWeight);
        for (int i = 0; i < d; i++) {
          gradient[i] += g * x[i];
        }
        gradientBias += g;
      }
      for (int i = 0; i < d; i++) {
        w[i] -= rate * (gradient[i] / total + l2 * w[i]);
      }
      b -= rate * gradientBias / total;
    }
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
