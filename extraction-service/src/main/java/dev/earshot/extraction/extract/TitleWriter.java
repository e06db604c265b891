package dev.earshot.extraction.extract;

import dev.earshot.extraction.detect.Kind;
import dev.earshot.text.EnglishText;
import dev.earshot.text.Phrase;
import dev.earshot.text.PhraseGrammar;
import dev.earshot.text.TitleRules;
import dev.earshot.text.Token;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A title for an item, without a language model: the best noun or verb phrase of the customer's
 * sentences, found by {@link PhraseGrammar} over OpenNLP's part-of-speech tags, that keeps every
 * {@link TitleRules} rule.
 *
 * <p>Candidates, best first ({@link #score}): a verb phrase that follows a request cue ("…if we
 * could <em>edit a batch of invoices</em>", "a way to <em>export the audit log</em>"), an adjective
 * said of a noun phrase turned round ("the upload page is confusing" → "Confusing upload page"),
 * any other verb phrase, a noun phrase (its determiner dropped), a short problem statement
 * ("Invoice editor crashes"); phrases headed by a generic noun ("thing", "way", "time") rank low.
 * Sentences are tried strongest first; when none yields a phrase, the topic of the question the
 * customer answered is used ("Difficulty with the claim status page"), and last a title naming the
 * kind of feedback.
 */
final class TitleWriter {

  static final int MAX_WORDS = 8;

  /** Words after which a verb phrase is the thing asked for. */
  private static final Set<String> REQUEST_CUES =
      Set.of(
          "could", "can", "would", "to", "please", "should", "'d", "able", "want", "need", "wish",
          "like", "love");

  /** "It would save…", "that could help…": the verb judges, it does not ask. */
  private static final Set<String> EVALUATIVE_SUBJECTS = Set.of("it", "that", "this", "which");

  /** Heads that name no topic of their own. */
  private static final Set<String> GENERIC_HEADS =
      Set.of(
          "thing",
          "things",
          "way",
          "ways",
          "lot",
          "lots",
          "time",
          "times",
          "stuff",
          "bit",
          "kind",
          "sort",
          "part",
          "something",
          "anything",
          "everything",
          "nothing",
          "one",
          "ones",
          "people",
          "person",
          "guy",
          "guys",
          "question",
          "questions",
          "point",
          "idea",
          "today",
          "yesterday",
          "day",
          "days",
          "minute",
          "minutes",
          "second",
          "seconds",
          "year",
          "years",
          "week",
          "weeks",
          "moment",
          "yeah",
          "okay",
          "um",
          "uh",
          "sense",
          "reason",
          "fact",
          "case",
          "example",
          "number",
          "end",
          "side",
          "place",
          "type",
          "blocker",
          "issue",
          "issues",
          "problem",
          "problems",
          "gap",
          "concern",
          "hours",
          "hour",
          "month",
          "months");

  private static final Set<String> COPULAS =
      Set.of(
          "is", "was", "are", "were", "'s", "'re", "seems", "seemed", "looks", "looked", "feels",
          "felt", "gets", "got", "be", "being", "been");

  private TitleWriter() {}

  /** A title from one sentence (the item's strongest), with no question and no kind. */
  static String title(String sentence) {
    return title(List.of(sentence), null, Kind.NONE);
  }

  /**
   * A title that keeps every {@link TitleRules} rule.
   *
   * @param sentences the item's sentences, strongest first
   * @param question the question the customer answered, or null
   * @param kind the item's kind, for the last-resort title
   */
  static String title(List<String> sentences, String question, Kind kind) {
    for (String sentence : sentences) {
      Optional<String> best = best(sentence);
      if (best.isPresent()) {
        return best.get();
      }
    }
    if (question != null) {
      Optional<String> topic = topic(question, kind);
      if (topic.isPresent()) {
        return topic.get();
      }
    }
    return switch (kind) {
      case BUG -> "Reported product fault";
      case UX -> "Usability difficulty";
      case FEATURE_REQUEST -> "Requested capability";
      case LIMITATION -> "Product limitation";
      case NONE -> "Customer feedback";
    };
  }

  private record Candidate(String title, double score) {}

  private static Optional<String> best(String sentence) {
    List<Token> tokens = PhraseGrammar.repaired(EnglishText.shared().tag(sentence));
    List<Candidate> candidates = new ArrayList<>();
    for (Phrase phrase : PhraseGrammar.phrases(tokens)) {
      if (!namesATopic(phrase)) {
        continue;
      }
      text(sentence, phrase)
          .ifPresent(t -> candidates.add(new Candidate(capitalise(t), score(phrase, tokens))));
    }
    candidates.addAll(predicateAdjectives(sentence, tokens));
    return candidates.stream()
        .sorted(Comparator.comparingDouble(Candidate::score).reversed())
        .map(Candidate::title)
        .filter(t -> TitleRules.broken(t).isEmpty())
        .findFirst();
  }

  /**
   * Higher is better: the phrase's kind and place (a requested action first), its content words,
   * and a penalty for a generic head or a long phrase.
   */
  static double score(Phrase phrase, List<Token> tokens) {
    double score =
        switch (phrase.shape()) {
          case VERB_PHRASE -> 2.0;
          case NOUN_PHRASE -> 1.0;
          case PROBLEM_STATEMENT -> 1.5;
          case OTHER -> 0.0;
        };
    if (phrase.shape() == Phrase.Shape.VERB_PHRASE && phrase.start() > 0) {
      Token before = tokens.get(phrase.start() - 1);
      boolean evaluative =
          phrase.start() > 1
              && EVALUATIVE_SUBJECTS.contains(tokens.get(phrase.start() - 2).lower());
      if (REQUEST_CUES.contains(before.lower()) && !evaluative) {
        score += 2.0;
      } else if (before.is("PRON")
          && phrase.start() > 1
          && REQUEST_CUES.contains(tokens.get(phrase.start() - 2).lower())) {
        // "can you add…", "could we get…": a request in question form
        score += 2.0;
      } else if (before.is("PRON")) {
        // "…every time we upload an attachment": narrated, not asked for
        score -= 2.0;
      }
    }
    long content = phrase.words().stream().filter(t -> t.is("NOUN", "PROPN", "VERB")).count();
    score += 0.5 * Math.min(content, 4);
    if (phrase.words().stream()
        .filter(t -> t.is("NOUN", "PROPN"))
        .anyMatch(t -> GENERIC_HEADS.contains(t.lower()))) {
      score -= 3.0;
    }
    score -= 0.3 * Math.max(0, phrase.size() - 6);
    score -= 0.02 * phrase.start();
    return score;
  }

  /**
   * A verb phrase names an action; a noun phrase or problem needs a noun that is not generic ("two
   * separate things", "every single time", "2 months" name nothing a board could hold).
   */
  private static boolean namesATopic(Phrase phrase) {
    return phrase.shape() == Phrase.Shape.VERB_PHRASE
        || phrase.words().stream()
            .anyMatch(t -> t.is("NOUN", "PROPN") && !GENERIC_HEADS.contains(t.lower()));
  }

  /** The phrase's words: leading determiner dropped, prepositional phrase dropped if long. */
  private static Optional<String> text(String sentence, Phrase phrase) {
    List<Token> words = new ArrayList<>(phrase.words());
    if (phrase.shape() != Phrase.Shape.VERB_PHRASE) {
      while (!words.isEmpty()
          && (words.getFirst().is("DET")
              || words.getFirst().lower().matches("my|our|your|their"))) {
        words.removeFirst();
      }
    }
    if (words.isEmpty()) {
      return Optional.empty();
    }
    String text = span(sentence, words);
    if (wordCount(text) > MAX_WORDS) {
      int cut = -1;
      for (int i = 1; i < words.size(); i++) {
        if (words.get(i).is("ADP") && wordCount(span(sentence, words.subList(0, i))) >= 2) {
          cut = i;
          break;
        }
      }
      if (cut < 0) {
        return Optional.empty();
      }
      text = span(sentence, words.subList(0, cut));
    }
    return Optional.of(text);
  }

  /** "The upload page is (really) confusing" gives "Confusing upload page". */
  private static List<Candidate> predicateAdjectives(String sentence, List<Token> tokens) {
    List<Candidate> out = new ArrayList<>();
    for (Phrase phrase : PhraseGrammar.phrases(tokens)) {
      if (phrase.shape() != Phrase.Shape.NOUN_PHRASE || phrase.end() >= tokens.size()) {
        continue;
      }
      int k = phrase.end();
      if (!COPULAS.contains(tokens.get(k).lower())) {
        continue;
      }
      k++;
      while (k < tokens.size() && tokens.get(k).is("ADV")) {
        k++;
      }
      if (k >= tokens.size()) {
        continue;
      }
      Token adjective = tokens.get(k);
      boolean predicate =
          adjective.is("ADJ") || (adjective.is("VERB") && adjective.lower().matches(".+(ing|ed)$"));
      // "…is able to see", "…is hard to find": the adjective governs the clause after "to", so
      // it says nothing of the noun alone ("Able VA", "Hard form")
      boolean ends =
          k + 1 >= tokens.size()
              || !(tokens.get(k + 1).is("NOUN", "PROPN", "ADP")
                  || tokens.get(k + 1).lower().equals("to"));
      if (predicate && ends) {
        List<Token> nominal = new ArrayList<>(phrase.words());
        while (!nominal.isEmpty()
            && (nominal.getFirst().is("DET")
                || nominal.getFirst().lower().matches("my|our|your|their"))) {
          nominal.removeFirst();
        }
        if (!nominal.isEmpty()) {
          String title =
              capitalise(adjective.lower())
                  + " "
                  + lowerFirst(span(sentence, nominal), nominal.getFirst());
          out.add(new Candidate(title, score(phrase, tokens) + 1.5));
        }
      }
    }
    return out;
  }

  /** A title from the question's best noun phrase and the item's kind. */
  private static Optional<String> topic(String question, Kind kind) {
    List<Token> tokens = PhraseGrammar.repaired(EnglishText.shared().tag(question));
    Optional<String> np =
        PhraseGrammar.phrases(tokens).stream()
            .filter(p -> p.shape() == Phrase.Shape.NOUN_PHRASE)
            .sorted(Comparator.comparingDouble((Phrase p) -> score(p, tokens)).reversed())
            .map(p -> text(question, p))
            .flatMap(Optional::stream)
            .filter(t -> TitleRules.broken(capitalise(t)).isEmpty())
            .findFirst();
    if (np.isEmpty()) {
      return Optional.empty();
    }
    String subject = np.get();
    String lead =
        switch (kind) {
          case BUG -> "Problem with the ";
          case UX -> "Difficulty with the ";
          case FEATURE_REQUEST -> "Request about the ";
          case LIMITATION -> "Limitation of the ";
          case NONE -> "Feedback on the ";
        };
    String title = lead + subject;
    return TitleRules.broken(title).isEmpty() ? Optional.of(title) : Optional.empty();
  }

  private static String span(String text, List<Token> tokens) {
    return text.substring(tokens.getFirst().start(), tokens.getLast().end());
  }

  private static int wordCount(String text) {
    return text.strip().split("\\s+").length;
  }

  private static String lowerFirst(String text, Token first) {
    return first.is("PROPN") || text.length() < 2 || Character.isUpperCase(text.charAt(1))
        ? text
        : text.substring(0, 1).toLowerCase(Locale.ROOT) + text.substring(1);
  }

  private static String capitalise(String text) {
    return text.isEmpty()
        ? text
        : text.substring(0, 1).toUpperCase(Locale.ROOT) + text.substring(1);
  }
}
