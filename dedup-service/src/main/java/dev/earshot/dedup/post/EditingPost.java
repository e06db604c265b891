package dev.earshot.dedup.post;

import dev.earshot.dedup.board.Post;
import dev.earshot.dedup.board.PostStatus;
import dev.earshot.events.PostEventType;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.transaction.support.TransactionTemplate;

/** A person retitles a post, rewrites its description, or moves it along (planned, done...). */
public class EditingPost {

  /** What to change; null leaves a field as it is. */
  public record Changes(String title, String description, PostStatus status) {}

  private final ChangingPosts changing;
  private final TransactionTemplate transactions;

  EditingPost(ChangingPosts changing, TransactionTemplate transactions) {
    this.changing = changing;
    this.transactions = transactions;
  }

  public Post edit(String orgId, UUID postId, Changes changes, String actor) {
    return transactions.execute(
        status -> {
          Instant now = changing.now();
          Post before = changing.lockLive(orgId, postId);
          changing.changes.edit(
              postId, changes.title(), changes.description(), changes.status(), now);
          Map<String, Object> detail = new LinkedHashMap<>();
          if (changes.title() != null) {
            detail.put("title", Map.of("from", before.title(), "to", changes.title()));
          }
          if (changes.description() != null) {
            detail.put("description", "changed");
          }
          if (changes.status() != null) {
            detail.put(
                "status",
                Map.of("from", before.status().apiName(), "to", changes.status().apiName()));
          }
          return changing.changed(
              postId, PostEventType.UPDATED, "edited", detail, actor, null, null, now);
        });
  }
}
