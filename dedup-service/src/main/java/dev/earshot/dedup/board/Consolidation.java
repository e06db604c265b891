package dev.earshot.dedup.board;

import java.util.UUID;

/** What became of a feedback item on the board. */
public sealed interface Consolidation {

  UUID postId();

  /** No post was similar enough: the item is the first mention of a new post. */
  record NewPost(UUID postId, UUID mentionId, double bestScore) implements Consolidation {}

  /** The item joined an existing post, with its mean similarity to the post's mentions. */
  record Joined(UUID postId, UUID mentionId, double score) implements Consolidation {}

  /** The item was on the board already (a redelivery): nothing changed. */
  record AlreadyOnBoard(UUID postId) implements Consolidation {}
}
