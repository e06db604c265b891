package dev.earshot.extraction.model.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.earshot.extraction.call.NormalisedCall;
import dev.earshot.provider.ProviderHttp;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Anthropic adapter against a local server speaking the Messages API (request: x-api-key,
 * anthropic-version, system, messages, tools with input_schema, tool_choice; answer: content with a
 * tool_use block and usage.input_tokens / output_tokens).
 */
class AnthropicFeedbackModelTest {

  private static final JsonMapper json = JsonMapper.builder().build();
  private FakeProvider provider;
  private final NormalisedCall call = LlmTestCalls.longCallWithFeedback();
  private final CallDigest digest =
      CallDigest.of(call, LlmTestCalls.TAXONOMY, LlmTestCalls.GATE, CallDigest.Settings.defaults());

  @BeforeEach
  void start() throws Exception {
    provider = new FakeProvider();
  }

  @AfterEach
  void stop() {
    provider.close();
  }

  private AnthropicFeedbackModel model() {
    return new AnthropicFeedbackModel(
        LlmTestCalls.settings(
            provider.baseUrl(), "/v1/messages", "x-api-key", Duration.ofSeconds(5)),
        LlmTestCalls.GATE,
        CallDigest.Settings.defaults(),
        HttpClient.newHttpClient());
  }

  private String message(Object... content) {
    return stoppedBy("tool_use", content);
  }

  /** A Messages API answer whose {@code stop_reason} is {@code stopReason}. */
  private String stoppedBy(String stopReason, Object... content) {
    return json.writeValueAsString(
        Map.of(
            "id", "msg_1",
            "type", "message",
            "role", "assistant",
            "model", "test-model",
            "stop_reason", stopReason,
            "content", List.of(content),
            "usage", Map.of("input_tokens", 640, "output_tokens", 120)));
  }

  private Map<String, Object> toolUse(String input) {
    return Map.of(
        "type",
        "tool_use",
        "id",
        "toolu_1",
        "name",
        AnthropicFeedbackModel.TOOL,
        "input",
        json.readTree(input));
  }

  @Test
  void theSchemaIsAForcedToolAndItsInputIsTheAnswer() {
    int id = digest.sentences().keySet().iterator().next();
    // with a forced tool_choice the API writes no text block before the tool_use
    provider.reply(FakeProvider.Reply.ok(message(toolUse(LlmTestCalls.itemsJson(id)))));

    var result = model().extract(call, LlmTestCalls.TAXONOMY);

    var request = provider.seen.getFirst();
    assertThat(request.path()).isEqualTo("/v1/messages");
    assertThat(request.header("x-api-key")).isEqualTo("sk-test");
    assertThat(request.header("anthropic-version")).isEqualTo("2023-06-01");
    assertThat(request.body().path("system").asString()).contains("product feedback");
    assertThat(
            request.body().path("tools").path(0).path("input_schema").path("required").toString())
        .contains("items");
    assertThat(request.body().path("tool_choice").path("name").asString())
        .isEqualTo(AnthropicFeedbackModel.TOOL);
    assertThat(result.items()).hasSize(1);
    assertThat(result.items().getFirst().quotes().getFirst().text())
        .isEqualTo(digest.sentences().get(id).text());
    assertThat(result.usage().inputTokens()).isEqualTo(640);
    assertThat(result.usage().outputTokens()).isEqualTo(120);
  }

  @Test
  void anAnswerWithoutTheToolCallIsInvalidAndAskedOnceMore() {
    // not what Anthropic sends with a forced tool, but what a proxy or a look-alike server may
    provider.reply(
        FakeProvider.Reply.ok(
            stoppedBy("end_turn", Map.of("type", "text", "text", "I found a few items."))),
        FakeProvider.Reply.ok(stoppedBy("end_turn", Map.of("type", "text", "text", "No tool."))));

    assertThatThrownBy(() -> model().extract(call, LlmTestCalls.TAXONOMY))
        .isInstanceOf(InvalidModelOutput.class);
    assertThat(provider.seen).hasSize(2);
  }

