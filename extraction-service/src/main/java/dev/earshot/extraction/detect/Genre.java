package dev.earshot.extraction.detect;

import dev.earshot.extraction.call.Utterance;
import java.util.List;

/**
 * What kind of text the detector reads, which decides the {@link ConversationModel.OperatingPoint}
 * it uses: written texts (a review, a ticket, a survey answer: one customer speaking alone) state a
 * request in one clear sentence, while in a conversation feedback is spread over an answer among
 * stories, agreement and narration. Both are scored by the same weights; only the thresholds
 * differ, each chosen on data of its genre ({@code ./earshot bench train-detector}).
 */
public enum Genre {
  /** A transcript with at least one sentence from someone other than the customer. */
  CONVERSATION,
  /** Only the customer speaks: a written text entered through {@code detect}, or a monologue. */
  WRITTEN;

  /**
   * @param utterances every sentence of the call, in order (any speaker)
   * @return {@link #WRITTEN} when no sentence is by a non-customer, else {@link #CONVERSATION}
   */
  public static Genre of(List<Utterance> utterances) {
    return utterances.stream().anyMatch(u -> !u.speaker().isCustomer()) ? CONVERSATION : WRITTEN;
  }
}
