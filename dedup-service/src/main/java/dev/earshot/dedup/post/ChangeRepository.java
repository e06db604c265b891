package dev.earshot.dedup.post;

import dev.earshot.dedup.board.Mention;
import dev.earshot.dedup.board.Post;
import dev.earshot.dedup.board.PostStatus;
import dev.earshot.dedup.board.PostVector;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What a person's change to the board writes besides the shared post rows ({@link PostRepository}):
 * the post locked, mentions moved (merge, split), a post marked merged, an edit.
 */
@Repository
class ChangeRepository {

  private final JdbcClient jdbc;

  ChangeRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Locks the org's posts among {@code ids} (live or merged) in id order (Java's {@link
   * UUID#compareTo}), inside the caller's transaction: the order every change of several posts
   * takes them in, so two such changes wait for each other instead of deadlocking.
   */
  void lockInIdOrder(String orgId, Collection<UUID> ids) {
    ids.stream().distinct().sorted().forEach(id -> lock(orgId, id));
  }

  /** The post, locked for a change by a person (merge, split, edit). */
  Optional<Post> lock(String orgId, UUID id) {
    return jdbc.sql(
            "select "
                + PostRepository.POST_COLUMNS
                + " from post where id = :id and org_id = :org for update")
        .param("id", id)
        .param("org", orgId)
        .query(PostRepository::post)
        .optional();
  }

  /** The embedding model a post's vector comes from. */
  String embeddingModelOf(UUID id) {
    return jdbc.sql("select embedding_model from post where id = :id")
        .param("id", id)
        .query(String.class)
        .single();
  }

  void moveMentions(UUID from, UUID to) {
    jdbc.sql("update mention set post_id = :to where post_id = :from")
        .param("to", to)
        .param("from", from)
        .update();
  }

  void moveMention(UUID mentionId, UUID to) {
    jdbc.sql("update mention set post_id = :to where id = :id")
        .param("to", to)
        .param("id", mentionId)
        .update();
  }

  /** The post is now part of {@code into}: empty, marked merged, to leave the index. */
  void markMerged(UUID id, UUID into, Instant now) {
    jdbc.sql(
            "update post set merged_into = :into, status = :status, mention_count = 0,"
                + " negative = 0, neutral = 0, positive = 0, deal_amount = 0,"
                + " indexed_at = null, updated_at = :now where id = :id")
        .param("into", into)
        .param("status", PostStatus.MERGED.apiName())
        .param("now", Timestamp.from(now))
        .param("id", id)
        .update();
  }

  void edit(UUID id, String title, String description, PostStatus status, Instant now) {
    jdbc.sql(
            "update post set title = coalesce(:title, title),"
                + " title_edited = title_edited or :titleEdited,"
                + " description = coalesce(:description, description),"
                + " status = coalesce(:status, status), updated_at = :now where id = :id")
        .param("title", title)
        .param("titleEdited", title != null)
        .param("description", description)
        .param("status", status == null ? null : status.apiName())
        .param("now", Timestamp.from(now))
        .param("id", id)
        .update();
  }

  Optional<Mention> mention(UUID postId, UUID mentionId) {
    return jdbc.sql("select * from mention where id = :id and post_id = :post")
        .param("id", mentionId)
        .param("post", postId)
        .query(PostRepository::mention)
        .optional();
  }

  Optional<float[]> mentionVector(UUID mentionId) {
    return jdbc.sql("select vector from mention where id = :id")
        .param("id", mentionId)
        .query((rs, n) -> PostVector.floats(rs.getBytes(1)))
        .optional();
  }
}
