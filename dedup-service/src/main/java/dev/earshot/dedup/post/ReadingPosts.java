package dev.earshot.dedup.post;

import dev.earshot.dedup.board.Mention;
import dev.earshot.dedup.board.Post;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The board as readers see it: one org's posts, filtered, sorted and paged, and one post whole. */
public class ReadingPosts {

  /** One page of posts and how many match in all. */
  public record Page(List<Post> posts, int page, int size, long total) {}

  /** A post with its mentions, oldest call first. */
  public record PostWithMentions(Post post, List<Mention> mentions) {}

  private final PostPages pages;
  private final HistoryRepository history;

  ReadingPosts(PostPages pages, HistoryRepository history) {
    this.pages = pages;
    this.history = history;
  }

  /** The page {@code query} asks for of the org's posts, and how many match in all. */
  public Page list(String orgId, PostQuery query) {
    return pages.page(orgId, query);
  }

  public PostWithMentions one(String orgId, UUID postId) {
    Post post = pages.find(orgId, postId).orElseThrow(() -> PostProblems.noSuchPost(postId));
    return new PostWithMentions(post, pages.mentions(postId));
  }

  /** What people did to a post, oldest first (action, detail, actor, at). */
  public List<Map<String, Object>> history(UUID postId) {
    return history.history(postId);
  }
}
