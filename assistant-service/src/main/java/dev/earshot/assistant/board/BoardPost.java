package dev.earshot.assistant.board;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A post on the feedback board, as last published on {@code feedback.posts.v1}.
 *
 * @param id dedup-service's post id
 * @param title the post's title
 * @param description its description
 * @param status open, planned, done…
 * @param board the board it is on
 * @param category its category, or null
 * @param mentionCount how many mentions it has
 * @param dealAmountAtStake the sum of deal amounts over its distinct accounts
 * @param highestPriority the highest priority over its mentions
 * @param firstSeen the earliest mention's call time
 * @param lastSeen the latest mention's call time
 * @param mentions its mentions, each with its call (empty in lists)
 */
public record BoardPost(
    String id,
    String title,
    String description,
    String status,
    String board,
    String category,
    int mentionCount,
    BigDecimal dealAmountAtStake,
    String highestPriority,
    Instant firstSeen,
    Instant lastSeen,
    List<Mention> mentions) {

  /** A mention: the call it comes from and the customer's words. */
  public record Mention(
      String itemId, String callId, String callUrl, String accountName, List<String> quotes) {}

  /** How the top of the board is ranked. */
  public enum Ranking {
    /** Most mentions first. */
    MENTIONS,
    /** Most deal amount at stake first. */
    DEAL_AMOUNT
  }
}
