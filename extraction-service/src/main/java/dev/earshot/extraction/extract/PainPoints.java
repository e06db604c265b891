package dev.earshot.extraction.extract;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Pains the customer named: the clause around a pain cue ("takes forever", "by hand", "we lose a
 * day"), cut to a few words. Several quotes can name the same pain once.
 */
final class PainPoints {

  private PainPoints() {}

  private static final Pattern CUE =
      Pattern.compile(
          "\\b(takes? (forever|ages|hours|too long|way too many)|by hand|manually|one by one|hours|days?|wast\\w*|lose|lost|crash\\w*|freez\\w*|fails?|error\\w*|slow\\w*|throttl\\w*|stuck|blocks?|blocker|confus\\w*|lost|drains?|push back|mistakes?|complain\\w*|struggl\\w*|can't|cannot|doesn't work|not working)\\b",
          Pattern.CASE_INSENSITIVE);

  private static final int MAX_WORDS = 14;

  static List<String> of(List<ItemQuote> quotes) {
    Set<String> pains = new LinkedHashSet<>();
    for (ItemQuote q : quotes) {
      for (String clause :
          q.text().split("(?<=[.!?;])\\s+|,\\s+(?=(but|so|and|which|because)\\b)")) {
        Matcher m = CUE.matcher(clause);
        if (m.find()) {
          pains.add(trim(clause));
        }
      }
    }
    return new ArrayList<>(pains);
  }

  private static String trim(String clause) {
    String[] words = clause.strip().replaceAll("[.!?]+$", "").split("\\s+");
    String text =
        String.join(
            " ", words.length > MAX_WORDS ? java.util.Arrays.copyOf(words, MAX_WORDS) : words);
    return Character.toUpperCase(text.charAt(0)) + text.substring(1);
  }
}
