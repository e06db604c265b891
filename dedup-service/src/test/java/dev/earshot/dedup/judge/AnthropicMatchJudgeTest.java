package dev.earshot.dedup.judge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.earshot.provider.ProviderHttp;
import java.net.http.HttpClient;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Anthropic judge against a local server speaking the Messages API (request: x-api-key,
 * anthropic-version, system, messages, one forced tool with the answer's schema; answer: content
 * with a tool_use block, usage.input_tokens / output_tokens).
 */
class AnthropicMatchJudgeTest {

  private static final JsonMapper json = JsonMapper.builder().build();
  private ProviderStub provider;

  @BeforeEach
  void start() throws Exception {
    provider = new ProviderStub();
  }

  @AfterEach
  void stop() {
    provider.close();
  }

  private AnthropicMatchJudge judge() {
    return new AnthropicMatchJudge(
        Questions.settings(provider.baseUrl(), "/v1/messages", "x-api-key", 0),
        HttpClient.newHttpClient());
  }

  private static String message(Object... content) {
    return stoppedBy("tool_use", content);
  }

  /** A Messages API answer whose {@code stop_reason} is {@code stopReason}. */
  private static String stoppedBy(String stopReason, Object... content) {
    return json.writeValueAsString(
        Map.of(
            "id", "msg_1",
            "type", "message",
            "role", "assistant",
            "model", "judge-model",
            "stop_reason", stopReason,
            "content", List.of(content),
            "usage", Map.of("input_tokens", 420, "output_tokens", 18)));
  }

  private static Map<String, Object> toolUse(String input) {
    return Map.of(
        "type",
        "tool_use",
        "id",
        "toolu_1",
        "name",
        AnthropicMatchJudge.TOOL,
        "input",
        json.readTree(input));
  }

  @Test
  void theSchemaIsAForcedToolAndItsInputIsTheAnswer() {
    // with a forced tool_choice the API writes no text block before the tool_use
    provider.reply(ProviderStub.Reply.ok(message(toolUse("{\"post\": 2}"))));

    MatchJudge.Verdict verdict = judge().judge(Questions.ssoItem());

    assertThat(verdict)
        .isEqualTo(
            new MatchJudge.Verdict.Picked(Questions.EXPORT_POST, new MatchJudge.Usage(420, 18)));
    var request = provider.seen.getFirst();
    assertThat(request.path()).isEqualTo("/v1/messages");
    assertThat(request.header("x-api-key")).isEqualTo("sk-test");
    assertThat(request.header("anthropic-version")).isEqualTo("2023-06-01");
    assertThat(request.header("Authorization")).isNull();
    assertThat(request.body().path("system").asString()).isEqualTo(JudgePrompt.SYSTEM);
    assertThat(request.body().path("messages").path(0).path("content").asString())
        .isEqualTo(JudgePrompt.user(Questions.ssoItem()));
    assertThat(
            request.body().path("tools").path(0).path("input_schema").path("required").toString())
        .isEqualTo("[\"post\"]");
    assertThat(request.body().path("tool_choice").path("name").asString())
        .isEqualTo(AnthropicMatchJudge.TOOL);
  }

  @Test
  void noneChosen() {
    provider.reply(ProviderStub.Reply.ok(message(toolUse("{\"post\": 0}"))));

    assertThat(judge().judge(Questions.ssoItem()))
        .isEqualTo(new MatchJudge.Verdict.NoneChosen(new MatchJudge.Usage(420, 18)));
  }

  @Test
  void anAnswerWithoutTheToolCallIsInvalidAndNotAskedAgain() {
    // not what Anthropic sends with a forced tool, but what a proxy or a look-alike server may
    provider.reply(
        ProviderStub.Reply.ok(stoppedBy("end_turn", Map.of("type", "text", "text", "Post 1."))));

    assertThat(judge().judge(Questions.ssoItem()))
        .isEqualTo(
            new MatchJudge.Verdict.Unanswered("invalid_answer", new MatchJudge.Usage(420, 18)));
    assertThat(provider.seen).hasSize(1);
  }

  @Test
  void aToolInputOutsideTheSchemaIsInvalid() {
    provider.reply(ProviderStub.Reply.ok(message(toolUse("{\"post\": 7}"))));

    assertThat(judge().judge(Questions.ssoItem()))
        .isInstanceOf(MatchJudge.Verdict.Unanswered.class);
  }

  @Test
  void aSpendLimitReachedIsAnOutageSoTheItemWaitsInsteadOfGoingUnmatched() {
    provider.reply(
        ProviderStub.Reply.status(
            400,
            "{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\",\"message\":"
                + "\"You have reached your specified workspace API usage limits. You will regain"
                + " access on 2027-01-01 at 00:00 UTC.\"},\"request_id\":\"req_011\"}"));

    assertThatThrownBy(() -> judge().judge(Questions.ssoItem()))
        .isInstanceOfSatisfying(
            ProviderHttp.ModelUnavailable.class,
            e -> assertThat(e.outage()).isEqualTo(ProviderHttp.Outage.QUOTA_SPENT));
  }

  @Test
  void aPromptTooLongIsStillUnansweredAsRefused() {
    provider.reply(
        ProviderStub.Reply.status(
            400,
            "{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\",\"message\":"
                + "\"prompt is too long: 215033 tokens > 200000 maximum\"}}"));

    assertThat(judge().judge(Questions.ssoItem()))
        .isEqualTo(new MatchJudge.Verdict.Unanswered("refused", MatchJudge.Usage.NONE));
  }

  @Test
  void anAnswerCutOffAtMaxTokensIsInvalidWithItsTokensCounted() {
    // cut off, the tool_use block holds only what parsed: no pick
    provider.reply(ProviderStub.Reply.ok(stoppedBy("max_tokens", toolUse("{\"post\": 0}"))));

    assertThat(judge().judge(Questions.ssoItem()))
        .isEqualTo(
            new MatchJudge.Verdict.Unanswered("invalid_answer", new MatchJudge.Usage(420, 18)));
  }
}
