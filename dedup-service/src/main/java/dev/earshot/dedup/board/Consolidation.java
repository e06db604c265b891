package dev.earshot.dedup.board;

import java.util.UUID;

/** What became of a feedback item on the board. */
public sealed interface Consolidation {

  UUID postId();

  /** No post was similar enough: the item is the first mention of a new post. */
  record NewPost(UUID postId, UUID mentionId, double bestScore) implements Consolidation {}

  /**
   * No post was similar enough to join, but {@code candidateId} scored within the uncertain band:
   * the item is the first mention of a new post and a merge into the candidate is suggested.
   */
  record Suggested(UUID postId, UUID mentionId, UUID suggestionId, UUID candidateId, double score)
      implements Consolidation {}

  /** The item joined an existing post, with its mean similarity to the post's mentions. */
  record Joined(UUID postId, UUID mentionId, double score) implements Consolidation {}

  /** The item was on the board already (a redelivery): nothing changed. */
  record AlreadyOnBoard(UUID postId) implements Consolidation {}
}
