package dev.earshot.text;

import java.util.List;
import java.util.Set;

/**
 * What a feedback title is: a short noun or verb phrase naming the request ("Okta single sign-on",
 * "Weekly report emails", "Offline mode in the mobile app", "Export the audit log"), never a
 * cut-off sentence. Each rule is named; {@link #broken} lists those a title breaks, and {@link
 * #clarity} ranks titles of one request. Function words, auxiliaries and pronouns are closed
 * classes and are read from lists; open-class readings (noun, verb, adjective) and a title's phrase
 * shape come from {@link EnglishText}'s tagger, a word's base form, inflection and noun number from
 * {@link WordNetLexicon}.
 */
public final class TitleRules {

  /** Commas, semicolons, ellipses anywhere; stops and marks before a space or at the end. */
  private static final java.util.regex.Pattern SENTENCE_PUNCTUATION =
      java.util.regex.Pattern.compile("[,;…]|[.?!:](\\s|$)");

  /** Words that open speech without naming anything; a title never starts with one. */
  static final Set<String> FILLERS =
      Set.of(
          "um",
          "uh",
          "er",
          "erm",
          "hmm",
          "oh",
          "yeah",
          "yes",
          "yep",
          "no",
          "nope",
          "okay",
          "ok",
          "well",
          "so",
          "like",
          "honestly",
          "basically",
          "actually",
          "just",
          "really",
          "anyway",
          "right",
          "please",
          "also",
          "then",
          "maybe",
          "this",
          "that",
          "these",
          "those");

  /** Coordinating and subordinating conjunctions and relative or question words. */
  static final Set<String> CONJUNCTIONS =
      Set.of(
          "and",
          "but",
          "or",
          "nor",
          "because",
          "cause",
          "'cause",
          "when",
          "whenever",
          "while",
          "where",
          "if",
          "although",
          "though",
          "since",
          "unless",
          "whereas",
          "whether",
          "as",
          "after",
          "before",
          "until",
          "once",
          "than",
          "which",
          "who",
          "whom",
          "whose",
          "what",
          "how",
          "why");

  /** Auxiliary and modal verb forms: a title holding one narrates instead of naming. */
  static final Set<String> AUXILIARIES =
      Set.of(
          "is",
          "are",
          "was",
          "were",
          "am",
          "be",
          "been",
          "being",
          "'s",
          "'re",
          "'m",
          "do",
          "does",
          "did",
          "can",
          "could",
          "would",
          "will",
          "should",
          "might",
          "may",
          "must",
          "shall",
          "'d",
          "'ll",
          "'ve",
          "ca",
          "wo",
          "n't",
          "not",
          "isn't",
          "aren't",
          "wasn't",
          "weren't",
          "don't",
          "doesn't",
          "didn't",
          "can't",
          "couldn't",
          "wouldn't",
          "won't",
          "shouldn't");

  /** Personal pronouns (and existential "there"): a title holding one narrates. */
  static final Set<String> PERSONAL_PRONOUNS =
      Set.of(
          "i", "we", "you", "he", "she", "it", "they", "me", "us", "him", "them", "there", "i'm",
          "we're", "it's", "you're", "they're", "that's", "there's", "myself", "itself");

  /**
   * English closed-class words: determiners, pronouns, prepositions, conjunctions, auxiliaries and
   * particles. Function words are a closed class, so a list is exact where a tagger reading a
   * two-word fragment is not (it tags "theme" in "Dark theme" as a pronoun).
   */
  static final Set<String> FUNCTION_WORDS = functionWords();

  private static Set<String> functionWords() {
    Set<String> words =
        new java.util.HashSet<>(
            Set.of(
                "a", "an", "the", "this", "that", "these", "those", "my", "our", "your", "their",
                "his", "her", "its", "some", "any", "every", "each", "no", "all", "both", "either",
                "neither", "such", "what", "which", "of", "in", "on", "at", "to", "for", "with",
                "from", "by", "about", "into", "onto", "over", "under", "through", "between",
                "without", "within", "like", "per", "via", "up", "out", "off", "down", "than", "so",
                "very", "just", "really", "too", "quite", "rather", "have", "has", "had", "get",
                "got"));
    words.addAll(CONJUNCTIONS);
    words.addAll(AUXILIARIES);
    words.addAll(PERSONAL_PRONOUNS);
    return Set.copyOf(words);
  }

  public static final TitleRule TWO_TO_EIGHT_WORDS =
      new TitleRule(
          "two-to-eight-words",
          "A title has 2 to 8 words.",
          t -> t.words().size() < 2 || t.words().size() > 8);

  public static final TitleRule NO_FILLER_OR_CONJUNCTION_FIRST =
      new TitleRule(
          "no-filler-or-conjunction-first",
          "A title does not start with a filler, a pronoun or a conjunction (um, yeah, so, and,"
              + " because, when, I, it…).",
          t -> {
            List<Token> w = t.wordTokens();
            if (w.isEmpty()) {
              return false;
            }
            Token first = w.getFirst();
            return first.is("CCONJ", "SCONJ", "INTJ")
                || FILLERS.contains(first.lower())
                || CONJUNCTIONS.contains(first.lower())
                || PERSONAL_PRONOUNS.contains(first.lower());
          });

  public static final TitleRule NO_FUNCTION_WORD_LAST =
      new TitleRule(
          "no-function-word-last",
          "A title does not end with a function word (the, of, to, be, it, and…); a verb's"
              + " closing particle (\"sign in\", \"back up\") and a hyphenated word (\"sign-on\")"
              + " are not function words, but \"working on\" is cut off.",
          TitleRules::endsWithFunctionWord);

