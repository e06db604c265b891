package dev.earshot.extraction.extract;

import dev.earshot.extraction.detect.Kind;
import dev.earshot.text.TitleRules;
import java.util.List;

/**
 * Holds a title someone else wrote (a language model) to the same {@link TitleRules} the offline
 * {@link TitleWriter} keeps, so every item on a board reads the same way whichever model made it.
 */
public final class Titles {

  /** A proposed title and whether it had to be rewritten. */
  public record Checked(String title, boolean rewritten) {}

  private Titles() {}

  /**
   * The proposed title if it keeps every rule once trailing sentence punctuation and surrounding
   * quotes are trimmed (models often end a title with a full stop); otherwise a title written by
   * {@link TitleWriter} from the item's own sentences (the model's quotes, strongest first), then
   * from the kind.
   *
   * @param proposed the model's title, possibly blank
   * @param sentences the item's verbatim sentences, strongest first; may be empty
   * @param kind the item's kind, for the last-resort title
   * @return a title that keeps every rule, and whether it differs from a trimmed {@code proposed}
   */
  public static Checked kept(String proposed, List<String> sentences, Kind kind) {
    String trimmed = trim(proposed == null ? "" : proposed);
    if (!trimmed.isEmpty() && TitleRules.broken(trimmed).isEmpty()) {
      return new Checked(trimmed, false);
    }
    return new Checked(TitleWriter.title(sentences, null, kind), true);
  }

  private static String trim(String title) {
    String t = title.strip();
    t = t.replaceAll("^[\"'“‘«]+|[\"'”’»]+$", "").strip();
    t = t.replaceAll("[.!;:]+$", "").strip();
    return t;
  }
}
