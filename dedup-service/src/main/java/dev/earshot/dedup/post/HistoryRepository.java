package dev.earshot.dedup.post;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What people did to each post ({@code post_history}): merges, splits, edits, with who and when.
 */
@Repository
class HistoryRepository {

  private final JdbcClient jdbc;

  HistoryRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  void recordHistory(
      UUID postId, String action, Map<String, Object> detail, String actor, Instant now) {
    jdbc.sql(
            "insert into post_history (post_id, action, detail, actor, at)"
                + " values (:post, :action, cast(:detail as jsonb), :actor, :now)")
        .param("post", postId)
        .param("action", action)
        .param("detail", PostRepository.json.writeValueAsString(detail))
        .param("actor", actor)
        .param("now", Timestamp.from(now))
        .update();
  }

  /** What people did to a post, oldest first. */
  List<Map<String, Object>> history(UUID postId) {
    return jdbc.sql(
            "select action, detail::text detail, actor, at from post_history where post_id = :post"
                + " order by id")
        .param("post", postId)
        .query(
            (rs, n) ->
                Map.<String, Object>of(
                    "action", rs.getString("action"),
                    "detail", PostRepository.json.readTree(rs.getString("detail")),
                    "actor", rs.getString("actor"),
                    "at", rs.getTimestamp("at").toInstant()))
        .list();
  }
}
