package dev.earshot.extraction.detect;

import java.util.List;

/**
 * The cheap first stage: a logistic regression over hashed words and cues, no embedding. It scores
 * every customer sentence in microseconds, so only likely feedback is embedded (offline model) or
 * sent to a language model (LLM adapters).
 */
public final class LexicalGate {

  private static final LogisticRegression.Settings SETTINGS =
      new LogisticRegression.Settings(40, 0.05, 1e-4, false, 11);

  private final LogisticRegression model;

  private LexicalGate(LogisticRegression model) {
    this.model = model;
  }

  public static LexicalGate train(List<Exemplar> exemplars) {
    List<SentenceFeatures> features =
        exemplars.stream().map(e -> SentenceFeatures.lexical(e.text())).toList();
    int[] labels = exemplars.stream().mapToInt(e -> e.kind() == Kind.NONE ? 0 : 1).toArray();
    return new LexicalGate(LogisticRegression.train(features, labels, 2, SETTINGS));
  }

  /** Probability that the sentence is product feedback, from words and cues alone. */
  public double score(String sentence) {
    return score(SentenceFeatures.lexical(sentence));
  }

  double score(SentenceFeatures features) {
    return model.probabilities(features)[1];
  }
}
