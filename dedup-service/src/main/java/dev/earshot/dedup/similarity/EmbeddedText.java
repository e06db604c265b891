package dev.earshot.dedup.similarity;

import dev.earshot.events.FeedbackItem;
import dev.earshot.text.Descriptions;
import java.util.List;

/**
 * The text of an item that is embedded: title, then description, then pain points, each ending in a
 * full stop, so the vector carries what is asked for first and why after. Quotes are left out: they
 * are in the description already, and their filler ("honestly", "you know") only adds noise. The
 * question a description names ({@link Descriptions}) is left out too: it is the interviewer's.
 */
public final class EmbeddedText {

  private EmbeddedText() {}

  public static String of(FeedbackItem item) {
    return of(
        item.getTitle(), Descriptions.customersWords(item.getDescription()), item.getPainPoints());
  }

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
