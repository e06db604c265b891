package dev.earshot.dedup.board;

import dev.earshot.events.FeedbackItem;
import dev.earshot.events.Quote;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A feedback item as it lands on a post: who said what on which call, for which account.
 *
 * @param itemId the item's deterministic id (unique on the board)
 * @param orgId the org
 * @param callId Gong call id
 * @param callUrl link to the call
 * @param callStartedAt when the call started
 * @param authorName the external participant, when known
 * @param authorEmail their email
 * @param authorTitle their job title
 * @param accountId CRM account id
 * @param accountName CRM account name
 * @param dealAmount opportunity amount at stake
 * @param dealCurrency its currency
 * @param kind feature_request, bug...
 * @param priority the item's priority
 * @param sentiment the item's tone
 * @param board board the item was placed on
 * @param category category on the board
 * @param title the item's title
 * @param description the item's description
 * @param tags the item's tags
 * @param quotes verbatim evidence
 */
public record NewMention(
    String itemId,
    String orgId,
    String callId,
    String callUrl,
    Instant callStartedAt,
    String authorName,
    String authorEmail,
    String authorTitle,
    String accountId,
    String accountName,
    BigDecimal dealAmount,
    String dealCurrency,
    String kind,
    String priority,
    String sentiment,
    String board,
    String category,
    String title,
    String description,
    List<String> tags,
    List<QuoteRef> quotes) {

  /**
   * The item as it lands on a post, its texts clipped to {@link PostLimits} (the item's id, org and
   * call id are kept whole: they identify it).
   */
  public static NewMention of(FeedbackItem item) {
    return new NewMention(
        item.getItemId(),
        item.getOrgId(),
        item.getCallId(),
        clip(item.getCallUrl(), PostLimits.URL),
        item.getCallStartedAt(),
        clip(item.getAuthor().getName(), PostLimits.NAME),
        clip(item.getAuthor().getEmail(), PostLimits.NAME),
        clip(item.getAuthor().getTitle(), PostLimits.NAME),
        clip(item.getAccountId(), PostLimits.NAME),
        clip(item.getAccountName(), PostLimits.NAME),
        item.getDealAmount(),
        item.getDealCurrency(),
        item.getKind().name(),
        item.getPriority().name(),
        item.getSentiment().name(),
        clip(item.getBoard(), PostLimits.NAME),
        clip(item.getCategory(), PostLimits.NAME),
        clip(item.getTitle(), PostLimits.TITLE),
        clip(item.getDescription(), PostLimits.DESCRIPTION),
        PostTags.withSource(item.getTags()),
        item.getQuotes().stream().limit(PostLimits.QUOTES).map(NewMention::quote).toList());
  }

  private static QuoteRef quote(Quote q) {
    return new QuoteRef(
        clip(q.getText(), PostLimits.QUOTE),
        q.getStartMs(),
        q.getEndMs(),
        clip(q.getSpeakerName(), PostLimits.NAME));
  }

  private static String clip(String text, int max) {
    return PostLimits.clip(text, max);
  }
}
