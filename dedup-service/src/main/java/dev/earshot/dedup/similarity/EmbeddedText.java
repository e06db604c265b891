package dev.earshot.dedup.similarity;

import dev.earshot.events.FeedbackItem;
import dev.earshot.text.Descriptions;
import java.util.List;

/**
 * The text of an item that is embedded: the customer's words of its description ({@link
 * Descriptions#customersWords}: the question a description names is the interviewer's and is left
 * out), or its title when the description holds none. Title and pain points are not embedded (since
 * 2026-12-02): an offline title is a phrase picked from those same sentences, so adding it weighs
 * one phrase twice and, when the phrase is generic ("Difficulty with the claim status page"), pulls
 * unrelated items together; measured with {@code ./earshot bench dedup --embedded-text earlier}
 * against the default (dedup-service README, "What is embedded"). Quotes are left out: they are in
 * the description already, and their filler ("honestly", "you know") only adds noise.
 */
public final class EmbeddedText {

  private EmbeddedText() {}

  /**
   * The text dedup-service embeds for an item.
   *
   * @return the customer's words of the description, ending in a full stop; the title when there
   *     are none; an empty string when the item has neither
   */
  public static String of(FeedbackItem item) {
    String words = Descriptions.customersWords(item.getDescription());
    return words == null || words.isBlank()
        ? of(item.getTitle(), null, List.of())
        : of(null, words, List.of());
  }

  /**
   * Title, then description, then pain points, each ending a sentence (a full stop is added where
   * none ends it); blank or missing parts are skipped. The lexical re-scoring reads a mention's
   * title and description through it; {@code earlier} in the bench is this of all three.
   *
   * @return the joined text, empty when every part is missing
   */
  public static String of(String title, String description, List<String> painPoints) {
    StringBuilder text = new StringBuilder();
    append(text, title);
    append(text, description);
    for (String pain : painPoints) {
      append(text, pain);
    }
    return text.toString();
  }

  private static void append(StringBuilder text, String part) {
    if (part == null || part.isBlank()) {
      return;
    }
    String trimmed = part.strip();
    if (text.length() > 0) {
      text.append(' ');
    }
    text.append(trimmed);
    char last = trimmed.charAt(trimmed.length() - 1);
    if (last != '.' && last != '?' && last != '!') {
      text.append('.');
    }
  }
}
