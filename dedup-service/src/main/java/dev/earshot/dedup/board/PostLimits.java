package dev.earshot.dedup.board;

import java.util.ArrayList;
import java.util.List;

/**
 * How long a post's texts may be. A person editing a post is refused beyond them (400 naming the
 * field); texts from extracted items are clipped to them (an ellipsis marks the cut), so no post
 * event can grow past what Kafka takes: at these limits an event holds at most ~60,000 characters
 * (under 250 KB in UTF-8), far below the producer's 4 MB {@code max.request.size}.
 *
 * <p>Chosen for a feedback board: a title is a line (what Canny, UserVoice and Productboard show in
 * a list), a description a few screens of prose; tags are short labels, a few dozen per post.
 */
public final class PostLimits {

  /** Characters of a title (at least one that is not blank). */
  public static final int TITLE = 200;

  /** Characters of a description. */
  public static final int DESCRIPTION = 10_000;

  /** Tags on a post or an item. */
  public static final int TAGS = 50;

  /** Characters of one tag. */
  public static final int TAG = 100;

  /** Quotes kept on a mention. */
  public static final int QUOTES = 20;

  /** Characters of one quote. */
  public static final int QUOTE = 2_000;

  /** Characters of a name, email, job title, account or board name, or id. */
  public static final int NAME = 300;

  /** Characters of a call URL. */
  public static final int URL = 2_000;

  private static final String CUT = "…";

  private PostLimits() {}

  /**
   * The text, or its first {@code max - 1} characters and an ellipsis when longer; null stays null.
   * Never cuts a surrogate pair in two.
   */
  public static String clip(String text, int max) {
    if (text == null || text.length() <= max) {
      return text;
    }
    int end = max - CUT.length();
    if (Character.isHighSurrogate(text.charAt(end - 1))) {
      end--;
    }
    return text.substring(0, end) + CUT;
  }

  /** The first {@link #TAGS} tags, each clipped to {@link #TAG}. */
  public static List<String> tags(List<String> tags) {
    List<String> out = new ArrayList<>(Math.min(tags.size(), TAGS));
    for (String tag : tags) {
      if (out.size() == TAGS) {
        break;
      }
      String clipped = clip(tag, TAG);
      if (!out.contains(clipped)) {
        out.add(clipped);
      }
    }
    return out;
  }
}
