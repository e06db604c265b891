package dev.earshot.dedup.judge;

import dev.earshot.embeddings.LlmSettings;
import dev.earshot.embeddings.ProviderHttp;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * What both provider adapters do: one request per question through {@link ProviderHttp} (the same
 * transport, timeouts, retries and outage classes as extraction's models and the hosted
 * embeddings), a strict reading of the answer ({@link JudgeAnswers}), and no second ask: an
 * unusable answer or a request refused for what it holds is {@link MatchJudge.Verdict.Unanswered},
 * so the item goes on as a new post. An outage ({@link ProviderHttp.ModelUnavailable}) is thrown
 * on: the item is retried, not decided without its judge.
 */
abstract sealed class LanguageModelJudge implements MatchJudge
    permits OpenAiMatchJudge, AnthropicMatchJudge {

  private static final Logger log = LoggerFactory.getLogger(LanguageModelJudge.class);

  /**
   * A provider's answer: the structured output, or why there is none ({@code problem}: how the
   * answer broke the protocol, never what it said), and the tokens billed either way.
   */
  record Answer(JsonNode output, String problem, Usage usage) {
    static Answer of(JsonNode output, Usage usage) {
      return new Answer(output, null, usage);
    }

    static Answer without(String problem, Usage usage) {
      return new Answer(null, problem, usage);
    }
  }

  final LlmSettings settings;
  final ProviderHttp transport;

  LanguageModelJudge(LlmSettings settings, HttpClient http) {
    this.settings = settings;
    this.transport = new ProviderHttp(http, settings.timeout(), settings.maxRetries());
  }

  /** One request to the provider. */
  abstract Answer ask(Question question);

  @Override
  public boolean asks() {
    return true;
  }

  @Override
  public Duration longestCall() {
    return transport.longestCall();
  }

  @Override
  public Verdict judge(Question question) {
    Answer answer;
    try {
      answer = ask(question);
    } catch (ProviderHttp.RequestRefused refused) {
      log.atWarn()
          .addKeyValue("provider", provider())
          .addKeyValue("status", refused.status())
          .log("the judge's provider refused the question; the item is treated as unmatched");
      return new Verdict.Unanswered("refused", Usage.NONE);
    }
    if (answer.problem() != null) {
      return unusable(answer.problem(), answer.usage());
    }
    try {
      Optional<UUID> pick = JudgeAnswers.pick(answer.output(), question);
      return pick.<Verdict>map(id -> new Verdict.Picked(id, answer.usage()))
          .orElseGet(() -> new Verdict.NoneChosen(answer.usage()));
    } catch (JudgeAnswers.Unreadable e) {
      return unusable(e.getMessage(), answer.usage());
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
