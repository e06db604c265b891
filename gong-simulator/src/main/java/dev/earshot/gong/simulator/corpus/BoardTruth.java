package dev.earshot.gong.simulator.corpus;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Scores a feedback board built from this corpus against its ground truth. A mention is labelled
 * with the planted request whose utterances it quotes (mentions quoting none, extraction's false
 * positives, are left out). Each post stands for its majority request.
 *
 * <ul>
 *   <li><b>duplicate-post rate</b>: posts standing for a request that another post already stands
 *       for, over all posts;
 *   <li><b>over-merge rate</b>: mentions on a post that stands for another request, over all
 *       mentions.
 * </ul>
 */
public final class BoardTruth {

  private BoardTruth() {}

  /**
   * The figures.
   *
   * @param posts posts with at least one labelled mention
   * @param requests distinct requests among them
   * @param mentions labelled mentions
   * @param duplicatePosts posts beyond the first for a request
   * @param overMerged mentions of a request other than their post's
   */
  public record Figures(int posts, int requests, int mentions, int duplicatePosts, int overMerged) {

    public double duplicatePostRate() {
      return posts == 0 ? 0 : duplicatePosts / (double) posts;
    }

    public double overMergeRate() {
      return mentions == 0 ? 0 : overMerged / (double) mentions;
    }
  }

  /** The planted request of {@code call} that these quotes voice, if any. */
  public static Optional<String> requestQuoted(CorpusCall call, Set<String> quotes) {
    String best = null;
    long bestCount = 0;
    for (PlantedItem item : call.planted()) {
      long quoted = item.utterances().stream().filter(quotes::contains).count();
      if (quoted > bestCount) {
        best = item.requestId();
        bestCount = quoted;
      }
    }
    return Optional.ofNullable(best);
  }

  /** Scores posts given as the request labels of their mentions (one list per post). */
  public static Figures score(Collection<List<String>> posts) {
    Map<String, Integer> postsPerRequest = new HashMap<>();
    int mentions = 0;
    int overMerged = 0;
    int scored = 0;
    for (List<String> labels : posts) {
      if (labels.isEmpty()) {
        continue;
      }
      Map<String, Integer> counts = new HashMap<>();
      labels.forEach(l -> counts.merge(l, 1, Integer::sum));
      String majority =
          counts.entrySet().stream()
              .max(
                  Map.Entry.<String, Integer>comparingByValue()
                      .thenComparing(Map.Entry.comparingByKey()))
              .orElseThrow()
              .getKey();
      postsPerRequest.merge(majority, 1, Integer::sum);
      mentions += labels.size();
      overMerged += labels.size() - counts.get(majority);
      scored++;
    }
    int duplicates = postsPerRequest.values().stream().mapToInt(n -> n - 1).sum();
    return new Figures(scored, postsPerRequest.size(), mentions, duplicates, overMerged);
  }
}
