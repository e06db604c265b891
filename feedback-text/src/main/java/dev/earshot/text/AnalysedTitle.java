package dev.earshot.text;

import java.util.Arrays;
import java.util.List;

/**
 * A title with what the rules need to know about it.
 *
 * @param text the title as written
 * @param words its words: the text split at white space
 * @param tokens its tokens with part-of-speech tags (grammar-repaired, see {@link PhraseGrammar})
 * @param shape the phrase that spans it, or {@code OTHER}
 */
public record AnalysedTitle(
    String text, List<String> words, List<Token> tokens, Phrase.Shape shape) {

  /** Analyses a title with the shared English models. */
  public static AnalysedTitle of(String title) {
    String text = title == null ? "" : title.strip();
    List<String> words = text.isEmpty() ? List.of() : Arrays.asList(text.split("\\s+"));
    List<Token> tokens = PhraseGrammar.repaired(EnglishText.shared().tag(text));
    return new AnalysedTitle(text, words, tokens, PhraseGrammar.shapeOf(tokens));
  }

  /** The word tokens (no punctuation). */
  public List<Token> wordTokens() {
    return tokens.stream().filter(Token::isWord).toList();
  }
}