  @Test
  void aSpendLimitReachedIsAnOutageSoTheCallWaitsInsteadOfBeingDeadLettered() {
    // Anthropic's answer when the organisation's or workspace's spend limit is reached
    provider.reply(
        new FakeProvider.Reply(
            400,
            Map.of(),
            "{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\",\"message\":"
                + "\"You have reached your specified API usage limits. You will regain access on"
                + " 2027-01-01 at 00:00 UTC.\"},\"request_id\":\"req_011\"}",
            0));

    assertThatThrownBy(() -> model().extract(call, LlmTestCalls.TAXONOMY))
        .isInstanceOfSatisfying(
            ProviderHttp.ModelUnavailable.class,
            e -> assertThat(e.outage()).isEqualTo(ProviderHttp.Outage.QUOTA_SPENT))
        .hasMessageNotContaining("regain");
    assertThat(provider.seen).hasSize(1);
  }

  @Test
  void aPromptTooLongIsStillRefusedForWhatTheCallHolds() {
    provider.reply(
        new FakeProvider.Reply(
            400,
            Map.of(),
            "{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\",\"message\":"
                + "\"prompt is too long: 215033 tokens > 200000 maximum\"}}",
            0));

    assertThatThrownBy(() -> model().extract(call, LlmTestCalls.TAXONOMY))
        .isInstanceOf(ProviderHttp.RequestRefused.class);
  }

  @Test
  void anAnswerCutOffAtMaxTokensIsNoAnswerAndAskedOnceMore() {
    int id = digest.sentences().keySet().iterator().next();
    // cut off mid-input, Anthropic closes the tool_use block with the part that parsed: here a
    // valid-looking empty list, the feedback after the cut lost
    provider.reply(
        FakeProvider.Reply.ok(stoppedBy("max_tokens", toolUse("{\"items\": []}"))),
        FakeProvider.Reply.ok(message(toolUse(LlmTestCalls.itemsJson(id)))));

    var result = model().extract(call, LlmTestCalls.TAXONOMY);

    assertThat(provider.seen).hasSize(2);
    assertThat(result.items()).hasSize(1);
  }

  @Test
  void twoAnswersCutOffAtMaxTokensMakeTheCallPoisonSayingSo() {
    provider.reply(
        FakeProvider.Reply.ok(stoppedBy("max_tokens", toolUse("{\"items\": []}"))),
        FakeProvider.Reply.ok(stoppedBy("max_tokens", toolUse("{\"items\": []}"))));

    assertThatThrownBy(() -> model().extract(call, LlmTestCalls.TAXONOMY))
        .isInstanceOf(InvalidModelOutput.class)
        .hasMessage(
            "the answer was cut off at the token cap (max-output-tokens) (stop_reason max_tokens)");
    assertThat(provider.seen).hasSize(2);
  }

  /** Anthropic's answer when its API is overloaded: HTTP 529 in its error shape. */
  private static final String OVERLOADED =
      "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":"
          + "\"Overloaded\"},\"request_id\":\"req_011CSHoEeqs5C35K2UUqR7Fy\"}";

  @Test
  void anOverloaded529IsRetriedThenAnOutageNamedByItsErrorTypeOnly() {
    int id = digest.sentences().keySet().iterator().next();
    provider.reply(
        new FakeProvider.Reply(529, Map.of(), OVERLOADED, 0),
        FakeProvider.Reply.ok(message(toolUse(LlmTestCalls.itemsJson(id)))));

    assertThat(model().extract(call, LlmTestCalls.TAXONOMY).items()).hasSize(1);
    assertThat(provider.seen).hasSize(2);

    provider.reply(
        new FakeProvider.Reply(529, Map.of(), OVERLOADED, 0),
        new FakeProvider.Reply(529, Map.of(), OVERLOADED, 0),
        new FakeProvider.Reply(529, Map.of(), OVERLOADED, 0));
    assertThatThrownBy(() -> model().extract(call, LlmTestCalls.TAXONOMY))
        .isInstanceOfSatisfying(
            ProviderHttp.ModelUnavailable.class,
            e -> assertThat(e.outage()).isEqualTo(ProviderHttp.Outage.PROVIDER_FAILED))
        .hasMessage("HTTP 529 from 127.0.0.1 (overloaded_error): provider failed");
  }
}
