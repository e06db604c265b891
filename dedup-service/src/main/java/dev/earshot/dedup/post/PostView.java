package dev.earshot.dedup.post;

import dev.earshot.dedup.board.Post;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * A post as the posts API shows it (JSON keys as named here; kinds and priorities in lower case).
 */
record PostView(
    UUID id,
    String board,
    String category,
    String kind,
    String title,
    String description,
    List<String> tags,
    String status,
    int mentionCount,
    Instant firstSeen,
    Instant lastSeen,
    String highestPriority,
    BigDecimal dealAmountAtStake,
    Post.SentimentCounts sentimentMix,
    UUID mergedInto,
    Instant createdAt,
    Instant updatedAt,
    Map<String, String> links) {

  static PostView of(Post p) {
    return new PostView(
        p.id(),
        p.board(),
        p.category(),
        p.kind().toLowerCase(Locale.ROOT),
        p.title(),
        p.description(),
        p.tags(),
        p.status().apiName(),
        p.mentionCount(),
        p.firstSeen(),
        p.lastSeen(),
        p.highestPriority().toLowerCase(Locale.ROOT),
        p.dealAmountAtStake(),
        p.sentiments(),
        p.mergedInto(),
        p.createdAt(),
        p.updatedAt(),
        Map.of("self", "/api/v1/posts/" + p.id()));
  }
}
