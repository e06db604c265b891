package dev.earshot.assistant.board;

import dev.earshot.events.MentionRef;
import dev.earshot.events.PostEvent;
import dev.earshot.events.Quote;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Keeps the board's read model from {@code feedback.posts.v1}: each event's post state (the latest
 * wins), a mention's call link (the latest event naming the mention wins, so a mention split off to
 * a new post moves there), a merge moving the merged post's mentions. Idempotent under redelivery.
 * Merge suggestions are not kept here: their review state lives in dedup-service. Metric {@code
 * earshot.assistant.post_events{type}}.
 */
@Service
public class RecordingPosts {

  private final BoardPosts posts;
  private final MeterRegistry meters;

  RecordingPosts(BoardPosts posts, MeterRegistry meters) {
    this.posts = posts;
    this.meters = meters;
  }

  /** Applies one post event. */
  @Transactional
  public void record(PostEvent event) {
    String org = event.getOrgId();
    posts.keep(
        org,
        new BoardPost(
            event.getPostId(),
            event.getTitle(),
            event.getDescription(),
            event.getStatus(),
            event.getBoard(),
            event.getCategory(),
            event.getMentionCount(),
            event.getDealAmountAtStake(),
            event.getHighestPriority().name().toLowerCase(java.util.Locale.ROOT),
            event.getFirstSeen(),
            event.getLastSeen(),
            java.util.List.of()),
        event.getOccurredAt());
    MentionRef mention = event.getMention();
    if (mention != null) {
      posts.keepMention(
          org,
          event.getPostId(),
          new BoardPost.Mention(
              mention.getItemId(),
              mention.getCallId(),
              mention.getCallUrl(),
              mention.getAccountName(),
              mention.getQuotes().stream().map(Quote::getText).toList()),
          event.getOccurredAt());
    }
    if (event.getMergedFromPostId() != null) {
      posts.merged(org, event.getMergedFromPostId(), event.getPostId(), event.getOccurredAt());
    }
    meters
        .counter(
            "earshot.assistant.post_events",
            "type",
            event.getType().name().toLowerCase(java.util.Locale.ROOT))
        .increment();
  }
}
