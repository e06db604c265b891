package dev.earshot.dedup.board;

import dev.earshot.embeddings.Vectors;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Picks the evidence of a merge suggestion without another embedding call: the candidate's mention
 * closest to the item by their stored vectors, then, of the item's quotes and that mention's, the
 * pair sharing the most content words (the first of each when none share any).
 */
public final class SuggestionEvidence {

  /**
   * A mention of the candidate post as evidence sees it.
   *
   * @param vector its embedding
   * @param quotes its quote texts
   */
  public record CandidateMention(float[] vector, List<String> quotes) {}

  private static final Set<String> STOP =
      Set.of(
          "the", "and", "for", "with", "that", "this", "are", "was", "but", "not", "you", "our",
          "have", "has", "can", "could", "would", "will", "they", "them", "their", "there", "what",
          "when", "just", "like", "its", "into", "from", "out", "all", "about", "your", "we're",
          "it's", "don't", "yeah", "know", "really", "very", "been", "being", "were", "she", "his",
          "her", "him", "had", "did", "does", "doesn't", "didn't", "too", "also", "then", "than");

  private SuggestionEvidence() {}

  public static MergeSuggestion.Evidence of(
      List<String> itemQuotes, float[] itemVector, Collection<CandidateMention> candidate) {
    List<String> candidateQuotes =
        candidate.stream()
            .filter(m -> !m.quotes().isEmpty())
            .max(
                java.util.Comparator.comparingDouble(
                    (CandidateMention m) -> Vectors.dot(itemVector, m.vector())))
            .map(CandidateMention::quotes)
            .orElse(List.of());
    String bestItem = itemQuotes.isEmpty() ? null : itemQuotes.getFirst();
    String bestCandidate = candidateQuotes.isEmpty() ? null : candidateQuotes.getFirst();
    int bestShared = 0;
    for (String a : itemQuotes) {
      Set<String> wordsA = words(a);
      for (String b : candidateQuotes) {
        Set<String> shared = new HashSet<>(wordsA);
        shared.retainAll(words(b));
        if (shared.size() > bestShared) {
          bestShared = shared.size();
          bestItem = a;
          bestCandidate = b;
        }
      }
    }
    return new MergeSuggestion.Evidence(bestItem, bestCandidate);
  }

  static Set<String> words(String text) {
    Set<String> out = new HashSet<>();
    for (String w : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}']+")) {
      if (w.length() >= 3 && !STOP.contains(w)) {
        out.add(w);
      }
    }
    return out;
  }
}
