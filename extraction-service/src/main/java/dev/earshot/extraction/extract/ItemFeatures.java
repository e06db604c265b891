package dev.earshot.extraction.extract;

import dev.earshot.extraction.call.Utterance;
import dev.earshot.extraction.detect.Cue;
import dev.earshot.extraction.detect.Cues;
import dev.earshot.extraction.detect.SpokenCues;
import dev.earshot.extraction.detect.TurnContext;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The dense features the {@link ItemModel} weighs for one candidate item (a {@link
 * ItemGrouping.Group} of feedback sentences): how strong and how many its sentences are, how much
 * of the customer's answers they make up, what the other side asked, and the share of its sentences
 * that show each written and spoken cue — read over the whole answer, where a single sentence says
 * too little (a story, page text read aloud, agreement with a leading question) — and how it stands
 * among the call's other candidates ({@link #CALL_RELATIVE}). Generic on purpose, like {@code
 * ConversationFeatures}: no word or sentence of any data set is a feature.
 *
 * <p>Vector order is {@link #names()}; every value is about 0..1 (counts are log-scaled), except
 * the two "below" features of {@link #CALL_RELATIVE}, which lie in about [-5, 0].
 */
public final class ItemFeatures {

  private ItemFeatures() {}

  /**
   * The features that read an item against the call's other candidate items (the last ones of the
   * vector): how far its strongest sentence is below the call's strongest candidate (log-odds
   * difference, ≤ 0), its rank among the call's candidates by strongest sentence (0 the first, 1
   * the last), how many candidates the call has (log-scaled), and how far its weight (sum of its
   * sentences' probabilities, log1p) is below the call's heaviest candidate's (≤ 0).
   */
  static final List<String> CALL_RELATIVE =
      List.of("call:below-best", "call:rank", "call:log-items", "call:below-heaviest");

  private static final List<String> NAMES = build();

  /** Words of at least this many letters are content words for the echo features. */
  static final int CONTENT_WORD_LETTERS = 4;

  /** How many of the other side's sentences before an answer are read for echoes. */
  static final int ECHO_SENTENCES = 3;

  private static final Pattern FIRST_PERSON =
      Pattern.compile(
          "\\b(i|i'm|i've|i'd|i'll|me|my|we|we're|our|us)\\b", Pattern.CASE_INSENSITIVE);

  private static final Pattern PAST_VERB =
      Pattern.compile(
          "\\b(was|were|had|did|went|got|said|told|took|came|gave|made|called|asked|tried|\\w{3,}ed)\\b",
          Pattern.CASE_INSENSITIVE);

  private static final Pattern TIME_MARKER =
      Pattern.compile(
          "\\b(when|then|after|before|ago|once|yesterday|last (year|month|week|time)|one time"
              + "|that (time|day)|at first|finally|eventually|the other day)\\b",
          Pattern.CASE_INSENSITIVE);

  /** Feature names in vector order; the weights file names them the same way. */
  public static List<String> names() {
    return NAMES;
  }

  private static List<String> build() {
    List<String> names = new ArrayList<>();
    names.add("strongest-score");
    names.add("mean-score");
    names.add("log-sentences");
    names.add("log-weight");
    names.add("log-answers");
    names.add("share-of-answers");
    names.add("log-answer-words");
    names.add("after-question");
    names.add("after-yes-no-question");
    names.add("after-opinion-prompt");
    names.add("after-rating-prompt");
    names.add("position-in-call");
    names.add("echoes-the-other-side");
    names.add("title-case");
    names.add("first-person");
    names.add("narrates-a-past-event");
    Cues.allCurrentCues().forEach(c -> names.add("share:cue:" + c.name()));
    SpokenCues.allCurrentCues().forEach(c -> names.add("share:spoken:" + c.name()));
    names.addAll(CALL_RELATIVE);
    return List.copyOf(names);
  }

  /** A call read once, so that each of its items' features is cheap. */
  public static CallView of(List<Utterance> call) {
    return new CallView(call);
  }

  /** A call's answers, prompts and words, indexed by {@link Utterance#index()}. */
  public static final class CallView {
    private final List<Utterance> call;
    private final TurnContext[] contexts;
    private final int[] answerStart;
    private final int[] answerEnd;

    CallView(List<Utterance> call) {
      this.call = call;
      int n = call.size();
      contexts = new TurnContext[n];
      answerStart = new int[n];
      answerEnd = new int[n];
      List<TurnContext> customer = TurnContext.ofCustomers(call);
      int c = 0;
      for (int i = 0; i < n; i++) {
        if (call.get(i).speaker().isCustomer()) {
          contexts[i] = customer.get(c++);
          answerStart[i] = i > 0 && call.get(i - 1).speaker().isCustomer() ? answerStart[i - 1] : i;
        }
      }
      for (int i = n - 1; i >= 0; i--) {
        if (call.get(i).speaker().isCustomer()) {
          answerEnd[i] = i + 1 < n && call.get(i + 1).speaker().isCustomer() ? answerEnd[i + 1] : i;
        }
      }
    }

    /**
     * The features of each candidate item of this call, in {@link #names()} order and in the order
     * of {@code groups}; the call-relative ones ({@link #CALL_RELATIVE}) read all of {@code
     * groups}, so pass every candidate of the call, not a filtered list.
     */
    public List<double[]> features(List<ItemGrouping.Group> groups) {
      int m = groups.size();
      double best = Double.NEGATIVE_INFINITY;
      double heaviest = 0;
      for (ItemGrouping.Group g : groups) {
        heaviest = Math.max(heaviest, Math.log1p(g.weight()));
      }
      double[] strongest = new double[m];
      for (int k = 0; k < m; k++) {
        strongest[k] = logOdds(groups.get(k).strongest());
        best = Math.max(best, strongest[k]);
      }
      int at = NAMES.size() - CALL_RELATIVE.size();
      List<double[]> out = new ArrayList<>(m);
      for (int k = 0; k < m; k++) {
        double[] x = own(groups.get(k));
        int above = 0;
        for (int j = 0; j < m; j++) {
          if (strongest[j] > strongest[k]) {
            above++;
          }
        }
        x[at] = strongest[k] - best;
        x[at + 1] = m <= 1 ? 0 : (double) above / (m - 1);
        x[at + 2] = Math.log1p(m) / 2;
        x[at + 3] = Math.log1p(groups.get(k).weight()) - heaviest;
        out.add(x);
      }
      return out;
    }

    /** The features of {@code group} as if it were the call's only candidate (tests). */
    double[] features(ItemGrouping.Group group) {
      return features(List.of(group)).getFirst();
    }

    private double[] own(ItemGrouping.Group group) {
      List<ItemGrouping.FeedbackSentence> sentences = group.sentences();
      int n = sentences.size();
      double[] x = new double[NAMES.size()];
      int i = 0;
      double strongest = group.strongest();
      x[i++] = logOdds(strongest);
      x[i++] = group.weight() / n;
      x[i++] = Math.log1p(n) / 2;
      x[i++] = Math.log1p(group.weight()) / 2;
      Set<Integer> answers = new HashSet<>();
      int answerSentences = 0;
      int answerWords = 0;
      for (ItemGrouping.FeedbackSentence m : sentences) {
        int at = m.utterance().index();
        if (answers.add(answerStart[at])) {
          for (int j = answerStart[at]; j <= answerEnd[at]; j++) {
            answerSentences++;
            answerWords += words(call.get(j).text()).size();
          }
        }
      }
      x[i++] = Math.log1p(answers.size()) / 2;
      x[i++] = answerSentences == 0 ? 0 : Math.min(1, (double) n / answerSentences);
      x[i++] = Math.log1p(answerWords) / 6;
      TurnContext first = contexts[sentences.getFirst().utterance().index()];
      x[i++] = first != null && first.afterQuestion() ? 1 : 0;
      x[i++] = first != null && first.afterYesNoQuestion() ? 1 : 0;
      x[i++] = first != null && first.afterOpinionPrompt() ? 1 : 0;
      x[i++] = first != null && first.afterRatingPrompt() ? 1 : 0;
      x[i++] = call.isEmpty() ? 0 : (double) sentences.getFirst().utterance().index() / call.size();
      double echo = 0;
      double titleCase = 0;
      double firstPerson = 0;
      double story = 0;
      for (ItemGrouping.FeedbackSentence m : sentences) {
        String text = m.utterance().text();
        echo += echoes(m.utterance());
        titleCase += titleCase(text);
        firstPerson += FIRST_PERSON.matcher(text).find() ? 1 : 0;
        story += narratesAPastEvent(text) ? 1 : 0;
      }
      x[i++] = echo / n;
      x[i++] = titleCase / n;
      x[i++] = firstPerson / n;
      x[i++] = story / n;
      for (Cue c : Cues.allCurrentCues()) {
        x[i++] = share(sentences, c);
      }
      for (Cue c : SpokenCues.allCurrentCues()) {
        x[i++] = share(sentences, c);
      }
      return x;
    }

    /**
     * Share (0..1) of a sentence's content words that the other side said in its last {@link
     * #ECHO_SENTENCES} sentences before this answer: page text read aloud after the moderator read
     * it, or a leading question's words said back.
     */
    double echoes(Utterance u) {
      Set<String> own = content(u.text());
      if (own.isEmpty()) {
        return 0;
      }
      Set<String> other = new HashSet<>();
      int taken = 0;
      for (int j = answerStart[u.index()] - 1; j >= 0 && taken < ECHO_SENTENCES; j--) {
        if (!call.get(j).speaker().isCustomer()) {
          other.addAll(content(call.get(j).text()));
          taken++;
        } else if (taken > 0) {
          break;
        }
      }
      long shared = own.stream().filter(other::contains).count();
      return (double) shared / own.size();
    }
  }

  private static double share(List<ItemGrouping.FeedbackSentence> sentences, Cue cue) {
    long hits = sentences.stream().filter(m -> cue.matches(m.utterance().text())).count();
    return (double) hits / sentences.size();
  }

  /**
   * Share (0..1) of a sentence's words after the first that start with a capital letter, "I" and
   * its contractions aside: page titles and headings read aloud ("Contact Us Online Through…").
   */
  static double titleCase(String sentence) {
    String[] raw = sentence.strip().split("\\s+");
    int counted = 0;
    int capitals = 0;
    for (int k = 1; k < raw.length; k++) {
      String w = raw[k].replaceAll("^[^A-Za-z]+", "");
      if (w.isEmpty()) {
        continue;
      }
      counted++;
      if (Character.isUpperCase(w.charAt(0)) && !w.matches("I('\\w+)?\\W*")) {
        capitals++;
      }
    }
    return counted == 0 ? 0 : (double) capitals / counted;
  }

  /**
   * A sentence that tells what happened: first person, a past-tense verb and a time marker ("when I
   * called them they said…").
   */
  static boolean narratesAPastEvent(String sentence) {
    return FIRST_PERSON.matcher(sentence).find()
        && PAST_VERB.matcher(sentence).find()
        && TIME_MARKER.matcher(sentence).find();
  }

  static List<String> words(String sentence) {
    List<String> words = new ArrayList<>();
    for (String raw : sentence.toLowerCase(Locale.ROOT).split("[^a-z0-9']+")) {
      if (!raw.isEmpty()) {
        words.add(raw);
      }
    }
    return words;
  }

  /**
   * Function words and fillers of at least four letters (closed classes of English speech), left
   * out of the echo features so that only content words count.
   */
  static final Set<String> FUNCTION_WORDS =
      Set.of(
          ("that this with have they what there their then them just like yeah okay know "
                  + "think would could should about from were been will your when where which going "
                  + "really some because here more also very well right kind sort into than those "
                  + "these only other thing things does doesn't don't it's that's you're there's i've "
                  + "we're they're what's didn't can't want gonna said something anything maybe mean "
                  + "sure actually probably pretty much even over being doing make each every while "
                  + "through again still alright")
              .split(" "));

  /**
   * Distinct lower-case words of at least {@link #CONTENT_WORD_LETTERS} letters that are not {@link
   * #FUNCTION_WORDS}.
   */
  static Set<String> content(String sentence) {
    Set<String> out = new HashSet<>();
    for (String w : words(sentence)) {
      if (w.length() >= CONTENT_WORD_LETTERS && !FUNCTION_WORDS.contains(w)) {
        out.add(w);
      }
    }
    return out;
  }

  static double logOdds(double p) {
    double q = Math.min(Math.max(p, 1e-4), 1 - 1e-4);
    return Math.log(q / (1 - q)) / 4;
  }
}
