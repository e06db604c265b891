package dev.earshot.dedup.board;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * When an item joins a post: its mean cosine similarity to the post's mentions (average linkage)
 * must reach the model's threshold, and the best such post wins. Average linkage, not similarity to
 * the centroid: a centroid of many mentions is shorter than any of them and sits closer to
 * everything, so large posts would swallow unrelated items; the mean does not drift that way. The
 * vector index only proposes candidates (nearest centroids); this policy decides.
 *
 * <p>Below the threshold lies an uncertain band of width {@code uncertainBand}: an item whose
 * closest candidate scores in {@code [threshold - uncertainBand, threshold)} still starts a new
 * post, and the decision says so ({@link MatchDecision.Uncertain}), so the pair can be suggested
 * for a merge. Both figures are calibrated per embedding model.
 *
 * @param threshold least mean similarity to join, calibrated per embedding model
 * @param uncertainBand how far below the threshold a candidate is still worth suggesting; 0: never
 */
public record Matching(double threshold, double uncertainBand) {

  /** The post an item joins, with its score. */
  public record Match(PostVector post, double score) {}

  public Matching {
    if (!(threshold > -1 && threshold <= 1)) {
      throw new IllegalArgumentException("a cosine threshold is in (-1, 1], not " + threshold);
    }
    if (!(uncertainBand >= 0 && uncertainBand <= 1)) {
      throw new IllegalArgumentException("an uncertain band is in [0, 1], not " + uncertainBand);
    }
  }

  /** Joining only, with no uncertain band. */
  public Matching(double threshold) {
    this(threshold, 0);
  }

  /** Join the closest candidate, start a new post, or start one and suggest the closest. */
  public MatchDecision decide(float[] item, Collection<PostVector> candidates) {
    return decide(item, candidates, Rescoring.NONE);
  }

  /** As {@link #decide(float[], Collection)}, on scores re-scored by {@code rescoring}. */
  public MatchDecision decide(
      float[] item, Collection<PostVector> candidates, Rescoring rescoring) {
    Optional<Match> closest = closest(item, candidates, rescoring);
    if (closest.isEmpty()) {
      return new MatchDecision.New(-1);
    }
    Match m = closest.get();
    if (joins(m)) {
      return new MatchDecision.Join(m.post(), m.score());
    }
    if (uncertainBand > 0 && m.score() >= threshold - uncertainBand) {
      return new MatchDecision.Uncertain(m.post(), m.score());
    }
    return new MatchDecision.New(m.score());
  }

  /** The post the item joins: the closest candidate, if it reaches the threshold. */
  public Optional<Match> best(float[] item, Collection<PostVector> candidates) {
    return closest(item, candidates).filter(this::joins);
  }

  /** The candidate the item resembles most on average, whether or not that is enough to join. */
  public Optional<Match> closest(float[] item, Collection<PostVector> candidates) {
    return closest(item, candidates, Rescoring.NONE);
  }

  /**
   * As {@link #closest(float[], Collection)}, each candidate's mean similarity first re-scored
   * (e.g. with the words it shares with the item); the threshold then applies to that score.
   */
  public Optional<Match> closest(
      float[] item, Collection<PostVector> candidates, Rescoring rescoring) {
    return candidates.stream()
        .filter(p -> p.mentions() > 0)
        .map(p -> new Match(p, rescoring.rescore(p, p.averageSimilarity(item))))
        .max(Comparator.comparingDouble(Match::score));
  }

  /**
   * The candidates a judge is shown for an item that joins none: those with mentions whose
   * (re-scored) mean similarity lies in {@code [threshold − band, threshold)}, best first, at most
   * {@code most}.
   *
   * @param band how far below the threshold a candidate may score, ≥ 0 (a judge's own band)
   */
  public List<Match> withinBand(
      float[] item, Collection<PostVector> candidates, Rescoring rescoring, double band, int most) {
    double floor = threshold - band;
    return candidates.stream()
        .filter(p -> p.mentions() > 0)
        .map(p -> new Match(p, rescoring.rescore(p, p.averageSimilarity(item))))
        .filter(m -> m.score() >= floor && !joins(m))
        .sorted(Comparator.comparingDouble(Match::score).reversed())
        .limit(most)
        .toList();
  }

  /** A candidate's score adjusted before the decision. */
  @FunctionalInterface
  public interface Rescoring {
    Rescoring NONE = (post, similarity) -> similarity;

    /**
     * @param post the candidate
     * @param similarity the item's mean cosine similarity to the post's mentions
     * @return the score the threshold is applied to
     */
    double rescore(PostVector post, double similarity);
  }

  public boolean joins(Match match) {
    return match.score() >= threshold;
  }

  /** Whether two texts' vectors are duplicates by the same rule (a post of one mention). */
  public boolean duplicates(double cosine) {
    return cosine >= threshold;
  }
}
