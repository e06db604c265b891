package dev.earshot.dedup.post;

import dev.earshot.dedup.board.PostStatus;

/**
 * What a reader asks of the board. Merged posts are left out unless asked for by status.
 *
 * @param board only this board
 * @param category only this category
 * @param status only this status
 * @param kind only posts of this kind (feature_request, bug, limitation, ux)
 * @param text words in the title or description
 * @param sort order
 * @param page page number from 0
 * @param size posts per page
 */
public record PostQuery(
    String board,
    String category,
    PostStatus status,
    String kind,
    String text,
    Sort sort,
    int page,
    int size) {

  /** How posts are ordered; ties go to the most recently seen. */
  public enum Sort {
    MENTIONS("mention_count desc, last_seen desc, id"),
    RECENT("last_seen desc, id"),
    DEAL_AMOUNT("deal_amount desc, mention_count desc, last_seen desc, id");

    final String orderBy;

    Sort(String orderBy) {
      this.orderBy = orderBy;
    }
  }

  public static final int MAX_SIZE = 100;
}
