package dev.earshot.extraction.model.llm;

import dev.earshot.extraction.call.NormalisedCall;
import dev.earshot.extraction.detect.LexicalGate;
import dev.earshot.extraction.model.FeedbackModel;
import dev.earshot.extraction.model.Taxonomy;
import dev.earshot.provider.LanguageModelChat;
import java.time.Duration;
import java.util.List;

/**
 * What every language-model adapter does: build the call's digest, ask once through the shared
 * {@link LanguageModelChat} (a call with nothing worth sending costs no request), validate the
 * answer, and ask once more if it was invalid; a second invalid answer is a {@link
 * InvalidModelOutput} (dead-lettered without further retries). Whatever fails after an answer was
 * billed carries that answer's tokens ({@link FeedbackModel.BilledBeforeFailure}). An adapter only
 * chooses the dialect and names the answer ({@link OpenAiFeedbackModel}, {@link
 * AnthropicFeedbackModel}).
 */
abstract sealed class LanguageModelFeedbackModel implements FeedbackModel
    permits OpenAiFeedbackModel, AnthropicFeedbackModel {

  private final LanguageModelChat chat;
  private final LexicalGate gate;
  private final CallDigest.Settings digestSettings;

  LanguageModelFeedbackModel(
      LanguageModelChat chat, LexicalGate gate, CallDigest.Settings digestSettings) {
    this.chat = chat;
    this.gate = gate;
    this.digestSettings = digestSettings;
  }

  /** Requests per call at most: the first, and one more after an invalid answer. */
  static final int ASKS = 2;

  /** How the answer is named to every provider. */
  static final LanguageModelChat.AnswerName ANSWER =
      new LanguageModelChat.AnswerName(
          "feedback_items",
          "record_feedback_items",
          "Record the product feedback items found in the call excerpts.");

  @Override
  public ModelInfo info() {
    return new ModelInfo(chat.provider(), chat.model(), Instructions.VERSION);
  }

  /**
   * One request to the provider: its answer, or why there is none, and the tokens billed either way
   * (a refusal, a cut-off answer or one without its tool call is billed too).
   */
  LanguageModelChat.Reply ask(String digest, Taxonomy taxonomy) {
    return chat.ask(Instructions.SYSTEM, digest, ItemSchema.of(taxonomy));
  }

  /** The longest one {@link #ask} can take, its retries included. */
  Duration longestAsk() {
    return chat.longestCall();
  }

  /** Every ask at its longest: {@link #ASKS} × {@link #longestAsk()}. */
  @Override
  public Duration longestCall() {
    return longestAsk().multipliedBy(ASKS);
  }

  @Override
  public Extraction extract(NormalisedCall call, Taxonomy taxonomy) {
    CallDigest digest = CallDigest.of(call, taxonomy, gate, digestSettings);
    if (digest.sentences().isEmpty()) {
      return new Extraction(List.of(), new Usage(digest.transcriptTokens(), 0, 0, 0));
    }
    long input = 0;
    long output = 0;
    InvalidModelOutput invalid = null;
    try {
      for (int attempt = 0; attempt < ASKS; attempt++) {
        LanguageModelChat.Reply reply = ask(digest.text(), taxonomy);
        // every answer's tokens are billed, a usable one or not
        input += reply.inputTokens();
        output += reply.outputTokens();
        try {
          if (reply.output() == null) {
            throw new InvalidModelOutput(reply.problem());
          }
          ModelAnswers.Parsed parsed = ModelAnswers.parse(reply.output(), digest, call, taxonomy);
          return new Extraction(
              parsed.items(),
              new Usage(digest.transcriptTokens(), digest.sentTokens(), input, output),
              parsed.titlesRewritten());
        } catch (InvalidModelOutput e) {
          invalid = e;
        }
      }
      throw invalid;
    } catch (RuntimeException failure) {
      // the answers before the failure were billed all the same
      BilledBeforeFailure.attach(
          failure, new Usage(digest.transcriptTokens(), digest.sentTokens(), input, output));
      throw failure;
    }
  }
}
