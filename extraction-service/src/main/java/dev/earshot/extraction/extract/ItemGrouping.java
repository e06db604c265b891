package dev.earshot.extraction.extract;

import dev.earshot.embeddings.Vectors;
import dev.earshot.extraction.call.Utterance;
import dev.earshot.extraction.detect.SentenceClassifier;
import java.util.ArrayList;
import java.util.List;

/**
 * Groups a call's feedback sentences into distinct items. A sentence joins the previous one when
 * the same customer says it in the same turn and it is about the same thing, or — when the call is
 * given ({@link #group(List, List)}) — in the same answer (no one else spoke in between: on real
 * calls one answer voices one point, however many sentences it takes); then items that voice the
 * same request (the customer came back to it later, in other words) are merged, so one request is
 * one item however often it was said. No item grows beyond {@code maxSentences}: a longer answer is
 * split where it changes subject most, and a merge that would pass the cap does not happen.
 *
 * @param sameTurnSimilarity similarity from which adjacent sentences of one turn are one item
 * @param sameRequestSimilarity similarity of items' centroids from which they are one request
 * @param maxSentences the most sentences one item holds (at least 1)
 * @throws IllegalArgumentException when {@code maxSentences} is below 1
 */
public record ItemGrouping(
    double sameTurnSimilarity, double sameRequestSimilarity, int maxSentences) {

  /**
   * At most this many sentences make one item. On the 30 real calls of {@code calls-dev} one
   * labelled item holds 3.9 quoted sentences on average; without a cap, answers about one product
   * merged into items of 20 to 80 sentences that covered up to seven labelled items each (and read
   * as nothing). Leave-one-study-out item F1 with the cap at 6 / 8 / 10 / 12 / none: 0.443 / 0.448
   * / 0.460 / 0.455 / 0.424 ({@code ./earshot bench train-detector}, 2026-12-01).
   */
  public static final int MAX_SENTENCES = 10;

  public ItemGrouping {
    if (maxSentences < 1) {
      throw new IllegalArgumentException("maxSentences must be at least 1: " + maxSentences);
    }
  }

  /** The given similarities with at most {@link #MAX_SENTENCES} sentences an item. */
  public ItemGrouping(double sameTurnSimilarity, double sameRequestSimilarity) {
    this(sameTurnSimilarity, sameRequestSimilarity, MAX_SENTENCES);
  }

  public static ItemGrouping defaults() {
    return new ItemGrouping(0.35, 0.40);
  }

  /** A feedback sentence with its verdict. */
  public record FeedbackSentence(Utterance utterance, SentenceClassifier.Verdict verdict) {}

  /** Sentences that voice one item, in call order. */
  public record Group(List<FeedbackSentence> sentences) {
    public float[] centroid() {
      return Vectors.centroid(sentences.stream().map(m -> m.verdict().embedding()).toList());
    }

    /**
     * The evidence the group holds: the sum of its sentences' feedback probabilities (a point made
     * in three likely sentences outweighs one borderline sentence).
     */
    public double weight() {
      return sentences.stream().mapToDouble(m -> m.verdict().score()).sum();
    }

    /** The highest feedback probability of its sentences. */
    public double strongest() {
      return sentences.stream().mapToDouble(m -> m.verdict().score()).max().orElse(0);
    }
  }

  /** Groups by turn and similarity alone, for sentences without their call. */
  public List<Group> group(List<FeedbackSentence> feedback) {
    return group(feedback, (previous, next) -> continues(previous, next));
  }

  /**
   * Groups a call's feedback: sentences of one customer answer are one item.
   *
   * @param call every utterance of the call in order (all speakers), indexed by {@link
   *     Utterance#index()}
   */
  public List<Group> group(List<FeedbackSentence> feedback, List<Utterance> call) {
    return group(feedback, (previous, next) -> sameAnswer(previous, next, call));
  }

  /**
   * Splits a run longer than {@link #maxSentences()} where it changes subject most: at the point
   * whose two sides' centroids are least similar, again on each side until every part fits.
   */
  private void divide(List<FeedbackSentence> run, List<List<FeedbackSentence>> out) {
    if (run.size() <= maxSentences) {
      out.add(run);
      return;
    }
    int best = -1;
    double lowest = Double.MAX_VALUE;
    for (int i = 1; i < run.size(); i++) {
      double similarity =
          Vectors.dot(
              new Group(run.subList(0, i)).centroid(),
              new Group(run.subList(i, run.size())).centroid());
      if (similarity < lowest) {
        lowest = similarity;
        best = i;
      }
    }
    divide(new ArrayList<>(run.subList(0, best)), out);
    divide(new ArrayList<>(run.subList(best, run.size())), out);
  }

  private List<Group> group(
      List<FeedbackSentence> feedback,
      java.util.function.BiPredicate<FeedbackSentence, FeedbackSentence> continues) {
    List<List<FeedbackSentence>> runs = new ArrayList<>();
    for (FeedbackSentence m : feedback) {
      List<FeedbackSentence> last = runs.isEmpty() ? null : runs.getLast();
      if (last != null && continues.test(last.getLast(), m)) {
        last.add(m);
      } else {
        runs.add(new ArrayList<>(List.of(m)));
      }
    }
    List<List<FeedbackSentence>> parts = new ArrayList<>();
    for (List<FeedbackSentence> run : runs) {
      divide(run, parts);
    }
    List<List<FeedbackSentence>> merged = new ArrayList<>();
    List<float[]> centroids = new ArrayList<>();
    for (List<FeedbackSentence> run : parts) {
      float[] centroid = new Group(run).centroid();
      int same = -1;
      double best = sameRequestSimilarity;
      for (int i = 0; i < merged.size(); i++) {
        double similarity = Vectors.dot(centroid, centroids.get(i));
        if (similarity >= best && merged.get(i).size() + run.size() <= maxSentences) {
          best = similarity;
          same = i;
        }
      }
      if (same < 0) {
        merged.add(new ArrayList<>(run));
        centroids.add(centroid);
      } else {
        merged.get(same).addAll(run);
        centroids.set(same, new Group(merged.get(same)).centroid());
      }
    }
    return merged.stream().map(Group::new).toList();
  }

  /** Same speaker, and no one else spoke between the two sentences. */
  static boolean sameAnswer(
      FeedbackSentence previous, FeedbackSentence next, List<Utterance> call) {
    if (!previous.utterance().speaker().equals(next.utterance().speaker())) {
      return false;
    }
    for (int i = previous.utterance().index() + 1; i < next.utterance().index(); i++) {
      if (!call.get(i).speaker().equals(next.utterance().speaker())) {
        return false;
      }
    }
    return true;
  }

  private boolean continues(FeedbackSentence previous, FeedbackSentence next) {
    return previous.utterance().turn() == next.utterance().turn()
        && previous.utterance().speaker().equals(next.utterance().speaker())
        && Vectors.dot(previous.verdict().embedding(), next.verdict().embedding())
            >= sameTurnSimilarity;
  }
}
