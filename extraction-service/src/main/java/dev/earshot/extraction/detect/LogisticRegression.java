package dev.earshot.extraction.detect;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Softmax regression over {@link SentenceFeatures} (two classes is the logistic case), trained by
 * seeded stochastic gradient descent with L2 regularisation and class weights, so the same
 * exemplars always give the same model. Small and dependency-free; the datasets are hundreds of
 * sentences.
 */
public final class LogisticRegression {

  /** How to train. */
  public record Settings(
      int epochs, double learningRate, double l2, boolean useEmbedding, long seed) {}

  private final int classes;
  private final int cueCount;
  private final int embeddingDimension;
  private final boolean useEmbedding;
  private final float[][] weights;
  private final float[] bias;

  private LogisticRegression(
      int classes, int cueCount, int embeddingDimension, boolean useEmbedding) {
    this.classes = classes;
    this.cueCount = cueCount;
    this.embeddingDimension = embeddingDimension;
    this.useEmbedding = useEmbedding;
    this.weights = new float[classes][SentenceFeatures.HASHED + cueCount + embeddingDimension];
    this.bias = new float[classes];
  }

  /**
   * @param labels class index per example, 0..classes-1
   */
  public static LogisticRegression train(
      List<SentenceFeatures> examples, int[] labels, int classes, Settings settings) {
    int cueCount = examples.getFirst().cues().length;
    int dimension =
        settings.useEmbedding() && examples.getFirst().embedding() != null
            ? examples.getFirst().embedding().length
            : 0;
    LogisticRegression model = new LogisticRegression(classes, cueCount, dimension, dimension > 0);
    double[] classWeight = classWeights(labels, classes);
    int[] order = new int[examples.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    SplittableRandom random = new SplittableRandom(settings.seed());
    for (int epoch = 0; epoch < settings.epochs(); epoch++) {
      shuffle(order, random);
      double rate = settings.learningRate() / (1 + epoch * 0.1);
      for (int i : order) {
        model.step(examples.get(i), labels[i], rate * classWeight[labels[i]], settings.l2());
      }
    }
    return model;
  }

  /** Class probabilities of one sentence. */
  public double[] probabilities(SentenceFeatures f) {
    double[] scores = new double[classes];
    double max = Double.NEGATIVE_INFINITY;
    for (int c = 0; c < classes; c++) {
      scores[c] = score(c, f);
      max = Math.max(max, scores[c]);
    }
    double sum = 0;
    for (int c = 0; c < classes; c++) {
      scores[c] = Math.exp(scores[c] - max);
      sum += scores[c];
    }
    for (int c = 0; c < classes; c++) {
      scores[c] /= sum;
    }
    return scores;
  }

  private double score(int c, SentenceFeatures f) {
    float[] w = weights[c];
    double s = bias[c];
    for (int index : f.words()) {
      s += w[index];
    }
    float[] cues = f.cues();
    for (int i = 0; i < cueCount; i++) {
      s += w[SentenceFeatures.HASHED + i] * cues[i];
    }
    if (useEmbedding) {
      float[] e = f.embedding();
      int offset = SentenceFeatures.HASHED + cueCount;
      for (int i = 0; i < embeddingDimension; i++) {
        s += w[offset + i] * e[i];
      }
    }
    return s;
  }

  private void step(SentenceFeatures f, int label, double rate, double l2) {
    double[] p = probabilities(f);
    for (int c = 0; c < classes; c++) {
      double gradient = p[c] - (c == label ? 1 : 0);
      float[] w = weights[c];
      float delta = (float) (rate * gradient);
      float decay = (float) (1 - rate * l2);
      for (int index : f.words()) {
        w[index] = w[index] * decay - delta;
      }
      float[] cues = f.cues();
      for (int i = 0; i < cueCount; i++) {
        int at = SentenceFeatures.HASHED + i;
        w[at] = w[at] * decay - delta * cues[i];
      }
      if (useEmbedding) {
        float[] e = f.embedding();
        int offset = SentenceFeatures.HASHED + cueCount;
        for (int i = 0; i < embeddingDimension; i++) {
          w[offset + i] = w[offset + i] * decay - delta * e[i];
        }
      }
      bias[c] -= delta;
    }
  }

  private static double[] classWeights(int[] labels, int classes) {
    double[] counts = new double[classes];
    for (int label : labels) {
      counts[label]++;
    }
    double[] weights = new double[classes];
    for (int c = 0; c < classes; c++) {
      weights[c] = counts[c] == 0 ? 0 : labels.length / (classes * counts[c]);
    }
    return weights;
  }

  private static void shuffle(int[] order, SplittableRandom random) {
    for (int i = order.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
  }
}
