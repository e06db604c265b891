package dev.earshot.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The OpenAI dialect against a local server that answers as OpenAI does for one of its reasoning
 * models (o1, o3, o4-mini, the gpt-5 family): a request carrying {@code max_tokens} is refused with
 * 400 {@code unsupported_parameter}, one carrying a {@code temperature} other than 1 with 400
 * {@code unsupported_value} (the bodies OpenAI sends, param and code as it names them), and one
 * with {@code max_completion_tokens} and no {@code temperature} is answered.
 */
class LanguageModelChatTest {

  private static final JsonMapper json = JsonMapper.builder().build();
  private static final Map<String, Object> SCHEMA =
      Map.of(
          "type",
          "object",
          "properties",
          Map.of("ok", Map.of("type", "boolean")),
          "required",
          List.of("ok"),
          "additionalProperties",
          false);
  private static final LanguageModelChat.AnswerName NAME =
      new LanguageModelChat.AnswerName("check", "record_check", "Record the check.");

  private HttpServer server;
  private final List<JsonNode> requests = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/v1/chat/completions",
        exchange -> {
          JsonNode body = json.readTree(exchange.getRequestBody().readAllBytes());
          requests.add(body);
          int status;
          String reply;
          if (body.has("max_tokens")) {
            status = 400;
            reply =
                "{\"error\":{\"message\":\"Unsupported parameter: 'max_tokens' is not supported"
                    + " with this model. Use 'max_completion_tokens' instead.\",\"type\":"
                    + "\"invalid_request_error\",\"param\":\"max_tokens\",\"code\":"
                    + "\"unsupported_parameter\"}}";
          } else if (body.has("temperature") && body.path("temperature").asDouble() != 1.0) {
            status = 400;
            reply =
                "{\"error\":{\"message\":\"Unsupported value: 'temperature' does not support 0"
                    + " with this model. Only the default (1) value is supported.\",\"type\":"
                    + "\"invalid_request_error\",\"param\":\"temperature\",\"code\":"
                    + "\"unsupported_value\"}}";
          } else {
            status = 200;
            reply =
                json.writeValueAsString(
                    Map.of(
                        "id",
                        "chatcmpl-1",
                        "object",
                        "chat.completion",
                        "model",
                        body.path("model").asString(),
                        "choices",
                        List.of(
                            Map.of(
                                "index",
                                0,
                                "finish_reason",
                                "stop",
                                "message",
                                Map.of("role", "assistant", "content", "{\"ok\":true}"))),
                        "usage",
                        Map.of(
                            "prompt_tokens",
                            40,
                            "completion_tokens",
                            300,
                            "completion_tokens_details",
                            Map.of("reasoning_tokens", 290))));
          }
          byte[] bytes = reply.getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(status, bytes.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
          }
        });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private LlmSettings settings(boolean reasoning) {
    return new LlmSettings(
        "http://127.0.0.1:" + server.getAddress().getPort(),
        "/v1/chat/completions",
        "sk-test",
        "Authorization",
        "o4-mini",
        Duration.ofSeconds(5),
        3,
        4000,
        BigDecimal.ZERO,
        BigDecimal.ZERO,
        reasoning);
  }

  private LanguageModelChat chat(LlmSettings settings) {
    return new LanguageModelChat(
        LanguageModelChat.Dialect.OPENAI, settings, HttpClient.newHttpClient(), NAME);
  }

  @Test
  void aReasoningModelIsAskedWithMaxCompletionTokensAndNoTemperatureAndAnswers() {
    LanguageModelChat.Reply reply = chat(settings(true)).ask("system", "user", SCHEMA);

    assertThat(reply.output().path("ok").asBoolean()).isTrue();
    assertThat(reply.outputTokens()).isEqualTo(300);
    assertThat(requests).hasSize(1);
    JsonNode sent = requests.getFirst();
    assertThat(sent.path("max_completion_tokens").asInt()).isEqualTo(4000);
    assertThat(sent.has("max_tokens")).isFalse();
    assertThat(sent.has("temperature")).isFalse();
    assertThat(sent.path("response_format").path("json_schema").path("strict").asBoolean())
        .isTrue();
  }

  @Test
  void anyOtherModelIsAskedAsBeforeWithMaxTokensAndTemperatureZero() {
    // what every OpenAI-compatible server takes; the LlmSettings of today's callers (ten fields)
    LlmSettings old = settings(false);
    LlmSettings tenFields =
        new LlmSettings(
            old.baseUrl(),
            old.path(),
            old.apiKey(),
            old.authHeader(),
            old.model(),
            old.timeout(),
            old.maxRetries(),
            old.maxOutputTokens(),
            old.inputPricePerMillion(),
            old.outputPricePerMillion());
    assertThat(tenFields.reasoning()).isFalse();

    Map<String, Object> body = chat(tenFields).openAiBody("system", "user", SCHEMA);

    assertThat(body).containsEntry("temperature", 0).containsEntry("max_tokens", 4000);
    assertThat(body).doesNotContainKey("max_completion_tokens");
  }

  @Test
  void aReasoningModelAskedTheOldWayIsAMisconfigurationThatSaysWhatToSetAndIsNotRetried() {
    assertThatThrownBy(() -> chat(settings(false)).ask("system", "user", SCHEMA))
        .isInstanceOfSatisfying(
            ProviderHttp.ModelUnavailable.class,
            e -> {
              assertThat(e.outage()).isEqualTo(ProviderHttp.Outage.MISCONFIGURED);
              assertThat(e.status()).isEqualTo(400);
            })
        .hasMessage(
            "HTTP 400 from 127.0.0.1 (invalid_request_error/unsupported_parameter): the model"
                + " refuses the request's settings (parameter max_tokens): check the model's"
                + " name, max-output-tokens and what the model accepts; an OpenAI reasoning model"
                + " (o1, o3, o4-mini, gpt-5…) takes max_completion_tokens and no temperature: set"
                + " reasoning: true in the model's settings");
    // a 400 is not retried within the call (max-retries 3): it would be refused the same way
    assertThat(requests).hasSize(1);
  }

  @Test
  void aTemperatureTheModelRefusesGivesTheSameHint() {
    String refused =
        "{\"error\":{\"message\":\"Unsupported value: 'temperature' does not support 0 with this"
            + " model. Only the default (1) value is supported.\",\"type\":"
            + "\"invalid_request_error\",\"param\":\"temperature\",\"code\":"
            + "\"unsupported_value\"}}";

    ProviderHttp.Blame blame = ProviderHttp.notTheRecords(refused);

    assertThat(blame.outage()).isEqualTo(ProviderHttp.Outage.MISCONFIGURED);
    assertThat(blame.reason())
        .contains("(parameter temperature)")
        .endsWith(ProviderHttp.REASONING_HINT)
        .doesNotContain("Only the default");
    // a settings 400 about another parameter gets no such hint
    assertThat(
            ProviderHttp.notTheRecords(
                    "{\"error\":{\"message\":\"bad\",\"type\":\"invalid_request_error\","
                        + "\"param\":\"response_format\",\"code\":\"unsupported_parameter\"}}")
                .reason())
        .doesNotContain("reasoning");
  }

  @Test
  void reasoningIsRefusedForAnthropicWhoseApiTakesMaxTokensFromEveryModel() {
    assertThatThrownBy(
            () ->
                new LanguageModelChat(
                    LanguageModelChat.Dialect.ANTHROPIC,
                    settings(true),
                    HttpClient.newHttpClient(),
                    NAME))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("leave it unset");
  }
}
