package dev.earshot.extraction.detect;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What a sentence or item is; {@link #NONE} is "not product feedback". The feedback kinds ({@link
 * #feedback()}) are the contract's {@code dev.earshot.events.FeedbackKind} symbols but its {@code
 * UNKNOWN} (a reader's fallback for a symbol it does not know), in the same order; every other list
 * of kinds in extraction-service (the classifier's classes, the language model's answer schema) is
 * derived from this enum.
 */
public enum Kind {
  FEATURE_REQUEST,
  BUG,
  LIMITATION,
  UX,
  NONE;

  private static final List<Kind> FEEDBACK =
      Arrays.stream(values()).filter(k -> k != NONE).toList();

  /** The kinds of product feedback, in declaration order: every kind but {@link #NONE}. */
  public static List<Kind> feedback() {
    return FEEDBACK;
  }

  /** The lower-case name used in files and on the command line ({@code feature_request}). */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Kind of(String label) {
    return valueOf(label.strip().toUpperCase(Locale.ROOT));
  }
}
