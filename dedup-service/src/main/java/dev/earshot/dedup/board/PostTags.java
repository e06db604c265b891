package dev.earshot.dedup.board;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Every post from a call says where it came from, whatever tags its items carried. */
public final class PostTags {

  public static final String SOURCE = "source: gong";
  public static final String SOURCE_TYPE = "source_type: integration";

  private PostTags() {}

  /** The tags with the two source tags first, each tag once, within {@link PostLimits}. */
  public static List<String> withSource(List<String> tags) {
    Set<String> out = new LinkedHashSet<>();
    out.add(SOURCE);
    out.add(SOURCE_TYPE);
    out.addAll(tags);
    return PostLimits.tags(new ArrayList<>(out));
  }

  /**
   * A post's tags after an item joins it: the union, in order of first appearance, the first {@link
   * PostLimits#TAGS} kept.
   */
  public static List<String> union(List<String> post, List<String> item) {
    Set<String> out = new LinkedHashSet<>(post);
    out.addAll(item);
    return PostLimits.tags(new ArrayList<>(out));
  }
}
