package dev.earshot.dedup.post;

import dev.earshot.dedup.board.PostVector;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The post table's {@code indexed_at} marks: which posts' current vectors the vector index holds.
 * {@link IndexedPosts} decides what to index and when; this reads and writes the marks.
 */
@Repository
class IndexMarks {

  /** A post whose vector may be missing from the index, as of its {@code updated_at}. */
  record Pending(UUID id, String orgId, PostVector vector, boolean merged, Instant version) {}

  private final JdbcClient jdbc;

  IndexMarks(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Post {@code id}, if it is not marked indexed (at most one). */
  List<Pending> unmarked(UUID id) {
    return pending("id = :id and indexed_at is null", id, null, 1);
  }

  /** Up to {@code limit} posts of {@code model} not marked indexed, oldest change first. */
  List<Pending> unmarked(String model, int limit) {
    return pending("indexed_at is null and embedding_model = :model", null, model, limit);
  }

  /** Clears the marks of {@code model}'s posts marked after {@code since}; returns how many. */
  int forgetMarkedAfter(Instant since, String model) {
    return jdbc.sql(
            "update post set indexed_at = null where indexed_at > :since"
                + " and embedding_model = :model")
        .param("since", Timestamp.from(since))
        .param("model", model)
        .update();
  }

  /** Live posts of {@code model} marked indexed before {@code from}. */
  long liveMarkedBefore(String model, Instant from) {
    return jdbc.sql(
            "select count(*) from post where embedding_model = :model and merged_into is null"
                + " and indexed_at < :from")
        .param("model", model)
        .param("from", Timestamp.from(from))
        .query(Long.class)
        .single();
  }

  /** Clears every mark of {@code model}'s posts; returns how many. */
  int forgetAll(String model) {
    return jdbc.sql(
            "update post set indexed_at = null where embedding_model = :model"
                + " and indexed_at is not null")
        .param("model", model)
        .update();
  }

  /**
   * Marks post {@code id} indexed at {@code now} if it is still at {@code version}; false (and
   * nothing marked) when it changed meanwhile.
   */
  boolean markIndexed(UUID id, Instant version, Instant now) {
    return jdbc.sql("update post set indexed_at = :now where id = :id and updated_at = :version")
            .param("now", Timestamp.from(now))
            .param("id", id)
            .param("version", Timestamp.from(version))
            .update()
        != 0;
  }

  /** Clears post {@code id}'s mark. */
  void unmark(UUID id) {
    jdbc.sql("update post set indexed_at = null where id = :id").param("id", id).update();
  }

  private List<Pending> pending(String where, UUID id, String model, int limit) {
    var sql =
        jdbc.sql(
                "select id, org_id, vector_sum, mention_count, merged_into, updated_at from post"
                    + " where "
                    + where
                    + " order by updated_at limit :limit")
            .param("limit", limit);
    if (id != null) {
      sql = sql.param("id", id);
    }
    if (model != null) {
      sql = sql.param("model", model);
    }
    return sql.query(
            (rs, n) ->
                new Pending(
                    rs.getObject("id", UUID.class),
                    rs.getString("org_id"),
                    PostRepository.vector(rs, n),
                    rs.getObject("merged_into") != null,
                    rs.getTimestamp("updated_at").toInstant()))
        .list();
  }
}
