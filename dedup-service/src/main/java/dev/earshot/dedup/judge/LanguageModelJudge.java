package dev.earshot.dedup.judge;

import dev.earshot.provider.LanguageModelChat;
import dev.earshot.provider.ProviderHttp;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What both provider adapters do: one request per question through the shared {@link
 * LanguageModelChat} (the same dialects as extraction's models, over {@link ProviderHttp}: the same
 * transport, timeouts, retries and outage classes as they and the hosted embeddings), a strict
 * reading of the answer ({@link JudgeAnswers}), and no second ask: an unusable answer or a request
 * refused for what it holds is {@link MatchJudge.Verdict.Unanswered}, so the item goes on as a new
 * post. An outage ({@link ProviderHttp.ModelUnavailable}) is thrown on: the item is retried, not
 * decided without its judge.
 */
abstract sealed class LanguageModelJudge implements MatchJudge
    permits OpenAiMatchJudge, AnthropicMatchJudge {

  private static final Logger log = LoggerFactory.getLogger(LanguageModelJudge.class);

  /** How the answer is named to every provider. */
  static final LanguageModelChat.AnswerName ANSWER =
      new LanguageModelChat.AnswerName(
          "matching_post",
          "name_matching_post",
          "Name the existing post that asks for the same thing as the new feedback (0: none).");

  private final LanguageModelChat chat;

  /**
   * @param chat the provider, its dialect and the answer's name
   */
  LanguageModelJudge(LanguageModelChat chat) {
    this.chat = chat;
  }

  @Override
  public String provider() {
    return chat.provider();
  }

  @Override
  public boolean asks() {
    return true;
  }

  @Override
  public Duration longestCall() {
    return chat.longestCall();
  }

  @Override
  public Verdict judge(Question question) {
    LanguageModelChat.Reply answer;
    try {
      answer =
          chat.ask(
              JudgePrompt.SYSTEM,
              JudgePrompt.user(question),
              JudgePrompt.schema(question.candidates().size()));
    } catch (ProviderHttp.RequestRefused refused) {
      log.atWarn()
          .addKeyValue("provider", provider())
          .addKeyValue("status", refused.status())
          .log("the judge's provider refused the question; the item is treated as unmatched");
      return new Verdict.Unanswered("refused", Usage.NONE);
    }
    Usage billed = new Usage(answer.inputTokens(), answer.outputTokens());
    if (answer.output() == null) {
      return unusable(answer.problem(), billed);
    }
    try {
      Optional<UUID> pick = JudgeAnswers.pick(answer.output(), question);
      return pick.<Verdict>map(id -> new Verdict.Picked(id, billed))
          .orElseGet(() -> new Verdict.NoneChosen(billed));
    } catch (JudgeAnswers.Unreadable e) {
      return unusable(e.getMessage(), billed);
    }
  }

  private Verdict unusable(String problem, Usage usage) {
    log.atWarn()
        .addKeyValue("provider", provider())
        .addKeyValue("reason", problem)
        .log("the judge's answer is unusable; the item is treated as unmatched");
    return new Verdict.Unanswered("invalid_answer", usage);
  }
}
