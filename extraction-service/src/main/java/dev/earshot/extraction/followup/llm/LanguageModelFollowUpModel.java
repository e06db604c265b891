package dev.earshot.extraction.followup.llm;

import dev.earshot.extraction.call.NormalisedCall;
import dev.earshot.extraction.followup.CallSummary;
import dev.earshot.extraction.followup.CommitmentCues;
import dev.earshot.extraction.followup.FollowUpModel;
import dev.earshot.extraction.model.FeedbackModel;
import dev.earshot.extraction.model.llm.InvalidModelOutput;
import dev.earshot.provider.LanguageModelChat;
import dev.earshot.provider.LlmSettings;
import dev.earshot.text.EnglishText;
import java.net.http.HttpClient;
import java.time.Duration;

/**
 * Follow-ups written by a language model, in either dialect of {@link LanguageModelChat} (the
 * transport feedback extraction and dedup's judge use too): an OpenAI-compatible chat-completions
 * endpoint with the strict JSON Schema named {@code follow_up}, or Anthropic's Messages API with
 * the schema as the input of the forced tool {@code record_follow_up}. It builds the call's digest,
 * asks once, validates the answer and its citations, and asks once more if it was invalid; a second
 * invalid answer is an {@link InvalidModelOutput} (permanent: the call's follow-up is
 * dead-lettered, feedback is unaffected). A draft that fails after an answer was billed (two
 * invalid answers, an outage or refusal on the re-ask) carries the tokens billed as a suppressed
 * {@link FeedbackModel.BilledBeforeFailure}, for the listener to meter.
 */
public final class LanguageModelFollowUpModel implements FollowUpModel {

  /** How the answer is named to the provider. */
  static final LanguageModelChat.AnswerName ANSWER =
      new LanguageModelChat.AnswerName(
          "follow_up",
          "record_follow_up",
          "Record the follow-up email draft and the action items agreed on the call.");

  /** Requests per call at most: the first, and one more after an invalid answer. */
  static final int ASKS = 2;

  private final LanguageModelChat chat;
  private final int maxSentTokens;
  private final CommitmentCues cues = new CommitmentCues(EnglishText.shared());

  /**
   * @param chat the provider, its dialect and settings (earshot.extraction.openai|anthropic)
   * @param maxSentTokens most tokens of the call sent per request
   */
  public LanguageModelFollowUpModel(LanguageModelChat chat, int maxSentTokens) {
    this.chat = chat;
    this.maxSentTokens = maxSentTokens;
  }

  /**
   * A drafter over {@code settings} in {@code dialect}.
   *
   * @param maxSentTokens most tokens of the call sent per request
   */
  public static LanguageModelFollowUpModel of(
      LanguageModelChat.Dialect dialect, LlmSettings settings, int maxSentTokens, HttpClient http) {
    return new LanguageModelFollowUpModel(
        new LanguageModelChat(dialect, settings, http, ANSWER), maxSentTokens);
  }

  @Override
  public DrafterInfo info() {
    return new DrafterInfo(chat.provider(), chat.model(), FollowUpInstructions.VERSION, false);
  }

  @Override
  public Duration longestCall() {
    return chat.longestCall().multipliedBy(ASKS);
  }

  @Override
  public Drafted draft(NormalisedCall call, CallSummary summary) {
    FollowUpDigest digest = FollowUpDigest.of(call, summary, cues.find(call), maxSentTokens);
    long input = 0;
    long output = 0;
    InvalidModelOutput invalid = null;
    try {
      for (int attempt = 0; attempt < ASKS; attempt++) {
        LanguageModelChat.Reply reply =
            chat.ask(FollowUpInstructions.SYSTEM, digest.text(), FollowUpInstructions.schema());
        // every answer's tokens are billed, a usable one or not
        input += reply.inputTokens();
        output += reply.outputTokens();
        try {
          if (reply.output() == null) {
            throw new InvalidModelOutput(reply.problem());
          }
          return new Drafted(
              FollowUpAnswers.parse(reply.output(), digest),
              new FeedbackModel.Usage(
                  digest.transcriptTokens(), digest.sentTokens(), input, output));
        } catch (InvalidModelOutput e) {
          invalid = e;
        }
      }
      throw invalid;
    } catch (RuntimeException failure) {
      // the answers before the failure were billed all the same (as feedback extraction meters)
      FeedbackModel.BilledBeforeFailure.attach(
          failure,
          new FeedbackModel.Usage(digest.transcriptTokens(), digest.sentTokens(), input, output));
      throw failure;
    }
  }
}
