package dev.earshot.dedup.board;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A post on the feedback board: one underlying request, however many calls voiced it.
 *
 * @param id post id
 * @param orgId the org
 * @param board board
 * @param category category on the board
 * @param kind the kind of its first mention
 * @param title title: the clearest of its mentions' titles ({@link ClearestTitle}), re-chosen as
 *     mentions arrive, until someone edits it
 * @param description description
 * @param tags tags, including the source tags
 * @param status where it stands
 * @param mentionCount number of mentions
 * @param firstSeen earliest mention's call time
 * @param lastSeen latest mention's call time
 * @param highestPriority highest priority over mentions
 * @param sentiments mentions by tone
 * @param dealAmountAtStake sum over distinct accounts of each account's largest deal amount
 * @param mergedInto the post this one was merged into, if it was
 * @param createdAt when it was created
 * @param updatedAt when it last changed
 */
public record Post(
    UUID id,
    String orgId,
    String board,
    String category,
    String kind,
    String title,
    String description,
    List<String> tags,
    PostStatus status,
    int mentionCount,
    Instant firstSeen,
    Instant lastSeen,
    String highestPriority,
    SentimentCounts sentiments,
    BigDecimal dealAmountAtStake,
    UUID mergedInto,
    Instant createdAt,
    Instant updatedAt) {

  /**
   * Mentions by tone; the post event's {@code SentimentMix} and the API's {@code sentimentMix}.
   *
   * @param negative negative mentions
   * @param neutral neutral mentions
   * @param positive positive mentions
   */
  public record SentimentCounts(int negative, int neutral, int positive) {}
}
