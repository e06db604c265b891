package dev.earshot.extraction.model.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.earshot.extraction.call.NormalisedCall;
import dev.earshot.extraction.call.Utterance;
import dev.earshot.extraction.detect.Kind;
import dev.earshot.extraction.model.FeedbackModel;
import dev.earshot.kit.failure.PermanentFailure;
import dev.earshot.provider.ProviderHttp;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * The OpenAI-compatible adapter against a local server speaking the chat-completions format
 * (request: model, messages, response_format json_schema strict; answer: choices[0].message.content
 * and usage.prompt_tokens / completion_tokens).
 */
class OpenAiFeedbackModelTest {

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

  private OpenAiFeedbackModel model(String authHeader, Duration timeout) {
    return new OpenAiFeedbackModel(
        LlmTestCalls.settings(provider.baseUrl(), "/v1/chat/completions", authHeader, timeout),
        LlmTestCalls.GATE,
        CallDigest.Settings.defaults(),
        HttpClient.newHttpClient());
  }

  private String completion(String content) {
    return finishedBy("stop", content);
  }

  /** A chat completion whose {@code finish_reason} is {@code finishReason}. */
  private String finishedBy(String finishReason, String content) {
    return json.writeValueAsString(
        Map.of(
            "id", "chatcmpl-1",
            "object", "chat.completion",
            "model", "test-model",
            "choices",
                java.util.List.of(
                    Map.of(
                        "index",
                        0,
                        "finish_reason",
                        finishReason,
                        "message",
                        Map.of("role", "assistant", "content", content))),
            "usage", Map.of("prompt_tokens", 812, "completion_tokens", 96, "total_tokens", 908)));
  }

  private int firstQuotable() {
    return digest.sentences().keySet().iterator().next();
  }

  /**
   * A model's title is held to the same rules as the offline writer's: every kind of broken title
   * (a whole sentence, a cut-off one, a filler or conjunction first, a function word last, one
   * word, more than eight, blank) is written again from the item's quotes and counted.
   */
  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(
      strings = {
        "It would be great if reports could be",
        "We really need a way to edit many shipments at once.",
        "So bulk edit",
        "Bulk edit for the",
        "Editing",
        "Bulk editing of shipments and invoices and orders across every account",
        ""
      })
  void aTitleThatBreaksTheRulesIsWrittenAgainFromTheQuotes(String broken) {
    provider.reply(
        FakeProvider.Reply.ok(completion(LlmTestCalls.itemsJson(firstQuotable(), broken))));

    FeedbackModel.Extraction result =
        model("Authorization", Duration.ofSeconds(5)).extract(call, LlmTestCalls.TAXONOMY);

    assertThat(result.titlesRewritten()).isEqualTo(1);
    String title = result.items().getFirst().title();
    assertThat(title).isNotEqualTo(broken);
    assertThat(dev.earshot.text.TitleRules.broken(title)).isEmpty();
  }

  @Test
  void aTitleThatKeepsTheRulesIsKeptWithoutItsFullStop() {
    provider.reply(
        FakeProvider.Reply.ok(
            completion(LlmTestCalls.itemsJson(firstQuotable(), "Bulk edit of shipments."))));

    FeedbackModel.Extraction result =
        model("Authorization", Duration.ofSeconds(5)).extract(call, LlmTestCalls.TAXONOMY);

    assertThat(result.titlesRewritten()).isZero();
    assertThat(result.items().getFirst().title()).isEqualTo("Bulk edit of shipments");
  }

