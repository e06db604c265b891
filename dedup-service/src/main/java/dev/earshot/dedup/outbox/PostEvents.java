package dev.earshot.dedup.outbox;

import dev.earshot.dedup.board.Mention;
import dev.earshot.dedup.board.MergeSuggestion;
import dev.earshot.dedup.board.Post;
import dev.earshot.dedup.board.QuoteRef;
import dev.earshot.events.MentionRef;
import dev.earshot.events.MergeSuggestionRef;
import dev.earshot.events.PostEvent;
import dev.earshot.events.PostEventType;
import dev.earshot.events.Priority;
import dev.earshot.events.Quote;
import dev.earshot.events.SentimentMix;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.UUID;

/** A change to a post as the event downstream teams read: what happened and the post's state. */
public final class PostEvents {

  private PostEvents() {}

  public static PostEvent of(
      PostEventType type, Post post, Mention mention, UUID mergedFrom, Instant now) {
    return builder(type, post, mention, mergedFrom, now).build();
  }

  /** {@code MERGE_SUGGESTED}: the new post's state and the merge suggested for it. */
  public static PostEvent suggested(Post post, MergeSuggestion suggestion, Instant now) {
    return builder(PostEventType.MERGE_SUGGESTED, post, null, null, now)
        .setSuggestion(
            MergeSuggestionRef.newBuilder()
                .setSuggestionId(suggestion.id().toString())
                .setCandidatePostId(suggestion.candidateId().toString())
                .setScore(suggestion.score())
                .setItemQuote(suggestion.evidence().itemQuote())
                .setCandidateQuote(suggestion.evidence().candidateQuote())
                .build())
        .build();
  }

  private static PostEvent.Builder builder(
      PostEventType type, Post post, Mention mention, UUID mergedFrom, Instant now) {
    return PostEvent.newBuilder()
        .setEventId(UUID.randomUUID().toString())
        .setType(type)
        .setPostId(post.id().toString())
        .setOrgId(post.orgId())
        .setOccurredAt(now)
        .setBoard(post.board())
        .setCategory(post.category())
        .setTitle(post.title())
        .setDescription(post.description())
        .setStatus(post.status().apiName())
        .setTags(post.tags())
        .setMentionCount(post.mentionCount())
        .setFirstSeen(post.firstSeen())
        .setLastSeen(post.lastSeen())
        .setHighestPriority(priority(post.highestPriority()))
        .setDealAmountAtStake(post.dealAmountAtStake().setScale(2, RoundingMode.HALF_UP))
        .setSentimentMix(
            SentimentMix.newBuilder()
                .setNegative(post.sentiments().negative())
                .setNeutral(post.sentiments().neutral())
                .setPositive(post.sentiments().positive())
                .build())
        .setMention(mention == null ? null : ref(mention))
        .setMergedFromPostId(mergedFrom == null ? null : mergedFrom.toString());
  }

  private static Priority priority(String name) {
    try {
      return Priority.valueOf(name);
    } catch (IllegalArgumentException e) {
      return Priority.UNKNOWN;
    }
  }

  private static MentionRef ref(Mention mention) {
    var item = mention.item();
    return MentionRef.newBuilder()
        .setItemId(item.itemId())
        .setCallId(item.callId())
        .setCallUrl(item.callUrl())
        .setAuthorName(item.authorName())
        .setAccountName(item.accountName())
        .setQuotes(item.quotes().stream().map(PostEvents::quote).toList())
        .build();
  }

  private static Quote quote(QuoteRef q) {
    return Quote.newBuilder()
        .setText(q.text())
        .setStartMs(q.startMs())
        .setEndMs(q.endMs())
        .setSpeakerName(q.speakerName())
        .build();
  }
}
