package dev.earshot.dedup.board;

import dev.earshot.text.TitleRules;
import java.util.List;

/**
 * A post's title: the clearest of its mentions' titles, by {@link TitleRules#clarity} — {@code -10}
 * per broken title rule, {@code +2} for a noun or verb phrase ({@code +1} for a problem statement),
 * {@code -0.5} per word away from four. A title that keeps every rule always beats one that breaks
 * any; on a tie the current title stays (while it is still a mention's), so a post's title changes
 * only for a clearer one. Chosen again whenever mentions arrive (a new item joins, posts merge, a
 * mention is split off), never once a person has edited the title.
 */
public final class ClearestTitle {

  private ClearestTitle() {}

  /**
   * @param current the post's title now
   * @param mentionTitles its mentions' titles, oldest first
   * @return the clearest of {@code mentionTitles}; {@code current} when it is one of them and no
   *     other is strictly clearer, else the earliest of the clearest
   */
  public static String among(String current, List<String> mentionTitles) {
    List<String> titles = mentionTitles.stream().distinct().toList();
    String best = titles.contains(current) ? current : null;
    double bestScore = best == null ? Double.NEGATIVE_INFINITY : TitleRules.clarity(best);
    for (String title : titles) {
      double score = TitleRules.clarity(title);
      if (score > bestScore) {
        best = title;
        bestScore = score;
      }
    }
    return best == null ? current : best;
  }
}
