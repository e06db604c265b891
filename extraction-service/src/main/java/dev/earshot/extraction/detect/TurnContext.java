package dev.earshot.extraction.detect;

import dev.earshot.extraction.call.Utterance;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Where a customer sentence sits in the conversation: what the other side said just before the
 * customer started talking (a question? a yes/no question? a request for opinions or a rating?),
 * and where the sentence falls in the customer's answer. A customer's answer is the run of their
 * sentences between two sentences of anyone else, across turn boundaries (Gong splits one speaker
 * after a pause).
 *
 * @param afterQuestion the last sentence of the other side before this answer ends with "?"
 * @param afterYesNoQuestion that question opens with an auxiliary verb ("do you…", "is it…", "would
 *     you…"): a closed question, whose answers are often bare agreement
 * @param afterOpinionPrompt the other side's last sentences ask for problems, opinions or changes
 *     ("anything confusing?", "what would you change?", "what do you think?")
 * @param afterRatingPrompt the other side's last sentences ask for a rating on a scale
 * @param indexInAnswer position of the sentence in the customer's answer, from 0
 * @param answerLength sentences in the customer's answer
 * @param unprompted no one else spoke before the answer (a written review, a monologue)
 */
public record TurnContext(
    boolean afterQuestion,
    boolean afterYesNoQuestion,
    boolean afterOpinionPrompt,
    boolean afterRatingPrompt,
    int indexInAnswer,
    int answerLength,
    boolean unprompted) {

  /** How many of the other side's last sentences are read for prompts. */
  static final int PROMPT_SENTENCES = 3;

  private static final Pattern YES_NO =
      Pattern.compile(
          "^(?:(?:and|so|okay|ok|alright|all right|now|well|um|uh|great|perfect|got it)[,.]?\\s+)*"
              + "(?:do|does|did|is|are|was|were|would|could|can|will|have|has|had|should)\\b.*",
          Pattern.CASE_INSENSITIVE);

  private static final Pattern OPINION_PROMPT =
      Pattern.compile(
          "\\b(confus\\w*|unclear|difficult|hard|easy|frustrat\\w*|improve\\w*|change|missing|expect\\w*"
              + "|think|thoughts?|feel|opinion|impressions?|react\\w*|stand(s)? out|like to see|wish"
              + "|pain points?|challeng\\w*|problems?|issues?|anything else|what would you)\\b",
          Pattern.CASE_INSENSITIVE);

  private static final Pattern RATING_PROMPT =
      Pattern.compile(
          "\\b(scale|rate|rating|one to (five|ten)|1 to (5|10)|out of (five|ten|5|10))\\b",
          Pattern.CASE_INSENSITIVE);

  /** The context of a text that no one prompted: a review, or a sentence out of any call. */
  public static TurnContext alone(int index, int length) {
    return new TurnContext(false, false, false, false, index, length, true);
  }

  /**
   * The context of every customer utterance of a call, in the order of {@code
   * utterances.stream().filter(customer)}.
   *
   * @param utterances the whole call in order, every speaker
   */
  public static List<TurnContext> ofCustomers(List<Utterance> utterances) {
    List<TurnContext> contexts = new ArrayList<>();
    int i = 0;
    while (i < utterances.size()) {
      if (!utterances.get(i).speaker().isCustomer()) {
        i++;
        continue;
      }
      int start = i;
      while (i < utterances.size() && utterances.get(i).speaker().isCustomer()) {
        i++;
      }
      List<String> prompt = new ArrayList<>();
      for (int j = start - 1;
          j >= 0 && prompt.size() < PROMPT_SENTENCES && !utterances.get(j).speaker().isCustomer();
          j--) {
        prompt.addFirst(utterances.get(j).text());
      }
      String last = prompt.isEmpty() ? "" : prompt.getLast().strip();
      String asked = String.join(" ", prompt);
      boolean question = last.endsWith("?");
      for (int k = start; k < i; k++) {
        contexts.add(
            new TurnContext(
                question,
                question && YES_NO.matcher(last).matches(),
                OPINION_PROMPT.matcher(asked).find(),
                RATING_PROMPT.matcher(asked).find(),
                k - start,
                i - start,
                prompt.isEmpty()));
      }
    }
    return contexts;
  }
}