  @Test
  void oneRequestWithAStrictJsonSchemaAndOnlyTheCustomersLikelyFeedback() {
    provider.reply(FakeProvider.Reply.ok(completion(LlmTestCalls.itemsJson(firstQuotable()))));

    FeedbackModel.Extraction result =
        model("Authorization", Duration.ofSeconds(5)).extract(call, LlmTestCalls.TAXONOMY);

    assertThat(provider.seen).hasSize(1);
    var request = provider.seen.getFirst();
    assertThat(request.path()).isEqualTo("/v1/chat/completions");
    assertThat(request.header("Authorization")).isEqualTo("Bearer sk-test");
    assertThat(request.body().path("model").asString()).isEqualTo("test-model");
    assertThat(request.body().path("response_format").path("type").asString())
        .isEqualTo("json_schema");
    assertThat(
            request.body().path("response_format").path("json_schema").path("strict").asBoolean())
        .isTrue();
    assertThat(
            request
                .body()
                .at(
                    "/response_format/json_schema/schema/properties/items/items/properties/category/enum"))
        .extracting(n -> n.asString())
        .contains("Feature requests", "Bugs");
    String sent = request.body().path("messages").path(1).path("content").asString();
    Utterance quoted = digest.sentences().get(firstQuotable());
    assertThat(sent).contains(quoted.text());
    assertThat(result.usage().sentTokens())
        .isLessThanOrEqualTo((long) (result.usage().transcriptTokens() * 0.3));
    assertThat(result.usage().inputTokens()).isEqualTo(812);
    assertThat(result.usage().outputTokens()).isEqualTo(96);
    assertThat(result.items())
        .singleElement()
        .satisfies(
            item -> {
              assertThat(item.kind()).isEqualTo(Kind.FEATURE_REQUEST);
              assertThat(item.quotes().getFirst().text()).isEqualTo(quoted.text());
              assertThat(item.quotes().getFirst().startMs()).isEqualTo(quoted.startMs());
              assertThat(item.author()).isEqualTo(quoted.speaker());
              assertThat(item.category()).isEqualTo("Feature requests");
            });
  }

  /** The model {@code earshot.extraction.openai.*} configures, bound as the service binds it. */
  private OpenAiFeedbackModel configured(Map<String, String> properties) {
    Map<String, String> all = new java.util.HashMap<>(properties);
    all.put("earshot.extraction.openai.base-url", provider.baseUrl());
    all.put("earshot.extraction.openai.path", "/v1/chat/completions");
    dev.earshot.extraction.ExtractionProperties bound =
        new org.springframework.boot.context.properties.bind.Binder(
                new org.springframework.boot.context.properties.source
                    .MapConfigurationPropertySource(all))
            .bindOrCreate("earshot.extraction", dev.earshot.extraction.ExtractionProperties.class);
    return new OpenAiFeedbackModel(
        bound.openai().settings("earshot.extraction.openai", "name"),
        LlmTestCalls.GATE,
        CallDigest.Settings.defaults(),
        HttpClient.newHttpClient());
  }

  /**
   * OpenAI's reasoning models refuse {@code max_tokens} and {@code temperature: 0} (400 {@code
   * unsupported_parameter} / {@code unsupported_value}); {@code reasoning: true} sends the cap as
   * {@code max_completion_tokens} and no temperature. Without it the request is as before.
   */
  @Test
  void aReasoningModelIsAskedWithMaxCompletionTokensAndNoTemperatureOthersAsBefore() {
    provider.reply(
        FakeProvider.Reply.ok(completion(LlmTestCalls.itemsJson(firstQuotable()))),
        FakeProvider.Reply.ok(completion(LlmTestCalls.itemsJson(firstQuotable()))));

    configured(
            Map.of(
                "earshot.extraction.openai.name", "o4-mini",
                "earshot.extraction.openai.reasoning", "true",
                "earshot.extraction.openai.max-output-tokens", "16000"))
        .extract(call, LlmTestCalls.TAXONOMY);
    configured(Map.of("earshot.extraction.openai.name", "gpt-4o-mini"))
        .extract(call, LlmTestCalls.TAXONOMY);

    assertThat(provider.seen).hasSize(2);
    var reasoning = provider.seen.get(0).body();
    assertThat(reasoning.path("model").asString()).isEqualTo("o4-mini");
    assertThat(reasoning.path("max_completion_tokens").asInt()).isEqualTo(16000);
    assertThat(reasoning.has("max_tokens")).isFalse();
    assertThat(reasoning.has("temperature")).isFalse();
    var plain = provider.seen.get(1).body();
    assertThat(plain.path("max_tokens").asInt()).isEqualTo(2000);
    assertThat(plain.path("temperature").asInt()).isZero();
    assertThat(plain.has("temperature")).isTrue();
    assertThat(plain.has("max_completion_tokens")).isFalse();
  }

  @Test
  void azureStyleEndpointsGetTheKeyInTheirOwnHeader() {
    provider.reply(FakeProvider.Reply.ok(completion("{\"items\":[]}")));

    model("api-key", Duration.ofSeconds(5)).extract(call, LlmTestCalls.TAXONOMY);

    assertThat(provider.seen.getFirst().header("api-key")).isEqualTo("sk-test");
    assertThat(provider.seen.getFirst().header("Authorization")).isNull();
  }

