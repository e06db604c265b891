package dev.earshot.dedup.post;

import dev.earshot.dedup.board.Mention;
import dev.earshot.dedup.board.Post;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The board as readers see it: one org's posts filtered by a {@link PostQuery}, sorted and paged;
 * one post with its mentions.
 */
@Repository
class PostPages {

  private final JdbcClient jdbc;

  PostPages(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** The page {@code query} asks for and how many posts match in all. */
  ReadingPosts.Page page(String orgId, PostQuery query) {
    List<String> where = new ArrayList<>(List.of("org_id = :org"));
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("org", orgId);
    if (query.status() == null) {
      where.add("merged_into is null");
    } else {
      where.add("status = :status");
      params.put("status", query.status().apiName());
    }
    if (query.board() != null) {
      where.add("board = :board");
      params.put("board", query.board());
    }
    if (query.category() != null) {
      where.add("category = :category");
      params.put("category", query.category());
    }
    if (query.kind() != null) {
      where.add("kind = :kind");
      params.put("kind", query.kind().toUpperCase(Locale.ROOT));
    }
    if (query.text() != null && !query.text().isBlank()) {
      where.add("(title ilike :text or description ilike :text)");
      params.put("text", "%" + escapeLike(query.text().strip()) + "%");
    }
    String filter = String.join(" and ", where);
    long total =
        jdbc.sql("select count(*) from post where " + filter)
            .params(params)
            .query(Long.class)
            .single();
    List<Post> page =
        jdbc.sql(
                "select "
                    + PostRepository.POST_COLUMNS
                    + " from post where "
                    + filter
                    + " order by "
                    + query.sort().orderBy
                    + " limit :limit offset :offset")
            .params(params)
            .param("limit", query.size())
            .param("offset", (long) query.page() * query.size())
            .query(PostRepository::post)
            .list();
    return new ReadingPosts.Page(page, query.page(), query.size(), total);
  }

  /** The org's post {@code id}, merged or not. */
  Optional<Post> find(String orgId, UUID id) {
    return jdbc.sql(
            "select " + PostRepository.POST_COLUMNS + " from post where id = :id and org_id = :org")
        .param("id", id)
        .param("org", orgId)
        .query(PostRepository::post)
        .optional();
  }

  /** The post's mentions, oldest call first. */
  List<Mention> mentions(UUID postId) {
    return jdbc.sql(
            "select * from mention where post_id = :post order by call_started_at, created_at")
        .param("post", postId)
        .query(PostRepository::mention)
        .list();
  }

  private static String escapeLike(String text) {
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
  }
}
