package dev.earshot.dedup.post;

import dev.earshot.dedup.board.Mention;
import dev.earshot.dedup.board.Post;
import dev.earshot.dedup.board.PostVector;
import dev.earshot.events.PostEventType;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Takes a mention off a post that it does not belong on and makes it a post of its own, titled and
 * placed as its item was, its vector labelled with the embedding model of the post it leaves. Both
 * posts' vectors, counts and histories follow.
 */
public class SplittingMention {

  private final ChangingPosts changing;
  private final IndexedPosts indexed;
  private final TransactionTemplate transactions;

  SplittingMention(ChangingPosts changing, IndexedPosts indexed, TransactionTemplate transactions) {
    this.changing = changing;
    this.indexed = indexed;
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
              posts.updateVector(posts.vectorOf(postId).minus(vector), null, now);
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
              return changing.changed(
                  newId,
                  PostEventType.CREATED,
                  "split_from",
                  Map.of("mention", mentionId.toString(), "from", postId.toString()),
                  actor,
                  new Mention(mentionId, newId, mention.item(), now),
                  null,
                  now);
            });
    indexed.ensureIndexed(postId);
    indexed.ensureIndexed(created.id());
    return created;
  }
}
