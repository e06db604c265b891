package dev.earshot.gong.simulator.corpus;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
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
 *
 * <p>Merge suggestions are scored as a reviewer who knows the truth would treat them ({@link
 * #review}): a suggestion is correct when both posts stand for the same request, and the board
 * after review is the board with every correct suggestion accepted.
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
      String majority = majority(labels).orElseThrow();
      postsPerRequest.merge(majority, 1, Integer::sum);
      mentions += labels.size();
      overMerged += labels.size() - counts.get(majority);
      scored++;
    }
    int duplicates = postsPerRequest.values().stream().mapToInt(n -> n - 1).sum();
    return new Figures(scored, postsPerRequest.size(), mentions, duplicates, overMerged);
  }

  /** The request most of these mentions voice (ties: the first by name); empty for none. */
  public static Optional<String> majority(List<String> labels) {
    Map<String, Integer> counts = new HashMap<>();
    labels.forEach(l -> counts.merge(l, 1, Integer::sum));
    return counts.entrySet().stream()
        .max(
            Map.Entry.<String, Integer>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
        .map(Map.Entry::getKey);
  }

  /**
   * A suggested merge of two posts.
   *
   * @param post the post the suggestion is about (the new one)
   * @param candidate the post it would merge into
   * @param <K> how posts are named
   */
  public record Suggestion<K>(K post, K candidate) {}

  /**
   * Suggestions scored against the truth.
   *
   * @param suggestions suggestions made
   * @param correct those joining two posts that stand for the same request (twins)
   * @param before the board as built
   * @param after the board once every correct suggestion is accepted
   */
  public record Review(int suggestions, int correct, Figures before, Figures after) {

    /** Share of suggestions that would join twins; 0 when there were none. */
    public double precision() {
      return suggestions == 0 ? 0 : correct / (double) suggestions;
    }
  }

  /**
   * Scores suggestions on a board given as the request labels of each post's mentions: a suggestion
   * is correct when both posts have labelled mentions with the same majority request; posts joined
   * by correct suggestions (transitively) become one for {@link Review#after()}.
   */
  public static <K> Review review(Map<K, List<String>> posts, Collection<Suggestion<K>> suggested) {
    Map<K, K> parent = new HashMap<>();
    int correct = 0;
    for (Suggestion<K> s : suggested) {
      Optional<String> a = majority(posts.getOrDefault(s.post(), List.of()));
      Optional<String> b = majority(posts.getOrDefault(s.candidate(), List.of()));
      if (a.isPresent() && a.equals(b)) {
        correct++;
        parent.put(root(parent, s.post()), root(parent, s.candidate()));
      }
    }
    Map<K, List<String>> merged = new LinkedHashMap<>();
    posts.forEach(
        (post, labels) ->
            merged.computeIfAbsent(root(parent, post), r -> new ArrayList<>()).addAll(labels));
    return new Review(suggested.size(), correct, score(posts.values()), score(merged.values()));
  }

  private static <K> K root(Map<K, K> parent, K post) {
    K at = post;
    while (parent.containsKey(at) && !parent.get(at).equals(at)) {
      at = parent.get(at);
    }
    return at;
  }
}
