package dev.earshot.extraction.followup;

import dev.earshot.extraction.call.NormalisedCall;
import dev.earshot.extraction.call.Utterance;
import dev.earshot.text.EnglishText;
import dev.earshot.text.Token;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The recap of an offline draft, extractive: Gong's brief (its first sentences) and key points when
 * the call has them; else the customer's most central sentences, the ones sharing most content
 * words (nouns, proper nouns, verbs, adjectives, by OpenNLP's tags) with the rest of what the
 * customer said, quoted verbatim and cited.
 */
public final class Recaps {

  /**
   * A recap.
   *
   * @param lines its lines, each as said or as Gong wrote it
   * @param cited the call's sentences quoted (empty when the recap is Gong's)
   */
  public record Recap(List<String> lines, List<Utterance> cited) {}

  static final int MAX_LINES = 3;
  private static final int MIN_WORDS = 7;

  private final EnglishText english;

  /** Recaps over these OpenNLP models (usually {@link EnglishText#shared()}). */
  public Recaps(EnglishText english) {
    this.english = english;
  }

  /**
   * The recap of a call: Gong's (at most two brief sentences and three key points) when it has a
   * summary, else at most three of the customer's sentences of seven words or more that are neither
   * questions nor the action items' own.
   */
  public Recap of(NormalisedCall call, CallSummary summary, List<ActionItem> actions) {
    if (!summary.isEmpty()) {
      List<String> lines = new ArrayList<>();
      if (summary.brief() != null && !summary.brief().isBlank()) {
        english.sentences(summary.brief()).stream().limit(2).forEach(lines::add);
      }
      summary.keyPoints().stream()
          .filter(p -> p != null && !p.isBlank())
          .limit(MAX_LINES)
          .forEach(p -> lines.add(p.strip()));
      return new Recap(List.copyOf(lines), List.of());
    }
    Set<Integer> actionSentences = new HashSet<>();
    actions.forEach(a -> a.cited().forEach(u -> actionSentences.add(u.index())));
    List<Utterance> candidates =
        call.customerUtterances().stream()
            .filter(u -> !actionSentences.contains(u.index()))
            .filter(u -> !u.text().endsWith("?"))
            .filter(u -> u.text().split("\\s+").length >= MIN_WORDS)
            .toList();
    List<Set<String>> words = candidates.stream().map(u -> contentWords(u.text())).toList();
    List<Scored> scored = new ArrayList<>();
    for (int i = 0; i < candidates.size(); i++) {
      double score = 0;
      for (int j = 0; j < candidates.size(); j++) {
        if (i != j) {
          score += overlap(words.get(i), words.get(j));
        }
      }
      scored.add(new Scored(candidates.get(i), score));
    }
    List<Utterance> chosen =
        scored.stream()
            .sorted(
                Comparator.comparingDouble(Scored::score)
                    .reversed()
                    .thenComparingInt(s -> s.utterance().index()))
            .limit(MAX_LINES)
            .map(Scored::utterance)
            .sorted(Comparator.comparingInt(Utterance::index))
            .toList();
    return new Recap(
        chosen.stream().map(u -> "You mentioned: \u201c" + u.text() + "\u201d").toList(), chosen);
  }

  private record Scored(Utterance utterance, double score) {}

  private Set<String> contentWords(String sentence) {
    Set<String> out = new HashSet<>();
    for (Token t : english.tag(sentence)) {
      if (t.is("NOUN", "PROPN", "VERB", "ADJ") && t.text().length() > 2) {
        out.add(t.lower());
      }
    }
    return out;
  }

  private static double overlap(Set<String> a, Set<String> b) {
    if (a.isEmpty() || b.isEmpty()) {
      return 0;
    }
    int common = 0;
    for (String x : a) {
      if (b.contains(x)) {
        common++;
      }
    }
    return common / (Math.log(1 + a.size()) + Math.log(1 + b.size()));
  }
}
