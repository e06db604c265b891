package dev.earshot.extraction.detect;

import java.util.List;

/**
 * Batch gradient descent for the logistic models of the detector's stages ({@link
 * ConversationModel}, {@code ItemModel}): weighted examples, both classes balanced to the same
 * total weight, L2 on the weights (not the bias), optionally some weights held at their start and
 * some kept ≤ 0. Deterministic: the same examples always give the same model.
 *
 * @param bias the learned intercept
 * @param weights the learned weights, one per feature
 */
public record LogisticFit(double bias, double[] weights) {

  /**
   * Fits the model.
   *
   * @param examples feature vectors, all of {@code start.length}
   * @param labels 1 positive, 0 negative, one per example
   * @param exampleWeights one per example, > 0 (null: all 1)
   * @param l2 regularisation strength
   * @param iterations gradient steps (rate 0.5)
   * @param start the weights to start from (copied); weights before {@code firstLearned} stay there
   * @param firstLearned index of the first weight that is learned
   * @param nonPositive per weight, whether it is clamped to ≤ 0 (null: none)
   * @throws IllegalArgumentException when the sizes differ
   */
  public static LogisticFit fit(
      List<double[]> examples,
      int[] labels,
      double[] exampleWeights,
      double l2,
      int iterations,
      double[] start,
      int firstLearned,
      boolean[] nonPositive) {
    int n = examples.size();
    if (labels.length != n || (exampleWeights != null && exampleWeights.length != n)) {
      throw new IllegalArgumentException(
          "one label and one weight per example: "
              + labels.length
              + ", "
              + (exampleWeights == null ? n : exampleWeights.length));
    }
    int d = start.length;
    double positive = 0;
    double total = 0;
    for (int e = 0; e < n; e++) {
      double weight = exampleWeights == null ? 1 : exampleWeights[e];
      total += weight;
      positive += labels[e] == 1 ? weight : 0;
    }
    double positiveWeight = positive == 0 ? 1 : total / (2 * positive);
    double negativeWeight = positive == total ? 1 : total / (2 * (total - positive));
    double[] w = start.clone();
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
                * (exampleWeights == null ? 1 : exampleWeights[e])
                * (labels[e] == 1 ? positiveWeight : negativeWeight);
        for (int i = 0; i < d; i++) {
          gradient[i] += g * x[i];
        }
        gradientBias += g;
      }
      for (int i = firstLearned; i < d; i++) {
        w[i] -= rate * (gradient[i] / total + l2 * w[i]);
        if (nonPositive != null && nonPositive[i] && w[i] > 0) {
          w[i] = 0;
        }
      }
      b -= rate * gradientBias / total;
    }
    return new LogisticFit(b, w);
  }
}
