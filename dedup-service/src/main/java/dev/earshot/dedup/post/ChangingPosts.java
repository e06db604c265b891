package dev.earshot.dedup.post;

import dev.earshot.dedup.board.Mention;
import dev.earshot.dedup.board.Post;
import dev.earshot.dedup.outbox.Outbox;
import dev.earshot.dedup.outbox.PostEvents;
import dev.earshot.events.PostEventType;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * What every change a person makes to the board shares: the post locked and checked live, the
 * change recorded in the post's history, its event written to the outbox.
 */
final class ChangingPosts {

  final PostRepository posts;
  final ChangeRepository changes;
  final HistoryRepository history;
  final Outbox outbox;
  final Clock clock;

  ChangingPosts(
      PostRepository posts,
      ChangeRepository changes,
      HistoryRepository history,
      Outbox outbox,
      Clock clock) {
    this.posts = posts;
    this.changes = changes;
    this.history = history;
    this.outbox = outbox;
    this.clock = clock;
  }

  Instant now() {
    return clock.instant();
  }

  /** Locks a live post of the org, or says why it cannot be changed. */
  Post lockLive(String orgId, UUID id) {
    Post post = changes.lock(orgId, id).orElseThrow(() -> PostProblems.noSuchPost(id));
    if (post.mergedInto() != null) {
      throw PostProblems.mergedPost(id, post.mergedInto());
    }
    return post;
  }

  /** Records what happened and publishes the post's new state. */
  Post changed(
      UUID postId,
      PostEventType type,
      String action,
      Map<String, Object> detail,
      String actor,
      Mention mention,
      UUID mergedFrom,
      Instant now) {
    history.recordHistory(postId, action, detail, actor, now);
    Post post = posts.get(postId);
    outbox.append(PostEvents.of(type, post, mention, mergedFrom, now), now);
    return post;
  }
}
