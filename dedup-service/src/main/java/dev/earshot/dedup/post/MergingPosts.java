package dev.earshot.dedup.post;

import dev.earshot.dedup.board.Post;
import dev.earshot.dedup.board.PostTags;
import dev.earshot.events.PostEventType;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Merges one post into another: its mentions move, its vector adds to the target's, it is marked
 * merged (and leaves the index), and both histories say so. Items that would have matched it now
 * match the target, and its open merge suggestions are closed. Posts whose vectors come from
 * different embedding models (after a model switch, ADR 0005) cannot be added together: 409.
 */
public class MergingPosts {

  private final ChangingPosts changing;
  private final IndexedPosts indexed;
  private final TransactionTemplate transactions;
  private final SuggestionRepository suggestions;
  private final BoardMetrics metrics;

  MergingPosts(
      ChangingPosts changing,
      IndexedPosts indexed,
      TransactionTemplate transactions,
      SuggestionRepository suggestions,
      BoardMetrics metrics) {
    this.changing = changing;
    this.indexed = indexed;
    this.transactions = transactions;
    this.suggestions = suggestions;
    this.metrics = metrics;
  }

  public Post merge(String orgId, UUID targetId, UUID fromId, String actor) {
    if (targetId.equals(fromId)) {
      throw PostProblems.mergeIntoItself();
    }
    Post merged =
        transactions.execute(status -> mergeInTransaction(orgId, targetId, fromId, actor));
    reindex(targetId, fromId);
    return merged;
  }

  /**
   * The merge inside the caller's transaction (which must exist): a use case that merges as part of
   * a larger change calls this, then {@link #reindex} once it committed. Errors as {@link #merge}.
   */
  Post mergeInTransaction(String orgId, UUID targetId, UUID fromId, String actor) {
    if (targetId.equals(fromId)) {
      throw PostProblems.mergeIntoItself();
    }
    Instant now = changing.now();
    PostRepository posts = changing.posts;
    ChangeRepository changes = changing.changes;
    // Lock in id order, so two opposite merges cannot deadlock.
    lockInIdOrder(orgId, targetId, fromId);
    Post target = changing.lockLive(orgId, targetId);
    Post from = changing.lockLive(orgId, fromId);
    String targetModel = changes.embeddingModelOf(target.id());
    String fromModel = changes.embeddingModelOf(from.id());
    if (!targetModel.equals(fromModel)) {
      throw PostProblems.differentModels(target.id(), targetModel, from.id(), fromModel);
    }
    changes.moveMentions(from.id(), target.id());
    posts.updateVector(
        posts.vectorOf(target.id()).plus(posts.vectorOf(from.id())),
        PostTags.union(target.tags(), from.tags()),
        now);
    posts.refreshAggregates(target.id(), now);
    posts.retitle(target.id(), now);
    changes.markMerged(from.id(), target.id(), now);
    // the merged post no longer stands on its own: its open suggestions are moot
    metrics.suggestion("closed", suggestions.closeInvolving(from.id(), now));
    changing.changed(
        from.id(),
        PostEventType.UPDATED,
        "merged_into",
        Map.of("into", target.id().toString(), "mentions", from.mentionCount()),
        actor,
        null,
        null,
        now);
    return changing.changed(
        target.id(),
        PostEventType.MERGED,
        "merged_in",
        Map.of("from", from.id().toString(), "mentions", from.mentionCount()),
        actor,
        null,
        from.id(),
        now);
  }

  /**
   * Locks both posts' rows (live or merged) in id order, inside the caller's transaction, as {@link
   * #mergeInTransaction} does: a caller that locks other rows of the two posts (their suggestions)
   * before merging them takes the posts first, in the same order as every merge.
   */
  void lockInIdOrder(String orgId, UUID a, UUID b) {
    changing.changes.lockInIdOrder(orgId, List.of(a, b));
  }

  /** Brings both posts' vectors to the index after a merge committed. */
  void reindex(UUID targetId, UUID fromId) {
    indexed.ensureIndexed(targetId);
    indexed.ensureIndexed(fromId);
  }
}
