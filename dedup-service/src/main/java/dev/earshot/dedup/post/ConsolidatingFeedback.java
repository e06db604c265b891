package dev.earshot.dedup.post;

import dev.earshot.dedup.board.Consolidation;
import dev.earshot.dedup.board.Matching;
import dev.earshot.dedup.board.Mention;
import dev.earshot.dedup.board.NewMention;
import dev.earshot.dedup.board.PostTags;
import dev.earshot.dedup.board.PostVector;
import dev.earshot.dedup.outbox.Outbox;
import dev.earshot.dedup.outbox.PostEvents;
import dev.earshot.dedup.similarity.EmbeddedText;
import dev.earshot.dedup.vector.VectorIndex;
import dev.earshot.embeddings.EmbeddingModel;
import dev.earshot.events.FeedbackItem;
import dev.earshot.events.PostEventType;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Puts a feedback item on the board: embeds it, asks the index for the org's nearest posts, and
 * lets {@link Matching} decide whether it joins one of them or starts a new post. The mention, the
 * post's new state and the outbox event commit in one transaction; the post's vector reaches the
 * index right after (and, should that fail, by {@link IndexedPosts}). An item already on the board
 * changes nothing, so redelivery is harmless.
 */
public class ConsolidatingFeedback {

  private final EmbeddingModel model;
  private final VectorIndex index;
  private final Matching matching;
  private final int candidates;
  private final PostRepository posts;
  private final IndexedPosts indexed;
  private final Outbox outbox;
  private final TransactionTemplate transactions;
  private final BoardMetrics metrics;
  private final Clock clock;

  ConsolidatingFeedback(
      EmbeddingModel model,
      VectorIndex index,
      Matching matching,
      int candidates,
      PostRepository posts,
      IndexedPosts indexed,
      Outbox outbox,
      TransactionTemplate transactions,
      BoardMetrics metrics,
      Clock clock) {
    this.model = model;
    this.index = index;
    this.matching = matching;
    this.candidates = candidates;
    this.posts = posts;
    this.indexed = indexed;
    this.outbox = outbox;
    this.transactions = transactions;
    this.metrics = metrics;
    this.clock = clock;
  }

  public Consolidation consolidate(FeedbackItem item) {
    long began = System.nanoTime();
    NewMention mention = NewMention.of(item);
    Optional<UUID> seen = posts.postOfItem(mention.orgId(), mention.itemId());
    if (seen.isPresent()) {
      indexed.ensureIndexed(seen.get());
      return metrics.consolidated(new Consolidation.AlreadyOnBoard(seen.get()), began);
    }
    float[] vector = model.embed(EmbeddedText.of(item));
    List<UUID> near =
        index.nearest(mention.orgId(), vector, candidates).stream()
            .map(VectorIndex.Neighbour::id)
            .toList();
    var candidatesFound = posts.liveVectors(mention.orgId(), near, model.name()).values();
    Optional<Matching.Match> closest = matching.closest(vector, candidatesFound);
    double bestScore = closest.map(Matching.Match::score).orElse(-1.0);
    Optional<Matching.Match> match = closest.filter(matching::joins);
    Consolidation result =
        transactions.execute(
            status -> {
              Instant now = clock.instant();
              Optional<PostVector> target =
                  match.flatMap(m -> posts.lockLive(mention.orgId(), m.post().postId()));
              return target.isPresent()
                  ? join(target.get(), mention, vector, bestScore, now)
                  : create(mention, vector, bestScore, now);
            });
    indexed.ensureIndexed(result.postId());
    return metrics.consolidated(result, began);
  }

  private Consolidation join(
      PostVector post, NewMention mention, float[] vector, double score, Instant now) {
    UUID mentionId = UUID.randomUUID();
    if (!posts.insertMention(mentionId, post.postId(), mention, vector, now)) {
      return new Consolidation.AlreadyOnBoard(
          posts.postOfItem(mention.orgId(), mention.itemId()).orElseThrow());
    }
    var current = posts.get(post.postId());
    posts.updateVector(post.plus(vector), PostTags.union(current.tags(), mention.tags()), now);
    posts.refreshAggregates(post.postId(), now);
    posts.retitleWith(post.postId(), mention.title(), now);
    outbox.append(
        PostEvents.of(
            PostEventType.MENTION_ADDED,
            posts.get(post.postId()),
            new Mention(mentionId, post.postId(), mention, now),
            null,
            now),
        now);
    return new Consolidation.Joined(post.postId(), mentionId, score);
  }

  private Consolidation create(NewMention mention, float[] vector, double bestScore, Instant now) {
    UUID postId = UUID.randomUUID();
    UUID mentionId = UUID.randomUUID();
    posts.insertPost(postId, mention, PostVector.first(postId, vector), model.name(), now);
    if (!posts.insertMention(mentionId, postId, mention, vector, now)) {
      throw new ConcurrentConsolidation(mention.itemId());
    }
    posts.refreshAggregates(postId, now);
    outbox.append(
        PostEvents.of(
            PostEventType.CREATED,
            posts.get(postId),
            new Mention(mentionId, postId, mention, now),
            null,
            now),
        now);
    return new Consolidation.NewPost(postId, mentionId, bestScore);
  }

  /**
   * Another consumer put the same item on the board while this one was creating a post for it;
   * rolling back and retrying finds it there.
   */
  static final class ConcurrentConsolidation extends RuntimeException {
    ConcurrentConsolidation(String itemId) {
      super("item " + itemId + " was consolidated concurrently; retrying");
    }
  }
}