  @Test
  void a429WaitsForRetryAfterAndA5xxIsRetried() {
    provider.reply(
        new FakeProvider.Reply(
            429, Map.of("Retry-After", "1"), "{\"error\":{\"message\":\"Rate limit\"}}", 0),
        new FakeProvider.Reply(503, Map.of(), "{}", 0),
        FakeProvider.Reply.ok(completion("{\"items\":[]}")));
    long began = System.nanoTime();

    var result = model("Authorization", Duration.ofSeconds(5)).extract(call, LlmTestCalls.TAXONOMY);

    assertThat(provider.seen).hasSize(3);
    assertThat(Duration.ofNanos(System.nanoTime() - began))
        .isGreaterThanOrEqualTo(Duration.ofMillis(950));
    assertThat(result.items()).isEmpty();
  }

  @Test
  void anInvalidAnswerIsAskedForOnceMoreThenTheCallIsPoisonCarryingTheTokensBothWereBilledFor() {
    provider.reply(
        FakeProvider.Reply.ok(completion("{\"items\":[{\"kind\":\"wish\"}]}")),
        FakeProvider.Reply.ok(completion("not json at all")));

    assertThatThrownBy(
            () ->
                model("Authorization", Duration.ofSeconds(5)).extract(call, LlmTestCalls.TAXONOMY))
        .isInstanceOf(InvalidModelOutput.class)
        .isInstanceOf(PermanentFailure.class)
        .satisfies(
            e ->
                assertThat(FeedbackModel.BilledBeforeFailure.of(e))
                    .hasValueSatisfying(
                        usage -> {
                          assertThat(usage.inputTokens()).isEqualTo(2 * 812);
                          assertThat(usage.outputTokens()).isEqualTo(2 * 96);
                        }));
    assertThat(provider.seen).hasSize(2);
  }

  /** OpenAI's 400 for a prompt over the model's context: refused for what the request holds. */
  private static final FakeProvider.Reply CONTEXT_TOO_LONG =
      new FakeProvider.Reply(
          400,
          Map.of(),
          "{\"error\":{\"message\":\"This model's maximum context length is exceeded\","
              + "\"type\":\"invalid_request_error\",\"code\":\"context_length_exceeded\"}}",
          0);

  @Test
  void aRequestRefusedOnTheReAskCarriesTheTokensOfTheFirstAnswer() {
    provider.reply(FakeProvider.Reply.ok(completion("not json at all")), CONTEXT_TOO_LONG);

    assertThatThrownBy(
            () ->
                model("Authorization", Duration.ofSeconds(5)).extract(call, LlmTestCalls.TAXONOMY))
        .isInstanceOfSatisfying(
            ProviderHttp.RequestRefused.class,
            e ->
                assertThat(FeedbackModel.BilledBeforeFailure.of(e))
                    .hasValueSatisfying(
                        usage -> {
                          assertThat(usage.inputTokens()).isEqualTo(812);
                          assertThat(usage.outputTokens()).isEqualTo(96);
                        }));
    assertThat(provider.seen).hasSize(2);
  }

  @Test
  void aFailureBeforeAnyAnswerCarriesNoTokens() {
    provider.reply(CONTEXT_TOO_LONG);

    assertThatThrownBy(
            () ->
                model("Authorization", Duration.ofSeconds(5)).extract(call, LlmTestCalls.TAXONOMY))
        .isInstanceOfSatisfying(
            ProviderHttp.RequestRefused.class,
            e -> assertThat(FeedbackModel.BilledBeforeFailure.of(e)).isEmpty());
  }

  @Test
  void aSecondAnswerThatIsValidIsUsed() {
    provider.reply(
        FakeProvider.Reply.ok(completion(LlmTestCalls.itemsJson(999_999))),
        FakeProvider.Reply.ok(completion(LlmTestCalls.itemsJson(firstQuotable()))));

    var result = model("Authorization", Duration.ofSeconds(5)).extract(call, LlmTestCalls.TAXONOMY);

    assertThat(result.items()).hasSize(1);
    assertThat(result.usage().inputTokens()).isEqualTo(2 * 812);
  }

