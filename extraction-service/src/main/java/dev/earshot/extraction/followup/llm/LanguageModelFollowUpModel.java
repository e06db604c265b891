package dev.earshot.extraction.followup.llm;

import dev.earshot.extraction.call.NormalisedCall;
import dev.earshot.extraction.followup.CallSummary;
import dev.earshot.extraction.followup.CommitmentCues;
import dev.earshot.extraction.followup.FollowUpModel;
import dev.earshot.extraction.model.FeedbackModel;
import dev.earshot.extraction.model.llm.InvalidModelOutput;
import dev.earshot.text.EnglishText;
import java.time.Duration;
import tools.jackson.databind.JsonNode;

/**
 * What every language-model drafter does: build the call's digest, ask once, validate the answer
 * and its citations, and ask once more if it was invalid; a second invalid answer is an {@link
 * InvalidModelOutput} (permanent: the call's follow-up is dead-lettered, feedback is unaffected).
 */
abstract class LanguageModelFollowUpModel implements FollowUpModel {

  /** A provider's answer: the structured output and the tokens it billed. */
  record Answer(JsonNode output, long inputTokens, long outputTokens) {}

  /** Requests per call at most: the first, and one more after an invalid answer. */
  static final int ASKS = 2;

  private final int maxSentTokens;
  private final CommitmentCues cues = new CommitmentCues(EnglishText.shared());

  LanguageModelFollowUpModel(int maxSentTokens) {
    this.maxSentTokens = maxSentTokens;
  }

  /** One request to the provider. */
  abstract Answer ask(String digest);

  /** The longest one {@link #ask} can take, its retries included. */
  abstract Duration longestAsk();

  @Override
  public Duration longestCall() {
    return longestAsk().multipliedBy(ASKS);
  }

  @Override
  public Drafted draft(NormalisedCall call, CallSummary summary) {
    FollowUpDigest digest = FollowUpDigest.of(call, summary, cues.find(call), maxSentTokens);
    long input = 0;
    long output = 0;
    InvalidModelOutput invalid = null;
    for (int attempt = 0; attempt < ASKS; attempt++) {
      try {
        Answer answer = ask(digest.text());
        input += answer.inputTokens();
        output += answer.outputTokens();
        return new Drafted(
            FollowUpAnswers.parse(answer.output(), digest),
            new FeedbackModel.Usage(digest.transcriptTokens(), digest.sentTokens(), input, output));
      } catch (InvalidModelOutput e) {
        invalid = e;
      }
    }
    throw invalid;
  }
}
