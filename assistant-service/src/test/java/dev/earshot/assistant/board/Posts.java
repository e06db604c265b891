package dev.earshot.assistant.board;

import dev.earshot.events.MentionRef;
import dev.earshot.events.PostEvent;
import dev.earshot.events.PostEventType;
import dev.earshot.events.Priority;
import dev.earshot.events.Quote;
import dev.earshot.events.SentimentMix;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Post events as dedup-service publishes them, for the read model's tests. */
public final class Posts {

  private Posts() {}

  /** A post's event; with a call id, the mention it is about (as for CREATED, MENTION_ADDED). */
  public static PostEvent.Builder event(
      String org,
      String postId,
      String title,
      int mentions,
      String dealAmount,
      String callId,
      String quote,
      Instant at) {
    return PostEvent.newBuilder()
        .setEventId(UUID.randomUUID().toString())
        .setType(callId == null ? PostEventType.UPDATED : PostEventType.MENTION_ADDED)
        .setPostId(postId)
        .setOrgId(org)
        .setOccurredAt(at)
        .setBoard("Product")
        .setTitle(title)
        .setDescription(title + ", as customers asked for it.")
        .setStatus("open")
        .setMentionCount(mentions)
        .setFirstSeen(at.minusSeconds(86_400))
        .setLastSeen(at)
        .setHighestPriority(Priority.HIGH)
        .setDealAmountAtStake(new BigDecimal(dealAmount))
        .setSentimentMix(
            SentimentMix.newBuilder().setNegative(1).setNeutral(0).setPositive(0).build())
        .setMention(
            callId == null
                ? null
                : MentionRef.newBuilder()
                    .setItemId("item-" + UUID.randomUUID())
                    .setCallId(callId)
                    .setCallUrl("https://app.gong.io/call?id=" + callId)
                    .setAccountName("Acme Corp")
                    .setQuotes(
                        List.of(
                            Quote.newBuilder()
                                .setText(quote)
                                .setStartMs(1000)
                                .setEndMs(4200)
                                .build()))
                    .build());
  }
}
