package dev.earshot.extraction.model.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.earshot.extraction.call.NormalisedCall;
import dev.earshot.extraction.call.Utterance;
import dev.earshot.extraction.followup.ActionItem;
import dev.earshot.extraction.followup.CallSummary;
import dev.earshot.extraction.followup.FollowUpModel;
import dev.earshot.extraction.followup.OwnerSide;
import dev.earshot.extraction.followup.llm.LanguageModelFollowUpModel;
import dev.earshot.provider.LanguageModelChat.Dialect;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * The follow-up drafters against a local server speaking the providers' real protocols (OpenAI chat
 * completions with a strict json_schema; Anthropic messages with a forced tool): one request per
 * call, citations resolved to the call's sentences, a fabricated citation refused and asked once
 * more, tokens counted.
 */
class FollowUpLanguageModelsTest {

  private static final JsonMapper json = JsonMapper.builder().build();
  private FakeProvider provider;
  private final NormalisedCall call = LlmTestCalls.longCallWithFeedback();

  @BeforeEach
  void start() throws Exception {
    provider = new FakeProvider();
  }

  @AfterEach
  void stop() {
    provider.close();
  }

  private LanguageModelFollowUpModel openAi() {
    return LanguageModelFollowUpModel.of(
        Dialect.OPENAI,
        LlmTestCalls.settings(
            provider.baseUrl(), "/v1/chat/completions", "Authorization", Duration.ofSeconds(5)),
        12_000,
        HttpClient.newHttpClient());
  }

  private LanguageModelFollowUpModel anthropic() {
    return LanguageModelFollowUpModel.of(
        Dialect.ANTHROPIC,
        LlmTestCalls.settings(
            provider.baseUrl(), "/v1/messages", "x-api-key", Duration.ofSeconds(5)),
        12_000,
        HttpClient.newHttpClient());
  }

  private static String answer(int... ids) {
    StringBuilder cited = new StringBuilder();
    for (int id : ids) {
      cited.append(cited.isEmpty() ? "" : ",").append(id);
    }
    return """
        {"subject":"Next steps","body":"Hi Ana,\\n\\nThanks for today.","action_items":[\
        {"what":"Send the proposal","owner_side":"internal","owner":"","due":"by Friday",\
        "sentence_ids":[%s]}]}"""
        .formatted(cited);
  }

  private static String completion(String content) {
    return json.writeValueAsString(
        Map.of(
            "id",
            "chatcmpl-1",
            "object",
            "chat.completion",
            "choices",
            List.of(
                Map.of(
                    "index",
                    0,
                    "finish_reason",
                    "stop",
                    "message",
                    Map.of("role", "assistant", "content", content))),
            "usage",
            Map.of("prompt_tokens", 5000, "completion_tokens", 300)));
  }

  private static String message(String input) {
    return json.writeValueAsString(
        Map.of(
            "id", "msg_1",
            "type", "message",
            "role", "assistant",
            "content",
                List.of(
                    Map.of(
                        "type", "tool_use",
                        "id", "toolu_1",
                        "name", "record_follow_up",
                        "input", json.readTree(input))),
            "usage", Map.of("input_tokens", 4000, "output_tokens", 250)));
  }

  private Utterance last() {
    return call.utterances().getLast();
  }

  @Test
  void oneOpenAiRequestPerCallAndEveryCitationIsASentenceOfTheCall() {
    provider.reply(FakeProvider.Reply.ok(completion(answer(last().index()))));

    FollowUpModel.Drafted drafted = openAi().draft(call, CallSummary.none());

    assertThat(provider.seen).hasSize(1);
    var request = provider.seen.getFirst();
    assertThat(request.path()).isEqualTo("/v1/chat/completions");
    assertThat(
            request.body().path("response_format").path("json_schema").path("strict").asBoolean())
        .isTrue();
    String sent = request.body().path("messages").path(1).path("content").asString();
    assertThat(sent).contains("[" + last().index() + "] ").contains(last().text());
    ActionItem item = drafted.draft().actionItems().getFirst();
    assertThat(item.cited()).containsExactly(last());
    assertThat(item.side()).isEqualTo(OwnerSide.INTERNAL);
    assertThat(item.due()).isEqualTo("by Friday");
    assertThat(item.owner()).isNull();
    assertThat(drafted.usage().inputTokens()).isEqualTo(5000);
    assertThat(drafted.usage().outputTokens()).isEqualTo(300);
    assertThat(drafted.usage().sentTokens()).isPositive();
  }

