package dev.earshot.dedup.post;

import dev.earshot.dedup.board.Mention;
import dev.earshot.dedup.board.QuoteRef;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/** A mention as the posts API shows it, inside {@link PostDetail}. */
record MentionView(
    UUID id,
    String itemId,
    String callId,
    String callUrl,
    Instant callStartedAt,
    Author author,
    Account account,
    String kind,
    String priority,
    String sentiment,
    String title,
    String description,
    List<QuoteRef> quotes,
    Instant addedAt) {
  record Author(String name, String email, String title) {}

  record Account(String id, String name, BigDecimal dealAmount, String dealCurrency) {}

  static MentionView of(Mention m) {
    var i = m.item();
    return new MentionView(
        m.id(),
        i.itemId(),
        i.callId(),
        i.callUrl(),
        i.callStartedAt(),
        new Author(i.authorName(), i.authorEmail(), i.authorTitle()),
        i.accountId() == null && i.accountName() == null
            ? null
            : new Account(i.accountId(), i.accountName(), i.dealAmount(), i.dealCurrency()),
        i.kind().toLowerCase(Locale.ROOT),
        i.priority().toLowerCase(Locale.ROOT),
        i.sentiment().toLowerCase(Locale.ROOT),
        i.title(),
        i.description(),
        i.quotes(),
        m.createdAt());
  }
}
