package dev.earshot.dedup.post;

import dev.earshot.dedup.board.Mention;
import dev.earshot.dedup.board.MergeSuggestion;
import dev.earshot.dedup.board.Post;
import dev.earshot.dedup.board.PostVector;
import dev.earshot.dedup.board.QuoteRef;
import dev.earshot.dedup.outbox.PostEvents;
import dev.earshot.events.PostEventType;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Takes a mention off a post that it does not belong on and makes it a post of its own, titled and
 * placed as its item was, its vector labelled with the embedding model of the post it leaves. Both
 * posts' vectors, counts and histories follow. The person's decision is kept: the two posts are
 * recorded as a dismissed pair (decided by the person who split), so no new item or re-check
 * suggests merging them back; and an open suggestion whose evidence quotes the mention follows it
 * to the new post, announced again as {@code MERGE_SUGGESTED} with the posts it names now.
 */
public class SplittingMention {

  private final ChangingPosts changing;
  private final IndexedPosts indexed;
  private final SuggestionRepository suggestions;
  private final TransactionTemplate transactions;

  SplittingMention(
      ChangingPosts changing,
      IndexedPosts indexed,
      SuggestionRepository suggestions,
      TransactionTemplate transactions) {
    this.changing = changing;
    this.indexed = indexed;
    this.suggestions = suggestions;
    this.transactions = transactions;
  }

  /** Returns the new post. */
  public Post split(String orgId, UUID postId, UUID mentionId, String actor) {
    Post created =
        transactions.execute(
            status -> {
              Instant now = changing.now();
              PostRepository posts = changing.posts;
              ChangeRepository changes = changing.changes;
              // the posts whose suggestions into this one follow the mention get a new event, so
              // they are locked with it, in id order as every merge locks posts
              List<String> quotes =
                  changes
                      .mention(postId, mentionId)
                      .map(m -> m.item().quotes().stream().map(QuoteRef::text).toList())
                      .orElse(List.of());
              Set<UUID> others = suggestions.suggestedInto(postId, quotes);
              changes.lockInIdOrder(
                  orgId, Stream.concat(Stream.of(postId), others.stream()).toList());
              Post post = changing.lockLive(orgId, postId);
              Mention mention =
                  changes
                      .mention(postId, mentionId)
                      .orElseThrow(() -> PostProblems.noSuchMention(postId, mentionId));
              if (post.mentionCount() < 2) {
                throw PostProblems.onlyMention();
              }
              float[] vector = changes.mentionVector(mentionId).orElseThrow();
              UUID newId = UUID.randomUUID();
              // the mention's vector is the post's model's (after a model switch, maybe not the
              // configured one), so the new post is labelled with it, and can merge back
              posts.insertPost(
                  newId,
                  mention.item(),
                  PostVector.first(newId, vector),
                  changes.embeddingModelOf(postId),
                  now);
              changes.moveMention(mentionId, newId);
              PostVector left = posts.vectorOf(postId).minus(vector);
              posts.updateVector(left, null, now);
              posts.refreshAggregates(postId, now);
              posts.retitle(postId, now);
              posts.refreshAggregates(newId, now);
              changing.changed(
                  postId,
                  PostEventType.UPDATED,
                  "mention_split",
                  Map.of("mention", mentionId.toString(), "to", newId.toString()),
                  actor,
                  null,
                  null,
                  now);
              Post split =
                  changing.changed(
                      newId,
                      PostEventType.CREATED,
                      "split_from",
                      Map.of("mention", mentionId.toString(), "from", postId.toString()),
                      actor,
                      new Mention(mentionId, newId, mention.item(), now),
                      null,
                      now);
              suggestions.insert(
                  new MergeSuggestion(
                      UUID.randomUUID(),
                      orgId,
                      newId,
                      postId,
                      left.averageSimilarity(vector),
                      new MergeSuggestion.Evidence(
                          quotes.isEmpty() ? null : quotes.getFirst(), null),
                      MergeSuggestion.Status.DISMISSED,
                      now,
                      now,
                      actor));
              for (MergeSuggestion moved : suggestions.followSplit(postId, newId, quotes, others)) {
                changing.outbox.append(
                    PostEvents.suggested(posts.get(moved.postId()), moved, now), now);
              }
              return split;
            });
    indexed.ensureIndexed(postId);
    indexed.ensureIndexed(created.id());
    return created;
  }
}
