package dev.earshot.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Noun and verb phrases from part-of-speech tags: OpenNLP publishes no English chunker model on
 * Maven Central, so phrases come from this small grammar over Universal Dependencies tags (UPOS),
 * in the spirit of a regular-expression chunker (Bird, Klein &amp; Loper, "Natural Language
 * Processing with Python", ch. 7.2):
 *
 * <pre>
 * MOD      := ADJ | NUM | NOUN | PROPN | VERB ending in -ing/-ed | "-" inside a hyphenated word
 * NOMINAL  := MOD* (NOUN | PROPN)                          head-final: "weekly report emails"
 * NP       := (DET | possessive PRON)? NOMINAL (PREP (DET | possessive PRON)? NOMINAL)?
 * PREP     := of | in | on | for | with | from | to | at | by | about | into | between | per
 * PARTICLE := in | up | out | on | off | down | back | over | through   (ADP or ADV after a verb)
 * VP       := VERB PARTICLE? (PREP? NP)?       the verb not a framing verb (want, need, think…)
 *             when nothing follows, the verb needs a closing particle: "sign in", not
 *             "working on"
 * PROBLEM  := NP VERB ((PREP? NP) | VERB-ing | ADV)?
 *             "the invoice editor crashes", "the app keeps crashing", "dashboards take forever";
 *             with and without what follows the verb, but without it only when the verb can end
 *             a clause ({@link #cutOff}): "the dashboards take" is cut off
 * </pre>
 *
 * The UD-EWT tagger sometimes tags the verb after a modal or "to" as a noun ("we could edit a
 * batch"): a NOUN right after a modal or infinitive "to" and before a determiner, pronoun or
 * preposition is read as a VERB first ({@link #repaired}).
 */
public final class PhraseGrammar {

  static final Set<String> PREPOSITIONS =
      Set.of(
          "of", "in", "on", "for", "with", "from", "to", "at", "by", "about", "into", "between",
          "per");
  static final Set<String> PARTICLES =
      Set.of("in", "up", "out", "on", "off", "down", "back", "over", "through");

  /**
   * Particles that can close a phrasal verb ("sign in", "back up", "log out"); "on" and "through"
   * leave it open ("working on", "going through"), so a phrase does not end on them.
   */
  static final Set<String> CLOSING_PARTICLES =
      Set.of("in", "up", "out", "off", "down", "back", "over", "away");

  /**
   * Adverbs of degree, focus, frequency, time and place, closed classes: they modify a verb or its
   * complement and do not complete a verb that needs one ("goes straight…", "works again…"). Those
   * that are also function words or fillers ("too", "very", "just", "also", "then"…) are refused as
   * such first ({@link #complement}).
   */
  static final Set<String> DEGREE_AND_FOCUS_ADVERBS =
      Set.of(
          "pretty",
          "much",
          "more",
          "most",
          "less",
          "least",
          "still",
          "even",
          "only",
          "again",
          "ever",
          "never",
          "always",
          "already",
          "yet",
          "almost",
          "straight",
          "enough",
          "here",
          "there",
          "now",
          "often",
          "sometimes",
          "usually");

  /**
   * Light verbs, which carry little meaning of their own and take it from their complement ("take
   * forever", "keep crashing", "go straight to email"; Jespersen's term, see Butt, "The light verb
   * jungle", 2010), and linking (copular) verbs, which need a complement ("seems slow", "looks
   * dated"; Quirk et al., "A Comprehensive Grammar of the English Language", 1985, §2.16): a clause
   * ending on one is cut off whatever WordNet says of its other senses. Base forms.
   */
  static final Set<String> LIGHT_AND_LINKING_VERBS =
      Set.of(
          "do", "give", "have", "make", "take", "get", "go", "come", "put", "keep", "let", "seem",
          "look", "sound", "feel", "become");

  static final Set<String> POSSESSIVES = Set.of("my", "our", "your", "their", "his", "her", "its");
  static final Set<String> MODALS =
      Set.of("can", "could", "would", "will", "should", "might", "may", "must", "'d", "'ll");

  /**
   * Verbs that frame a request rather than name it ("we want…", "I think…", "it seems…"): a verb
   * phrase headed by one of them is not a title.
   */
  static final Set<String> FRAMING_VERBS =
      Set.of(
          "want",
          "wants",
          "wanted",
          "need",
          "needs",
          "needed",
          "like",
          "likes",
          "liked",
          "love",
          "wish",
          "think",
          "thought",
          "know",
          "knew",
          "mean",
          "meant",
          "guess",
          "seem",
          "seems",
          "seemed",
          "feel",
          "felt",
          "say",
          "said",
          "says",
          "tell",
          "told",
          "go",
          "going",
          "went",
          "try",
          "tried",
          "trying",
          "hope",
          "let",
          "get",
          "got",
          "getting",
          "make",
          "made",
          "do",
          "did",
          "does",
          "doing",
          "be",
          "been",
          "being",
          "is",
          "are",
          "was",
          "were",
          "have",
          "has",
          "had",
          "having",
          "see",
          "saw",
          "seen",
          "look",
          "looks",
          "looked",
          "looking",
          "come",
          "came",
          "put",
          "take",
          "took",
          "use",
          "used",
          "using",
          "give",
          "gave",
          "find",
          "found",
          "remember",
          "understand",
          "suppose",
          "imagine",
          "expect",
          "prefer",
          "appreciate",
          "happen",
          "happened",
          "keep",
          "kept",
          "help",
          "click",
          "clicked",
          "read",
          "start",
          "started",
          "allow",
          "allows",
          "wonder",
          "wondering",
          "believe",
          "sound",
          "sounds",
          "kind",
          "sort");

  private PhraseGrammar() {}

  /** The tokens with the modal-then-noun tagging slip repaired. */
  public static List<Token> repaired(List<Token> tokens) {
    List<Token> out = new ArrayList<>(tokens);
    for (int i = 1; i + 1 < out.size(); i++) {
      Token before = out.get(i - 1);
      Token t = out.get(i);
      Token after = out.get(i + 1);
      boolean afterModal =
          MODALS.contains(before.lower()) || (before.is("PART") && before.lower().equals("to"));
      if (afterModal && t.is("NOUN") && after.is("DET", "PRON", "ADP")) {
        out.set(i, new Token(t.text(), "VERB", t.start(), t.end()));
      }
    }
    return out;
  }

  /** Every noun phrase, verb phrase and problem statement that starts somewhere in the tokens. */
  public static List<Phrase> phrases(List<Token> tokens) {
    List<Phrase> out = new ArrayList<>();
    for (int i = 0; i < tokens.size(); i++) {
      if (insideWord(tokens, i)) {
        continue;
      }
      int vp = verbPhrase(tokens, i);
      if (vp > i) {
        out.add(new Phrase(tokens, i, vp, Phrase.Shape.VERB_PHRASE));
      }
      int np = nounPhrase(tokens, i, true);
      if (np > i) {
        out.add(new Phrase(tokens, i, np, Phrase.Shape.NOUN_PHRASE));
        int problem = problem(tokens, i);
        if (problem > np) {
          out.add(new Phrase(tokens, i, problem, Phrase.Shape.PROBLEM_STATEMENT));
          int bare = nounPhrase(tokens, i, false) + 1;
          if (bare < problem && !cutOff(tokens.get(bare - 2), tokens.get(bare - 1))) {
            // the subject and its verb alone: "the invoice editor crashes (every time…)"
            out.add(new Phrase(tokens, i, bare, Phrase.Shape.PROBLEM_STATEMENT));
          }
        }
      }
    }
    return out;
  }

  /** The shape of a whole text, such as a title: the phrase that spans all its word tokens. */
  public static Phrase.Shape shapeOf(List<Token> tokens) {
    int n = tokens.size();
    while (n > 0 && !tokens.get(n - 1).isWord()) {
      n--;
    }
    if (n == 0) {
      return Phrase.Shape.OTHER;
    }
    List<Token> words = tokens.subList(0, n);
    if (nounPhrase(words, 0, true) == n) {
      return Phrase.Shape.NOUN_PHRASE;
    }
    if (verbPhrase(words, 0) == n) {
      return Phrase.Shape.VERB_PHRASE;
    }
    if (problem(words, 0) == n) {
      return Phrase.Shape.PROBLEM_STATEMENT;
    }
    return Phrase.Shape.OTHER;
  }

  /** End of the nominal starting at {@code i}, or -1. */
  static int nominal(List<Token> t, int i) {
    int lastHead = -1;
    int j = i;
    while (j < t.size()) {
      Token tok = t.get(j);
      if (tok.is("NOUN", "PROPN")) {
        lastHead = j;
      } else if (tok.is("ADJ", "NUM") || participle(tok)) {
        // a modifier; only counts if a head follows
      } else if (hyphenInsideWord(t, j)) {
        // sign-on, two-factor: the hyphen and the word after it belong to the same word
        j++;
        if (j < t.size() && t.get(j).isWord()) {
          lastHead = j;
        }
      } else {
        break;
      }
      j++;
    }
    return lastHead < 0 ? -1 : lastHead + 1;
  }

  static int nounPhrase(List<Token> t, int i, boolean withPrepositionalPhrase) {
    if (i >= t.size()) {
      return -1;
    }
    int k = i;
    if (t.get(k).is("DET") || POSSESSIVES.contains(t.get(k).lower())) {
      k++;
    }
    int end = nominal(t, k);
    if (end < 0) {
      return -1;
    }
    if (withPrepositionalPhrase
        && end < t.size()
        && PREPOSITIONS.contains(t.get(end).lower())
        && t.get(end).is("ADP", "PART")) {
      int pp = nounPhrase(t, end + 1, false);
      if (pp > 0) {
        end = pp;
      }
    }
    return end;
  }

  static int verbPhrase(List<Token> t, int i) {
    if (i >= t.size() || !t.get(i).is("VERB") || FRAMING_VERBS.contains(t.get(i).lower())) {
      return -1;
    }
    int k = i + 1;
    boolean particle = false;
    if (k < t.size() && PARTICLES.contains(t.get(k).lower()) && t.get(k).is("ADP", "ADV")) {
      int np = nounPhrase(t, k + 1, true);
      int direct = nounPhrase(t, k, true);
      if (np > 0 || direct < 0) {
        particle = true;
        k++;
      }
    }
    int object = nounPhrase(t, k, true);
    if (object < 0 && k < t.size() && PREPOSITIONS.contains(t.get(k).lower())) {
      object = nounPhrase(t, k + 1, true);
    }
    if (object > 0) {
      return object;
    }
    return particle && CLOSING_PARTICLES.contains(t.get(k - 1).lower()) ? k : -1;
  }

  static int problem(List<Token> t, int i) {
    int np = nounPhrase(t, i, false);
    if (np < 0 || np >= t.size() || !t.get(np).is("VERB")) {
      return -1;
    }
    int k = np + 1;
    int object = nounPhrase(t, k, true);
    if (object < 0 && k < t.size() && PREPOSITIONS.contains(t.get(k).lower())) {
      object = nounPhrase(t, k + 1, true);
    }
    if (object > 0) {
      return object;
    }
    if (!cutOff(t.get(np - 1), t.get(np))) {
      return k;
    }
    return k < t.size() && complement(t.get(k)) ? k + 1 : -1;
  }

  /**
   * Whether a clause ending on {@code verb}, right after {@code before}, is cut off. Three cases:
   *
   * <ul>
   *   <li>an -ing form (an inflected form in "-ing" by WordNet's morphology: not "bring") ends a
   *       clause unless it is a light or linking verb ({@link #LIGHT_AND_LINKING_VERBS}) dangling
   *       after something that is not a verb: "history going", "versus having" are cut off; "error
   *       downloading", "keep going" are not;
   *   <li>a past form or participle after a noun (inflected, not in "-s") is a reduced passive
   *       ("orders shipped", "invoices sent"), cut off only when it is a light or linking verb
   *       ("new UI made"); a past spelled like its base form ("set", "put", "cut") is read as a
   *       present ("reminders set" is cut off);
   *   <li>a present-tense verb after its subject (a noun right before it) agreeing with it — an
   *       "-s" form ("keeps", "requires"), or a base form after a plural noun ("dashboards take"; a
   *       noun WordNet does not know is plural by the regular "-s" when tagged a common noun:
   *       "admins need", not "Jenkins support") — is cut off when it is a light or linking verb or
   *       one WordNet's frames do not let stand without an object or complement ({@link
   *       WordNetLexicon#closesClause}: "tables forget", "app requires", not "export fails",
   *       "crashes happen"). A base form after a singular noun does not agree as a finite verb: it
   *       is the compound noun the tagger misread ("export limit", "language support").
   * </ul>
   */
  public static boolean cutOff(Token before, Token verb) {
    String v = verb.lower();
    String lemma = WordNetLexicon.verbLemma(v);
    boolean light = LIGHT_AND_LINKING_VERBS.contains(lemma);
    boolean inflected = WordNetLexicon.inflectedVerb(v);
    if (inflected && v.endsWith("ing")) {
      return light && !before.is("VERB");
    }
    if (!before.is("NOUN", "PROPN")) {
      return false;
    }
    if (inflected && !v.endsWith("s")) {
      return light;
    }
    boolean finite = inflected || plural(before);
    return finite && (light || !WordNetLexicon.closesClause(v));
  }

  private static boolean plural(Token noun) {
    String w = noun.lower();
    return switch (WordNetLexicon.nounNumber(w)) {
      case PLURAL -> true;
      case SINGULAR -> false;
      case UNKNOWN ->
          noun.is("NOUN")
              && w.length() > 2
              && w.endsWith("s")
              && !w.endsWith("ss")
              && !w.endsWith("us")
              && !w.endsWith("is");
    };
  }

  /**
   * A one-word complement that completes a verb that needs one: an -ing form of a verb that itself
   * ends a clause and is not a framing verb ("keeps crashing", "stops working", not "keeps
   * logging…", "keeps trying") or an adverb outside the closed classes ("takes forever", not "takes
   * too…").
   */
  private static boolean complement(Token tok) {
    String w = tok.lower();
    boolean gerund =
        tok.is("VERB")
            && w.endsWith("ing")
            && !FRAMING_VERBS.contains(w)
            && WordNetLexicon.closesClause(w);
    boolean adverb =
        tok.is("ADV")
            && !TitleRules.FUNCTION_WORDS.contains(w)
            && !TitleRules.FILLERS.contains(w)
            && !DEGREE_AND_FOCUS_ADVERBS.contains(w);
    return gerund || adverb;
  }

  private static boolean participle(Token tok) {
    String w = tok.lower();
    return tok.is("VERB") && (w.endsWith("ing") || w.endsWith("ed")) && w.length() > 4;
  }

  /** Whether token {@code i} continues the word before it ("-factor" in "two-factor"). */
  private static boolean insideWord(List<Token> t, int i) {
    return i > 0
        && t.get(i - 1).end() == t.get(i).start()
        && (t.get(i - 1).text().equals("-") || t.get(i).text().equals("-"));
  }

  private static boolean hyphenInsideWord(List<Token> t, int j) {
    return t.get(j).text().equals("-")
        && j > 0
        && j + 1 < t.size()
        && t.get(j - 1).end() == t.get(j).start()
        && t.get(j).end() == t.get(j + 1).start();
  }
}
