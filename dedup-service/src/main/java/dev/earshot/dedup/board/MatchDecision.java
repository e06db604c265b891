package dev.earshot.dedup.board;

/**
 * What {@link Matching} decides for an item given its candidate posts: join one, start a new post,
 * or start a new post while a candidate is close enough that a person (or a judge) should look at
 * the pair. Scores are mean cosine similarities to a post's mentions, in [-1, 1].
 */
public sealed interface MatchDecision {

  /**
   * The item joins {@code post}: its score reaches the threshold.
   *
   * @param post the post joined
   * @param score mean similarity to its mentions
   */
  record Join(PostVector post, double score) implements MatchDecision {}

  /**
   * The item starts a new post: no candidate reaches the uncertain band.
   *
   * @param bestScore the closest candidate's score, or -1 when there was no candidate
   */
  record New(double bestScore) implements MatchDecision {}

  /**
   * The item starts a new post, but {@code candidate} scores within the uncertain band just below
   * the threshold: the pair is worth a merge suggestion.
   *
   * @param candidate the closest candidate
   * @param score its mean similarity, in {@code [threshold - band, threshold)}
   */
  record Uncertain(PostVector candidate, double score) implements MatchDecision {}

  /** The closest candidate's score, or -1 when there was none. */
  default double bestScore() {
    return switch (this) {
      case Join j -> j.score();
      case New n -> n.bestScore();
      case Uncertain u -> u.score();
    };
  }
}