  @Test
  void aFabricatedCitationIsRefusedAndAskedOnceMoreThenTheCallIsPoison() {
    provider.reply(
        FakeProvider.Reply.ok(completion(answer(last().index(), 999_999))),
        FakeProvider.Reply.ok(completion(answer(888_888))));

    assertThatThrownBy(() -> openAi().draft(call, CallSummary.none()))
        .isInstanceOf(InvalidModelOutput.class)
        .hasMessageContaining("888888")
        .isInstanceOf(dev.earshot.kit.failure.PermanentFailure.class);
    assertThat(provider.seen).hasSize(2);
  }

  @Test
  void aDraftThatFailsAfterBilledAnswersCarriesTheirTokens() {
    // two invalid answers: poison, both billed
    provider.reply(
        FakeProvider.Reply.ok(completion(answer(999_999))),
        FakeProvider.Reply.ok(completion(answer(888_888))));
    assertThatThrownBy(() -> openAi().draft(call, CallSummary.none()))
        .isInstanceOfSatisfying(
            InvalidModelOutput.class,
            e ->
                assertThat(dev.earshot.extraction.model.FeedbackModel.BilledBeforeFailure.of(e))
                    .hasValueSatisfying(
                        usage -> {
                          assertThat(usage.inputTokens()).isEqualTo(2 * 5000);
                          assertThat(usage.outputTokens()).isEqualTo(2 * 300);
                        }));

    // an invalid answer, then the provider fails on the re-ask (every attempt 500): an outage,
    // still billed for the first answer
    provider.seen.clear();
    provider.reply(FakeProvider.Reply.ok(completion(answer(999_999))));
    assertThatThrownBy(() -> openAi().draft(call, CallSummary.none()))
        .isInstanceOfSatisfying(
            dev.earshot.provider.ProviderHttp.ModelUnavailable.class,
            e ->
                assertThat(dev.earshot.extraction.model.FeedbackModel.BilledBeforeFailure.of(e))
                    .hasValueSatisfying(
                        usage -> {
                          assertThat(usage.inputTokens()).isEqualTo(5000);
                          assertThat(usage.outputTokens()).isEqualTo(300);
                        }));
  }

  @Test
  void aSecondAnswerWithRealCitationsIsUsedAndBothAsksAreMetered() {
    provider.reply(
        FakeProvider.Reply.ok(completion(answer(999_999))),
        FakeProvider.Reply.ok(completion(answer(last().index()))));

    FollowUpModel.Drafted drafted = openAi().draft(call, CallSummary.none());

    assertThat(drafted.draft().actionItems().getFirst().cited()).containsExactly(last());
    assertThat(drafted.usage().inputTokens()).isEqualTo(10_000);
  }

  @Test
  void anthropicAnswersThroughItsToolAndItsCitationsAreVerifiedToo() {
    provider.reply(
        FakeProvider.Reply.ok(message(answer(last().index()))),
        FakeProvider.Reply.ok(message(answer(-5))),
        FakeProvider.Reply.ok(message(answer(-6))));

    FollowUpModel.Drafted drafted = anthropic().draft(call, CallSummary.none());
    assertThat(drafted.draft().actionItems().getFirst().cited()).containsExactly(last());
    assertThat(drafted.usage().inputTokens()).isEqualTo(4000);
    var request = provider.seen.getFirst();
    assertThat(request.header("anthropic-version")).isEqualTo("2023-06-01");
    assertThat(request.body().path("tool_choice").path("name").asString())
        .isEqualTo("record_follow_up");
    assertThat(anthropic().info().extractive()).isFalse();

    assertThatThrownBy(() -> anthropic().draft(call, CallSummary.none()))
        .isInstanceOf(InvalidModelOutput.class);
  }
}
