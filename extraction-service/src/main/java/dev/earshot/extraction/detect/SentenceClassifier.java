package dev.earshot.extraction.detect;

import dev.earshot.embeddings.EmbeddingModel;
import dev.earshot.embeddings.MiniLmEmbeddingModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Decides, per sentence, whether it voices product feedback and of which kind. Two stages keep it
 * fast: a word-and-cue model scores every sentence (microseconds), and only candidates above the
 * {@code gate} are embedded and scored by the model that also sees the embedding. Both are logistic
 * regressions trained at start on the exemplars. With a {@link ConversationModel} ({@link
 * #withConversation}), a third stage decides for the candidates: it weighs the exemplar score with
 * how the sentence was said and what it answers ({@link TurnContext}), with weights learned from
 * labelled real calls.
 */
public final class SentenceClassifier {

  /**
   * @param gate stage-one score a sentence needs to be embedded at all (favours recall)
   * @param threshold stage-two score from which a sentence counts as feedback when there is no
   *     conversation stage (with one, its own threshold decides)
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

  private static final Kind[] KINDS = Kind.feedback().toArray(Kind[]::new);
  private static final LogisticRegression.Settings FULL =
      new LogisticRegression.Settings(40, 0.05, 1e-4, true, 13);

  private final EmbeddingModel embeddings;
  private final Settings settings;
  private final LexicalGate lexical;
  private final LogisticRegression full;
  private final LogisticRegression kinds;
  private final ConversationModel conversation;

  private SentenceClassifier(
      EmbeddingModel embeddings,
      Settings settings,
      LexicalGate lexical,
      LogisticRegression full,
      LogisticRegression kinds,
      ConversationModel conversation) {
    this.embeddings = embeddings;
    this.settings = settings;
    this.lexical = lexical;
    this.full = full;
    this.kinds = kinds;
    this.conversation = conversation;
  }

  /**
   * The same classifier deciding with a third stage that weighs how a candidate was said and what
   * it answers ({@link ConversationModel}, its own threshold); {@code null} decides by the exemplar
   * model's {@link Settings#threshold()} alone, as before.
   */
  public SentenceClassifier withConversation(ConversationModel model) {
    return new SentenceClassifier(embeddings, settings, lexical, full, kinds, model);
  }

  /**
   * Learns both stages from labelled exemplars, embedding every exemplar with {@code embeddings}.
   * With the built-in {@link MiniLmEmbeddingModel} (no settings, deterministic) what is learned
   * from equal exemplars and settings is learned once per process and shared (it is immutable); any
   * other model learns afresh at every call, since two instances of it may embed differently.
   *
   * @param exemplars the labelled sentences ({@link Exemplar#builtIn()} in the service)
   * @param embeddings the model whose vectors the second stage sees, also used when classifying
   * @throws RuntimeException whatever {@code embeddings} throws (nothing is remembered then)
   */
  public static SentenceClassifier train(
      List<Exemplar> exemplars, EmbeddingModel embeddings, Settings settings) {
    if (embeddings.getClass() != MiniLmEmbeddingModel.class) {
      return fit(exemplars, embeddings, settings);
    }
    // The built-in model has no settings and is deterministic, so what it learns from these
    // exemplars is the same every time: learn it once per process (each Spring context, command
    // and test built it again, ~9 s of embedding on 2 cores).
    SentenceClassifier learned =
        LEARNED_WITH_MINILM.computeIfAbsent(
            new Learning(List.copyOf(exemplars), settings),
            l -> fit(l.exemplars(), embeddings, l.settings()));
    return new SentenceClassifier(
        embeddings, settings, learned.lexical, learned.full, learned.kinds, null);
  }

  /** How many times this process learned from exemplars, with any model (for tests). */
  static int learnings() {
    return LEARNINGS.get();
  }

  private static final AtomicInteger LEARNINGS = new AtomicInteger();

  private record Learning(List<Exemplar> exemplars, Settings settings) {}

  /**
   * Learned with {@link MiniLmEmbeddingModel}, by exemplars and settings; bounded by their few
   * sets.
   */
  private static final Map<Learning, SentenceClassifier> LEARNED_WITH_MINILM =
      new ConcurrentHashMap<>();

  private static SentenceClassifier fit(
      List<Exemplar> exemplars, EmbeddingModel embeddings, Settings settings) {
    LEARNINGS.incrementAndGet();
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
            FULL),
        null);
  }

  public Settings settings() {
    return settings;
  }

  /**
   * Verdicts for sentences that stand alone (one unprompted answer, as a written review), in order.
   */
  public List<Verdict> classify(List<String> sentences) {
    List<TurnContext> alone = new ArrayList<>(sentences.size());
    for (int i = 0; i < sentences.size(); i++) {
      alone.add(TurnContext.alone(i, sentences.size()));
    }
    return classify(sentences, alone, Genre.WRITTEN);
  }

  /**
   * Verdicts for a call's customer sentences with their contexts, in order; candidates are embedded
   * in one batch.
   *
   * @param contexts one per sentence ({@link TurnContext#ofCustomers})
   * @param genre which of the conversation stage's operating points decides
   */
  public List<Verdict> classify(List<String> sentences, List<TurnContext> contexts, Genre genre) {
    List<Candidate> scored = candidates(sentences, contexts);
    List<Verdict> verdicts = new ArrayList<>(sentences.size());
    for (Candidate c : scored) {
      if (c.embedding() == null) {
        verdicts.add(new Verdict(c.lexical(), Kind.NONE, null));
      } else if (conversation == null) {
        verdicts.add(
            new Verdict(
                c.exemplar(),
                c.exemplar() >= settings.threshold() ? c.kind() : Kind.NONE,
                c.embedding()));
      } else {
        double score = conversation.score(c.conversation());
        verdicts.add(
            new Verdict(
                score,
                conversation.at(genre).isFeedback(score) ? c.kind() : Kind.NONE,
                c.embedding()));
      }
    }
    return verdicts;
  }

  /**
   * One sentence as the stages see it.
   *
   * @param lexical stage-one probability
   * @param exemplar stage-two probability, NaN when the sentence is below the gate
   * @param kind the most likely kind were it feedback (null below the gate)
   * @param embedding its embedding, null below the gate
   * @param conversation its {@link ConversationFeatures}, null below the gate
   */
  public record Candidate(
      double lexical, double exemplar, Kind kind, float[] embedding, double[] conversation) {}

  /**
   * Scores every sentence by stage one, embeds those above the gate and scores them by stage two,
   * and gives their conversation features; what {@link ConversationModel} is trained on.
   */
  public List<Candidate> candidates(List<String> sentences, List<TurnContext> contexts) {
    if (contexts.size() != sentences.size()) {
      throw new IllegalArgumentException(
          "one context per sentence: " + contexts.size() + " for " + sentences.size());
    }
    List<SentenceFeatures> features = new ArrayList<>(sentences.size());
    List<Integer> gated = new ArrayList<>();
    double[] stageOne = new double[sentences.size()];
    for (int i = 0; i < sentences.size(); i++) {
      SentenceFeatures f = SentenceFeatures.lexical(sentences.get(i));
      features.add(f);
      stageOne[i] = lexical.score(f);
      if (stageOne[i] >= settings.gate()) {
        gated.add(i);
      }
    }
    List<float[]> vectors = embeddings.embed(gated.stream().map(sentences::get).toList());
    List<Candidate> candidates = new ArrayList<>(sentences.size());
    for (int i = 0; i < sentences.size(); i++) {
      candidates.add(new Candidate(stageOne[i], Double.NaN, null, null, null));
    }
    for (int c = 0; c < gated.size(); c++) {
      int i = gated.get(c);
      SentenceFeatures f = features.get(i).withEmbedding(vectors.get(c));
      double score = full.probabilities(f)[1];
      TurnContext context = contexts.get(i);
      double neighbour = 0;
      if (i > 0 && context.indexInAnswer() > 0) {
        neighbour = Math.max(neighbour, stageOne[i - 1]);
      }
      if (i + 1 < sentences.size() && context.indexInAnswer() + 1 < context.answerLength()) {
        neighbour = Math.max(neighbour, stageOne[i + 1]);
      }
      candidates.set(
          i,
          new Candidate(
              stageOne[i],
              score,
              kindOf(f),
              vectors.get(c),
              ConversationFeatures.of(sentences.get(i), score, stageOne[i], neighbour, context)));
    }
    return candidates;
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