  @Test
  void theTokensOfARefusedFirstAnswerAreCountedLikeThoseOfAValidSecond() {
    java.util.Map<String, Object> refusal = new java.util.HashMap<>();
    refusal.put("role", "assistant");
    refusal.put("content", null);
    refusal.put("refusal", "I'm sorry, I can't help with that.");
    provider.reply(
        FakeProvider.Reply.ok(
            json.writeValueAsString(
                Map.of(
                    "choices",
                    java.util.List.of(
                        Map.of("index", 0, "finish_reason", "stop", "message", refusal)),
                    "usage",
                    Map.of("prompt_tokens", 812, "completion_tokens", 14)))),
        FakeProvider.Reply.ok(completion(LlmTestCalls.itemsJson(firstQuotable()))));

    var result = model("Authorization", Duration.ofSeconds(5)).extract(call, LlmTestCalls.TAXONOMY);

    assertThat(provider.seen).hasSize(2);
    assertThat(result.items()).hasSize(1);
    assertThat(result.usage().inputTokens()).as("both asks' prompts").isEqualTo(2 * 812);
    assertThat(result.usage().outputTokens()).as("both answers").isEqualTo(14 + 96);
  }

  @Test
  void aProviderThatNeverAnswersInTimeFailsAfterTheRetries() {
    provider.reply(
        new FakeProvider.Reply(200, Map.of(), "{}", 1_500),
        new FakeProvider.Reply(200, Map.of(), "{}", 1_500),
        new FakeProvider.Reply(200, Map.of(), "{}", 1_500));

    assertThatThrownBy(
            () ->
                model("Authorization", Duration.ofMillis(300)).extract(call, LlmTestCalls.TAXONOMY))
        .isInstanceOf(ProviderHttp.ModelUnavailable.class)
        .hasMessageContaining("no answer");
    assertThat(provider.seen).hasSize(3);
  }

  @Test
  void aParameterTheModelDoesNotSupportIsAnOutageOfConfigurationNotAFaultOfTheCall() {
    // OpenAI's reasoning models refuse max_tokens (and temperature 0) with a 400
    provider.reply(
        new FakeProvider.Reply(
            400,
            Map.of(),
            "{\"error\":{\"message\":\"Unsupported parameter: 'max_tokens' is not supported with"
                + " this model. Use 'max_completion_tokens' instead.\",\"type\":"
                + "\"invalid_request_error\",\"param\":\"max_tokens\",\"code\":"
                + "\"unsupported_parameter\"}}",
            0));

    assertThatThrownBy(
            () ->
                model("Authorization", Duration.ofSeconds(5)).extract(call, LlmTestCalls.TAXONOMY))
        .isInstanceOfSatisfying(
            ProviderHttp.ModelUnavailable.class,
            e -> assertThat(e.outage()).isEqualTo(ProviderHttp.Outage.MISCONFIGURED))
        .hasMessageContaining("unsupported_parameter")
        .hasMessageNotContaining("instead");
    assertThat(provider.seen).hasSize(1);
  }

  @Test
  void anAnswerCutOffAtTheTokenCapIsAskedOnceMoreThenTheCallIsPoisonSayingSo() {
    // strict Structured Outputs cut off at max_tokens: the JSON ends where the cap fell
    String cut = "{\"items\":[{\"kind\":\"feature_request\",\"title\":\"Bulk ed";
    provider.reply(
        FakeProvider.Reply.ok(finishedBy("length", cut)),
        FakeProvider.Reply.ok(finishedBy("length", cut)));

    assertThatThrownBy(
            () ->
                model("Authorization", Duration.ofSeconds(5)).extract(call, LlmTestCalls.TAXONOMY))
        .isInstanceOf(InvalidModelOutput.class)
        .hasMessage(
            "the answer was cut off at the token cap (max-output-tokens) (finish_reason length)");
    assertThat(provider.seen).hasSize(2);
  }

  @Test
  void anAnswerWithheldByAContentFilterIsNoAnswerEvenWhenItsContentParses() {
    provider.reply(
        FakeProvider.Reply.ok(finishedBy("content_filter", "{\"items\":[]}")),
        FakeProvider.Reply.ok(completion(LlmTestCalls.itemsJson(firstQuotable()))));

    var result = model("Authorization", Duration.ofSeconds(5)).extract(call, LlmTestCalls.TAXONOMY);

    assertThat(provider.seen).hasSize(2);
    assertThat(result.items()).hasSize(1);
  }
}
