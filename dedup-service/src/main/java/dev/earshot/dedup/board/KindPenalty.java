package dev.earshot.dedup.board;

/**
 * How much lower a candidate post scores when its main kind differs from the item's: a feature
 * request weighed against a post that is mostly bug reports, a UX complaint against a post of
 * limitations. A request is one kind, so twins share it; two requests about one part of the product
 * often differ in kind ("too many clicks to create a shipment", UX, against "bulk edit shipments",
 * a feature request) while their texts share the vocabulary that brings their embeddings together.
 * Lowering such a candidate's score (in the embedding's cosine units, applied before the threshold,
 * the uncertain band and the judge's band) means it joins only when it is clearly the same request,
 * and otherwise lands in the band, where it is suggested or judged instead of hidden inside a post
 * that looks right.
 *
 * <p>Kinds are extraction's (feature request, bug, limitation, UX); a post's main kind is the one
 * most of its mentions have ({@code ConsolidationRepository.mainKinds}). An unknown kind on either
 * side is no evidence: the score stays. Calibrated per embedding model with {@code ./earshot bench
 * dedup} (dedup-service README "Kind penalty").
 *
 * @param penalty subtracted from the score of a candidate of another kind, ≥ 0 and < 1; 0: kinds
 *     are not weighed
 */
public record KindPenalty(double penalty) {

  /** Kinds are not weighed. */
  public static final KindPenalty NONE = new KindPenalty(0);

  public KindPenalty {
    if (!(penalty >= 0 && penalty < 1)) {
      throw new IllegalArgumentException("a kind penalty is in [0, 1), not " + penalty);
    }
  }

  /** Whether kinds are weighed at all (so they need to be read). */
  public boolean weighs() {
    return penalty > 0;
  }

  /**
   * The score a candidate keeps.
   *
   * @param score its (possibly re-scored) mean similarity to the item
   * @param itemKind the item's kind, or null when unknown
   * @param postKind the post's main kind, or null when unknown
   * @return {@code score − penalty} when both kinds are known and differ, else {@code score}
   */
  public double apply(double score, String itemKind, String postKind) {
    if (penalty > 0 && itemKind != null && postKind != null && !itemKind.equals(postKind)) {
      return score - penalty;
    }
    return score;
  }
}
