package dev.earshot.extraction.detect;

import java.util.Locale;

/** What a sentence or item is; {@link #NONE} is "not product feedback". */
public enum Kind {
  FEATURE_REQUEST,
  BUG,
  LIMITATION,
  UX,
  NONE;

  /** The lower-case name used in files and on the command line ({@code feature_request}). */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Kind of(String label) {
    return valueOf(label.strip().toUpperCase(Locale.ROOT));
  }
}
