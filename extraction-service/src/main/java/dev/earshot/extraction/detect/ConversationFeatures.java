package dev.earshot.extraction.detect;

import java.util.ArrayList;
import java.util.List;

/**
 * The dense features the {@link ConversationModel} weighs for one candidate sentence: the exemplar
 * model's score (as log-odds), the best stage-one score of its neighbours in the same answer, the
 * written-genre {@link Cues} and spoken-genre {@link SpokenCues}, and its {@link TurnContext}. Few
 * (about forty) and generic on purpose: no word of any data set is a feature, so weights learned on
 * one kind of conversation carry to others.
 */
public final class ConversationFeatures {

  private ConversationFeatures() {}

  private static final List<String> NAMES = build();

  /** Feature names in vector order; the weights file names them the same way. */
  public static List<String> names() {
    return NAMES;
  }

  private static List<String> build() {
    List<String> names = new ArrayList<>();
    names.add("exemplar-score");
    names.add("neighbour-lexical-score");
    Cues.allCurrentCues().forEach(c -> names.add("cue:" + c.name()));
    SpokenCues.allCurrentCues().forEach(c -> names.add("spoken:" + c.name()));
    names.add("after-question");
    names.add("after-yes-no-question");
    names.add("after-opinion-prompt");
    names.add("after-rating-prompt");
    names.add("first-in-answer");
    names.add("log-index-in-answer");
    names.add("log-answer-length");
    names.add("unprompted");
    names.add("log-words");
    return List.copyOf(names);
  }

  /**
   * @param sentence the customer sentence
   * @param exemplarScore stage-two probability (words, cues and embedding), 0..1
   * @param lexicalScore stage-one probability (words and cues), 0..1; not a feature itself (learned
   *     on spoken sessions it came out negative and cancelled clear written feedback)
   * @param neighbourLexical highest stage-one probability of the sentences just before and after it
   *     in the same answer, 0 when it stands alone
   */
  public static double[] of(
      String sentence,
      double exemplarScore,
      double lexicalScore,
      double neighbourLexical,
      TurnContext context) {
    double[] x = new double[NAMES.size()];
    int i = 0;
    x[i++] = logOdds(exemplarScore);
    x[i++] = neighbourLexical;
    for (Cue c : Cues.allCurrentCues()) {
      x[i++] = c.matches(sentence) ? 1 : 0;
    }
    for (Cue c : SpokenCues.allCurrentCues()) {
      x[i++] = c.matches(sentence) ? 1 : 0;
    }
    x[i++] = context.afterQuestion() ? 1 : 0;
    x[i++] = context.afterYesNoQuestion() ? 1 : 0;
    x[i++] = context.afterOpinionPrompt() ? 1 : 0;
    x[i++] = context.afterRatingPrompt() ? 1 : 0;
    x[i++] = context.indexInAnswer() == 0 ? 1 : 0;
    x[i++] = Math.log1p(context.indexInAnswer()) / 3;
    x[i++] = Math.log1p(context.answerLength()) / 3;
    x[i++] = context.unprompted() ? 1 : 0;
    x[i++] = Math.log1p(SentenceFeatures.tokens(sentence).size()) / 3;
    return x;
  }

  /** Log-odds scaled to about -2..2, clipped so a saturated probability stays finite. */
  static double logOdds(double p) {
    double q = Math.min(Math.max(p, 1e-4), 1 - 1e-4);
    return Math.log(q / (1 - q)) / 4;
  }
}
