package dev.earshot.extraction.detect;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The third stage of the offline detector: a logistic regression over {@link ConversationFeatures}
 * that decides whether a candidate sentence is the customer's own feedback given how it was said
 * and what it answers. Its weights are learned from labelled real conversations by {@code ./earshot
 * bench train-detector} and shipped as {@code conversation-weights.tsv} (weights and threshold
 * only, with the provenance lines that command writes: data, date, command); no sentence of the
 * data is in it.
 *
 * <p>File format: {@code # comment} lines (provenance), {@code threshold<TAB>p}, {@code
 * bias<TAB>w}, then one {@code feature<TAB>w} per {@link ConversationFeatures#names()}, in any
 * order; a feature the code does not know, or a known one missing, is an error (weights that no
 * longer fit the features must be retrained, not guessed).
 *
 * <p>Two operating points share the weights: {@code threshold}, {@code item-threshold} and {@code
 * strong-threshold} for conversations ({@link Genre#CONVERSATION}), and {@code text-threshold},
 * {@code text-item-threshold} and {@code text-strong-threshold} for written texts ({@link
 * Genre#WRITTEN}); the text lines are optional and default to the conversation ones.
 *
 * @param bias the intercept
 * @param weights one per {@link ConversationFeatures#names()}, in that order
 * @param calls the operating point for conversations (calls)
 * @param texts the operating point for written texts
 * @param provenance the comment lines of the file, without {@code #}
 */
public record ConversationModel(
    double bias,
    double[] weights,
    OperatingPoint calls,
    OperatingPoint texts,
    List<String> provenance) {

  /**
   * Where a genre's decisions are made, each chosen on data.
   *
   * @param sentence probability (0..1) from which a sentence counts as feedback
   * @param item least weight (sum of its sentences' probabilities) of an item that is reported;
   *     weaker groups are dropped unless one sentence is strong
   * @param strong a sentence scoring at least this is an item on its own, whatever the group's
   *     weight (a clear request needs no second sentence); above 1 means never
   */
  public record OperatingPoint(double sentence, double item, double strong) {

    /** Whether a sentence score counts as feedback. */
    public boolean isFeedback(double score) {
      return score >= sentence;
    }

    /**
     * Whether a group of feedback sentences is reported as an item.
     *
     * @param weight the sum of its sentences' scores
     * @param strongest its highest sentence score
     */
    public boolean isItem(double weight, double strongest) {
      return weight >= item || strongest >= strong;
    }
  }

  /** The operating point for a genre. */
  public OperatingPoint at(Genre genre) {
    return genre == Genre.WRITTEN ? texts : calls;
  }

  /** The conversation sentence threshold. */
  public double threshold() {
    return calls.sentence();
  }

  /** The conversation item-weight threshold. */
  public double itemThreshold() {
    return calls.item();
  }

  /** The conversation strong-sentence threshold. */
  public double strongThreshold() {
    return calls.strong();
  }

  /** The built-in weights ({@code conversation-weights.tsv} next to this class). */
  public static ConversationModel builtIn() {
    return WeightsFile.builtIn(
        ConversationModel.class, "conversation-weights.tsv", ConversationModel::read);
  }

  /**
   * Reads the weights file format above ({@link WeightsFile}).
   *
   * @throws IllegalArgumentException on an unknown or missing feature, or a malformed line
   */
  public static ConversationModel read(BufferedReader reader) throws IOException {
    WeightsFile file =
        WeightsFile.read(
            reader,
            ConversationFeatures.names(),
            Set.of(
                "bias",
                "threshold",
                "item-threshold",
                "strong-threshold",
                "text-threshold",
                "text-item-threshold",
                "text-strong-threshold"),
            "weights");
    Map<String, Double> settings = file.settings();
    double threshold = settings.getOrDefault("threshold", 0.5);
    double itemThreshold = settings.getOrDefault("item-threshold", 0.0);
    double strongThreshold = settings.getOrDefault("strong-threshold", 1.0);
    OperatingPoint calls = new OperatingPoint(threshold, itemThreshold, strongThreshold);
    OperatingPoint texts =
        new OperatingPoint(
            settings.getOrDefault("text-threshold", threshold),
            settings.getOrDefault("text-item-threshold", itemThreshold),
            settings.getOrDefault("text-strong-threshold", strongThreshold));
    return new ConversationModel(
        settings.getOrDefault("bias", 0.0), file.weights(), calls, texts, file.provenance());
  }

  /** The file text: provenance comments, threshold, bias, then each feature's weight. */
  public String write() {
    StringBuilder out = new StringBuilder();
    provenance.forEach(p -> out.append("# ").append(p).append('\n'));
    out.append(String.format(Locale.ROOT, "threshold\t%.4f%n", calls.sentence()));
    out.append(String.format(Locale.ROOT, "item-threshold\t%.4f%n", calls.item()));
    out.append(String.format(Locale.ROOT, "strong-threshold\t%.4f%n", calls.strong()));
    out.append(String.format(Locale.ROOT, "text-threshold\t%.4f%n", texts.sentence()));
    out.append(String.format(Locale.ROOT, "text-item-threshold\t%.4f%n", texts.item()));
    out.append(String.format(Locale.ROOT, "text-strong-threshold\t%.4f%n", texts.strong()));
    out.append(String.format(Locale.ROOT, "bias\t%.6f%n", bias));
    out.append(WeightsFile.featureLines(ConversationFeatures.names(), weights));
    return out.toString();
  }

  /** Probability (0..1) that a sentence with these features is feedback. */
  public double score(double[] features) {
    return WeightsFile.logistic(bias, weights, features);
  }

  /** Whether a conversation's group of feedback sentences is an item ({@link #calls()}). */
  public boolean isItem(double weight, double strongest) {
    return calls.isItem(weight, strongest);
  }

  /** Whether a conversation sentence's score counts as feedback ({@link #calls()}). */
  public boolean isFeedback(double score) {
    return calls.isFeedback(score);
  }

  /** The weights by feature name, for reports. */
  public Map<String, Double> byName() {
    Map<String, Double> m = new LinkedHashMap<>();
    List<String> names = ConversationFeatures.names();
    for (int i = 0; i < names.size(); i++) {
      m.put(names.get(i), weights[i]);
    }
    return m;
  }

  /**
   * The exemplar model's weight before training ({@link ConversationFeatures} scale its log-odds by
   * 1/4), and its fixed weight when it is not learned: learned on moderated research sessions alone
   * it flattened and clear feedback in other genres was lost; learned on those sessions and
   * simulator calls together ({@code bench train-detector}) it is kept where both are served.
   */
  public static final double EXEMPLAR_OFFSET = 4;

  /**
   * Features the labelling guide names as never being feedback by themselves (calls-dev README,
   * "Not items": narration of what they read or click, agreement with a leading question, ratings
   * and praise, small talk): their weights are kept at or below zero, so that data where such
   * sentences happen to sit next to feedback cannot teach the opposite.
   */
  public static final java.util.Set<String> NEVER_EVIDENCE =
      java.util.Set.of(
          "spoken:narrates-the-screen",
          "spoken:agrees",
          "spoken:rates",
          "spoken:approves",
          "cue:praises",
          "cue:is-rapport",
          "after-yes-no-question",
          "after-rating-prompt");

  /**
   * Fits the weights by full-batch gradient descent on the log loss with L2 (not on the bias) and
   * balanced class weights, the exemplar score held at {@link #EXEMPLAR_OFFSET} and the {@link
   * #NEVER_EVIDENCE} weights projected to at most zero after each step; deterministic (no
   * sampling), so the same data always gives the same weights.
   *
   * @param examples feature vectors ({@link ConversationFeatures#of})
   * @param labels 1 feedback, 0 not
   * @param l2 regularisation strength per example
   * @param iterations gradient steps
   */
  public static ConversationModel train(
      List<double[]> examples,
      int[] labels,
      double l2,
      int iterations,
      double threshold,
      List<String> provenance) {
    return train(examples, labels, l2, iterations, threshold, false, provenance);
  }

  /**
   * As {@link #train(List, int[], double, int, double, List)}, the exemplar weight starting at
   * {@link #EXEMPLAR_OFFSET} and, when {@code learnExemplar}, learned like the others (same L2).
   * Learned on spoken sessions alone it flattens; learned on spoken sessions and simulator calls
   * together ({@code bench train-detector}) it settles where both genres are served.
   */
  public static ConversationModel train(
      List<double[]> examples,
      int[] labels,
      double l2,
      int iterations,
      double threshold,
      boolean learnExemplar,
      List<String> provenance) {
    int d = ConversationFeatures.names().size();
    double[] start = new double[d];
    start[0] = EXEMPLAR_OFFSET;
    boolean[] nonPositive = new boolean[d];
    for (int i = 0; i < d; i++) {
      nonPositive[i] = NEVER_EVIDENCE.contains(ConversationFeatures.names().get(i));
    }
    LogisticFit fit =
        LogisticFit.fit(
            examples, labels, null, l2, iterations, start, learnExemplar ? 0 : 1, nonPositive);
    double b = fit.bias();
    double[] w = fit.weights();
    OperatingPoint point = new OperatingPoint(threshold, 0, 1);
    return new ConversationModel(b, w, point, point, provenance);
  }

  /** The same weights with other conversation thresholds (the text ones unchanged). */
  public ConversationModel withThresholds(double sentence, double item, double strong) {
    return new ConversationModel(
        bias, weights, new OperatingPoint(sentence, item, strong), texts, provenance);
  }

  /** The same weights with other written-text thresholds (the conversation ones unchanged). */
  public ConversationModel withTextThresholds(OperatingPoint point) {
    return new ConversationModel(bias, weights, calls, point, provenance);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ConversationModel m
        && bias == m.bias
        && calls.equals(m.calls)
        && texts.equals(m.texts)
        && Arrays.equals(weights, m.weights)
        && provenance.equals(m.provenance);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(weights) * 31 + Double.hashCode(bias);
  }

  @Override
  public String toString() {
    return "ConversationModel[features="
        + weights.length
        + ", calls="
        + calls
        + ", texts="
        + texts
        + "]";
  }
}
