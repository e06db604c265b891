package dev.earshot.text;

import java.util.Locale;

/**
 * One token of a sentence with its part of speech.
 *
 * @param text the token as written
 * @param tag its Universal Dependencies part-of-speech tag (UPOS: {@code NOUN}, {@code VERB},
 *     {@code ADP}, {@code DET} …; see https://universaldependencies.org/u/pos/), as OpenNLP's
 *     English UD-EWT model assigns it
 * @param start offset of its first character in the analysed text
 * @param end offset after its last character
 */
public record Token(String text, String tag, int start, int end) {

  /** The token in lower case, for closed-class word lists. */
  public String lower() {
    return text.toLowerCase(Locale.ROOT);
  }

  /** Whether its tag is one of {@code tags}. */
  public boolean is(String... tags) {
    for (String t : tags) {
      if (t.equals(tag)) {
        return true;
      }
    }
    return false;
  }

  /** Whether it holds a letter or a digit (punctuation and symbols do not). */
  public boolean isWord() {
    return text.codePoints().anyMatch(Character::isLetterOrDigit);
  }
}
