package dev.earshot.dedup.post;

import dev.earshot.dedup.board.Suggesting;
import java.util.List;
import java.util.UUID;

/**
 * Where {@link ConsolidatingFeedback} decided an item goes on the board, for {@link
 * ConsolidationRepository#place} to apply in one transaction. Scores are mean cosine similarities
 * to a post's mentions, in [-1, 1].
 */
sealed interface Placement {

  /**
   * The item joins post {@code postId} (or, if that was merged meanwhile, the post it was merged
   * into; if it is gone, the item starts a post of its own).
   *
   * @param score the item's mean similarity to the post's mentions
   * @param recheck whether the post is re-checked against its neighbours after the join: recorded
   *     with the mention, in the join's transaction, until the re-check is made ({@link
   *     ConsolidationRepository#rechecked}), so a redelivery finds it still due
   */
  record Join(UUID postId, double score, boolean recheck) implements Placement {}

  /**
   * The item starts a new post, and that post is suggested to merge into each of {@code suggestTo}
   * (none when no candidate lies in the uncertain band or the rule picked none).
   *
   * @param bestScore the closest candidate's score, or -1 when there was no candidate
   * @param suggestTo the candidates to suggest, best first
   */
  record Start(double bestScore, List<Suggesting.Pick> suggestTo) implements Placement {}
}