  public static final TitleRule A_PHRASE_NOT_A_CLAUSE =
      new TitleRule(
          "a-phrase-not-a-clause",
          "A title names the request without narrating it: no auxiliary or modal verb (is,"
              + " would, could, do…) and no personal pronoun (I, we, you, it, they…).",
          t ->
              t.wordTokens().stream()
                  .map(Token::lower)
                  .anyMatch(w -> AUXILIARIES.contains(w) || PERSONAL_PRONOUNS.contains(w)));

  public static final TitleRule NO_SENTENCE_PUNCTUATION =
      new TitleRule(
          "no-sentence-punctuation",
          "A title is one phrase: no comma, semicolon or ellipsis, and no full stop, question or"
              + " exclamation mark or colon that ends a word (\"VA.gov\" is one word).",
          t -> SENTENCE_PUNCTUATION.matcher(t.text()).find());

  public static final TitleRule NAMES_A_THING_OR_AN_ACTION =
      new TitleRule(
          "names-a-thing-or-an-action",
          "A title holds a noun or a main verb: a word outside the closed classes that the tagger"
              + " does not read as an adjective, adverb, number or interjection.",
          t ->
              t.wordTokens().stream()
                  .noneMatch(
                      tok ->
                          !FUNCTION_WORDS.contains(tok.lower())
                              && !FILLERS.contains(tok.lower())
                              && !tok.is("ADJ", "ADV", "INTJ", "NUM", "PUNCT", "SYM")));

  public static final TitleRule NO_CLAUSE_CUT_AFTER_ITS_VERB =
      new TitleRule(
          "no-clause-cut-after-its-verb",
          "A title does not end on a verb of its subject that needs what followed it"
              + " (\"Dashboards take\", \"App requires\", \"Tables forget\"), nor on a light or"
              + " linking verb left dangling (\"Delay alerts go\", \"Game seems\", \"Versus"
              + " having\"); a verb that ends a clause (\"Export fails\", \"Crashes happen\"), an"
              + " -ing form (\"Error downloading\"), a reduced passive (\"Invoices sent\") and a"
              + " noun the tagger reads as a verb (\"Export limit\") may. See"
              + " PhraseGrammar.cutOff; which verbs need more comes from WordNet's verb frames"
              + " (WordNetLexicon).",
          TitleRules::endsOnAnOpenVerb);

  private static final List<TitleRule> ALL =
      List.of(
          TWO_TO_EIGHT_WORDS,
          NO_FILLER_OR_CONJUNCTION_FIRST,
          NO_FUNCTION_WORD_LAST,
          NO_CLAUSE_CUT_AFTER_ITS_VERB,
          A_PHRASE_NOT_A_CLAUSE,
          NO_SENTENCE_PUNCTUATION,
          NAMES_A_THING_OR_AN_ACTION);

  private TitleRules() {}

  /** Every rule, in the order benchmarks print them. */
  public static List<TitleRule> all() {
    return ALL;
  }

  /** The rules {@code title} breaks, in {@link #all()} order; empty when it keeps them all. */
  public static List<TitleRule> broken(String title) {
    return broken(AnalysedTitle.of(title));
  }

  /** The rules an analysed title breaks. */
  public static List<TitleRule> broken(AnalysedTitle title) {
    return ALL.stream().filter(r -> r.isBrokenBy(title)).toList();
  }

  /**
   * How clear a title is, higher is clearer: {@code -10} per broken rule, {@code +2} when it is a
   * noun or verb phrase ({@code +1} for a problem statement such as "Export fails"), and {@code
   * -0.5} per word away from four (the examples have 3 to 6 words). So a title that keeps
   * every rule always beats one that breaks any.
   */
  public static double clarity(String title) {
    AnalysedTitle t = AnalysedTitle.of(title);
    double shape =
        switch (t.shape()) {
          case NOUN_PHRASE, VERB_PHRASE -> 2;
          case PROBLEM_STATEMENT -> 1;
          case OTHER -> 0;
        };
    return -10.0 * broken(t).size() + shape - 0.5 * Math.abs(t.words().size() - 4);
  }

  private static boolean endsOnAnOpenVerb(AnalysedTitle t) {
    List<Token> w = t.wordTokens();
    return w.size() >= 2
        && w.getLast().is("VERB")
        && PhraseGrammar.cutOff(w.get(w.size() - 2), w.getLast());
  }

  private static boolean endsWithFunctionWord(AnalysedTitle t) {
    if (t.words().isEmpty()) {
      return false;
    }
    String lastWord = t.words().getLast().replaceAll("[\\p{Punct}&&[^'-]]+$", "");
    if (lastWord.matches(".*\\p{L}-\\p{L}.*")) {
      return false;
    }
    List<Token> w = t.wordTokens();
    if (w.isEmpty()) {
      return false;
    }
    Token last = w.getLast();
    if (w.size() >= 2 && PhraseGrammar.CLOSING_PARTICLES.contains(last.lower())) {
      Token verb = w.get(w.size() - 2);
      boolean phrasalVerb =
          (verb.is("VERB") || verb.lower().endsWith("ing"))
              && !FUNCTION_WORDS.contains(verb.lower());
      if (phrasalVerb) {
        return false;
      }
    }
    return FUNCTION_WORDS.contains(last.lower()) || FILLERS.contains(last.lower());
  }
}
