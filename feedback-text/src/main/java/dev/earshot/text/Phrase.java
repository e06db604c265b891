package dev.earshot.text;

import java.util.List;

/**
 * A phrase found in a tagged sentence.
 *
 * @param tokens the sentence's tokens
 * @param start index of the phrase's first token
 * @param end index after its last token
 * @param shape what kind of phrase it is
 */
public record Phrase(List<Token> tokens, int start, int end, Shape shape) {

  /** The kinds of phrase {@link PhraseGrammar} recognises. */
  public enum Shape {
    /** A nominal with its determiner and at most one prepositional phrase: "the audit log". */
    NOUN_PHRASE,
    /** A main verb, its particle and its object or prepositional object: "export the audit log". */
    VERB_PHRASE,
    /** A noun phrase and a finite main verb, no auxiliaries: "the invoice editor crashes". */
    PROBLEM_STATEMENT,
    /** Anything else: a clause, a fragment, a list. */
    OTHER
  }

  /** The phrase's tokens. */
  public List<Token> words() {
    return tokens.subList(start, end);
  }

  /** The phrase as written in {@code text}, the string its tokens' offsets refer to. */
  public String in(String text) {
    return text.substring(tokens.get(start).start(), tokens.get(end - 1).end());
  }

  /** Number of tokens. */
  public int size() {
    return end - start;
  }
}
