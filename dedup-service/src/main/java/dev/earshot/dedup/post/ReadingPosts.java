package dev.earshot.dedup.post;

import dev.earshot.dedup.board.Mention;
import dev.earshot.dedup.board.Post;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The board as readers see it: one org's posts, filtered, sorted and paged, and one post whole. */
public class ReadingPosts {

  /** One page of posts and how many match in all. */
  public record Page(List<Post> posts, int page, int size, long total) {}

  /** A post with its mentions, oldest call first. */
  public record PostWithMentions(Post post, List<Mention> mentions) {}

  private final JdbcClient jdbc;
  private final PostRepository posts;

  ReadingPosts(JdbcClient jdbc, PostRepository posts) {
    this.jdbc = jdbc;
    this.posts = posts;
  }

  public Page list(String orgId, PostQuery query) {
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
    return new Page(page, query.page(), query.size(), total);
  }

  public PostWithMentions one(String orgId, UUID postId) {
    Post post = posts.find(orgId, postId).orElseThrow(() -> PostProblems.noSuchPost(postId));
    return new PostWithMentions(post, posts.mentions(postId));
  }

  private static String escapeLike(String text) {
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
  }
}
