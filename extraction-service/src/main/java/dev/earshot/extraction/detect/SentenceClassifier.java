package dev.earshot.extraction.detect;

import dev.earshot.embeddings.EmbeddingModel;
import java.util.ArrayList;
import java.util.List;

/**
 * Decides, per sentence, whether it voices product feedback and of which kind. Two stages keep it
 * fast: a word-and-cue model scores every sentence (microseconds), and only candidates above the
 * {@code gate} are embedded and scored by the model that also sees the embedding. Both are logistic
 * regressions trained at start on the exemplars.
 */
public final class SentenceClassifier {

  /**
   * @param gate stage-one score a sentence needs to be embedded at all (favours recall)
   * @param threshold final score from which a sentence counts as feedback
   */
  public record Settings(double gate, double threshold) {
    public static Settings defaults() {
      return new Settings(0.2, 0.5);
    }
  }

  /**
   * @param score probability of being product feedback (stage two for candidates, else stage one)
   * @param kind the most likely kind, {@link Kind#NONE} when not feedback
   * @param embedding the sentence's embedding when it was a candidate, else null
   */
  public record Verdict(double score, Kind kind, float[] embedding) {
    public boolean feedback() {
      return kind != Kind.NONE;
    }
  }

  private static final Kind[] KINDS = {Kind.FEATURE_REQUEST, Kind.BUG, Kind.LIMITATION, Kind.UX};
  private static final LogisticRegression.Settings FULL =
      new LogisticRegression.Settings(40, 0.05, 1e-4, true, 13);

  private final EmbeddingModel embeddings;
  private final Settings settings;
  private final LexicalGate lexical;
  private final LogisticRegression full;
  private final LogisticRegression kinds;

  private SentenceClassifier(
      EmbeddingModel embeddings,
      Settings settings,
      LexicalGate lexical,
      LogisticRegression full,
      LogisticRegression kinds) {
    this.embeddings = embeddings;
    this.settings = settings;
    this.lexical = lexical;
    this.full = full;
    this.kinds = kinds;
  }

  public static SentenceClassifier train(
      List<Exemplar> exemplars, EmbeddingModel embeddings, Settings settings) {
    List<float[]> vectors = embeddings.embed(exemplars.stream().map(Exemplar::text).toList());
    List<SentenceFeatures> features = new ArrayList<>();
    int[] isFeedback = new int[exemplars.size()];
    List<SentenceFeatures> positives = new ArrayList<>();
    List<Integer> positiveKinds = new ArrayList<>();
    for (int i = 0; i < exemplars.size(); i++) {
      Exemplar e = exemplars.get(i);
      SentenceFeatures f = SentenceFeatures.lexical(e.text()).withEmbedding(vectors.get(i));
      features.add(f);
      isFeedback[i] = e.kind() == Kind.NONE ? 0 : 1;
      if (e.kind() != Kind.NONE) {
        positives.add(f);
        positiveKinds.add(e.kind().ordinal());
      }
    }
    return new SentenceClassifier(
        embeddings,
        settings,
        LexicalGate.train(exemplars),
        LogisticRegression.train(features, isFeedback, 2, FULL),
        LogisticRegression.train(
            positives,
            positiveKinds.stream().mapToInt(Integer::intValue).toArray(),
            KINDS.length,
            FULL));
  }

  public Settings settings() {
    return settings;
  }

  /** Verdicts for sentences, in order; candidates are embedded in one batch. */
  public List<Verdict> classify(List<String> sentences) {
    List<SentenceFeatures> features = new ArrayList<>(sentences.size());
    List<Integer> candidates = new ArrayList<>();
    double[] stageOne = new double[sentences.size()];
    for (int i = 0; i < sentences.size(); i++) {
      SentenceFeatures f = SentenceFeatures.lexical(sentences.get(i));
      features.add(f);
      stageOne[i] = lexical.score(f);
      if (stageOne[i] >= settings.gate()) {
        candidates.add(i);
      }
    }
    List<float[]> vectors = embeddings.embed(candidates.stream().map(sentences::get).toList());
    List<Verdict> verdicts = new ArrayList<>(sentences.size());
    for (int i = 0; i < sentences.size(); i++) {
      verdicts.add(new Verdict(stageOne[i], Kind.NONE, null));
    }
    for (int c = 0; c < candidates.size(); c++) {
      int i = candidates.get(c);
      SentenceFeatures f = features.get(i).withEmbedding(vectors.get(c));
      double score = full.probabilities(f)[1];
      verdicts.set(
          i,
          new Verdict(
              score, score >= settings.threshold() ? kindOf(f) : Kind.NONE, vectors.get(c)));
    }
    return verdicts;
  }

  private Kind kindOf(SentenceFeatures f) {
    double[] p = kinds.probabilities(f);
    int best = 0;
    for (int k = 1; k < p.length; k++) {
      if (p[k] > p[best]) {
        best = k;
      }
    }
    return KINDS[best];
  }
}
