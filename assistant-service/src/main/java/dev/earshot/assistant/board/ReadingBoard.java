package dev.earshot.assistant.board;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.stereotype.Service;

/** Reads the org's board from the read model: the top posts, one post, the posts of some calls. */
@Service
public class ReadingBoard {

  /** The most posts a list answers. */
  public static final int MOST = 100;

  private final BoardPosts posts;

  ReadingBoard(BoardPosts posts) {
    this.posts = posts;
  }

  /**
   * The org's top posts.
   *
   * @param by {@code mentions} (default) or {@code deal_amount}
   * @param limit 1 to 100; null: 10
   * @throws IllegalArgumentException for an unknown ranking or a limit out of range
   */
  public List<BoardPost> top(String orgId, String by, Integer limit) {
    BoardPost.Ranking ranking;
    try {
      ranking =
          by == null || by.isBlank()
              ? BoardPost.Ranking.MENTIONS
              : BoardPost.Ranking.valueOf(by.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException unknown) {
      throw new IllegalArgumentException("by must be mentions or deal_amount, was '" + by + "'");
    }
    int most = limit == null ? 10 : limit;
    if (most < 1 || most > MOST) {
      throw new IllegalArgumentException("limit must be between 1 and " + MOST);
    }
    return posts.top(orgId, ranking, most);
  }

  /** The org's post (following merges) with its mentions. */
  public Optional<BoardPost> post(String orgId, String postId) {
    return posts.find(orgId, postId);
  }

  /** The org's posts with mentions from these calls, each with those mentions only. */
  public List<BoardPost> linkedTo(String orgId, List<String> callIds) {
    return posts.linkedTo(orgId, callIds);
  }
}
