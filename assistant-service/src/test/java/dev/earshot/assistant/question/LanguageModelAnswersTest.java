package dev.earshot.assistant.question;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.earshot.provider.LanguageModelChat;
import dev.earshot.provider.LlmSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The language-model answer writer against a loopback server speaking each provider's protocol
 * (OpenAI chat completions with a JSON Schema response format; Anthropic Messages with a forced
 * tool): accepted only when every claim cites passages given, refused and asked once more
 * otherwise, tokens and cost metered.
 */
class LanguageModelAnswersTest {

  static final JsonMapper json = JsonMapper.builder().build();
  static final List<String> PASSAGES =
      List.of(
          "brief (Acme renewal, 2026-11-20): Acme asked for single sign-on before renewal.",
          "key point (Acme renewal, 2026-11-20): SSO is a blocker");

  final ConcurrentLinkedDeque<String> answers = new ConcurrentLinkedDeque<>();
  final List<String> requests = new CopyOnWriteArrayList<>();
  final List<String> keys = new CopyOnWriteArrayList<>();
  final HttpServer server = start();
  final SimpleMeterRegistry meters = new SimpleMeterRegistry();

  HttpServer start() {
    try {
      HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      http.createContext(
          "/",
          exchange -> {
            requests.add(
                new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            String key = exchange.getRequestHeaders().getFirst("x-api-key");
            keys.add(key == null ? exchange.getRequestHeaders().getFirst("Authorization") : key);
            String body = answers.isEmpty() ? null : answers.poll();
            int status = body == null ? 503 : 200;
            byte[] bytes = (body == null ? "{}" : body).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
          });
      http.start();
      return http;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  LanguageModelAnswers writer(LanguageModelChat.Dialect dialect, String path, String authHeader) {
    LlmSettings settings =
        new LlmSettings(
            "http://127.0.0.1:" + server.getAddress().getPort(),
            path,
            "test-key",
            authHeader,
            "test-model",
            Duration.ofSeconds(5),
            0,
            400,
            new BigDecimal("1.00"),
            new BigDecimal("4.00"));
    return new LanguageModelAnswers(
        new LanguageModelChat(
            dialect, settings, HttpClient.newHttpClient(), LanguageModelAnswers.ANSWER),
        settings.inputPricePerMillion(),
        settings.outputPricePerMillion(),
        meters);
  }

  static String openAi(String claims) {
    return json.writeValueAsString(
        java.util.Map.of(
            "choices",
            List.of(java.util.Map.of("message", java.util.Map.of("content", claims))),
            "usage",
            java.util.Map.of("prompt_tokens", 1000, "completion_tokens", 100)));
  }

  @Test
  void aCitedAnswerIsAcceptedAndThePassagesAreNumberedInTheRequest() {
    answers.add(
        openAi("{\"claims\":[{\"text\":\"Acme needs SSO before renewal.\",\"citations\":[1,2]}]}"));

    Optional<List<AnswerWriter.Claim>> claims =
        writer(LanguageModelChat.Dialect.OPENAI, "/v1/chat/completions", "Authorization")
            .write("Acme", "What about SSO?", PASSAGES);

    assertThat(claims).isPresent();
    assertThat(claims.get())
        .containsExactly(new AnswerWriter.Claim("Acme needs SSO before renewal.", List.of(1, 2)));
    JsonNode request = json.readTree(requests.getFirst());
    assertThat(request.path("model").asString()).isEqualTo("test-model");
    assertThat(request.path("response_format").path("json_schema").path("name").asString())
        .isEqualTo("cited_answer");
    assertThat(request.path("messages").get(1).path("content").asString())
        .contains("[1] brief (Acme renewal", "[2] key point", "Question: What about SSO?");
    assertThat(keys.getFirst()).isEqualTo("Bearer test-key");
    assertThat(
            meters
                .counter(
                    "earshot.assistant.answers.tokens", "provider", "openai", "direction", "input")
                .count())
        .isEqualTo(1000);
    assertThat(meters.counter("earshot.assistant.answers.cost", "provider", "openai").count())
        .isEqualTo(0.0014);
  }

  @Test
  void anUncitedClaimIsRefusedAndAskedOnceMore() {
    answers.add(openAi("{\"claims\":[{\"text\":\"They love the product.\",\"citations\":[]}]}"));
    answers.add(openAi("{\"claims\":[{\"text\":\"SSO blocks the renewal.\",\"citations\":[2]}]}"));

    Optional<List<AnswerWriter.Claim>> claims =
        writer(LanguageModelChat.Dialect.OPENAI, "/v1/chat/completions", "Authorization")
            .write("Acme", "What about SSO?", PASSAGES);

    assertThat(claims.orElseThrow())
        .extracting(AnswerWriter.Claim::citations)
        .containsExactly(List.of(2));
    assertThat(requests).hasSize(2);
    assertThat(
            meters
                .counter(
                    "earshot.assistant.answers.requests",
                    "provider",
                    "openai",
                    "outcome",
                    "refused")
                .count())
        .isEqualTo(1);
  }

  @Test
  void citingAPassageThatWasNotGivenTwiceLeavesTheQuestionToTheExtractiveAnswer() {
    answers.add(openAi("{\"claims\":[{\"text\":\"Made up.\",\"citations\":[3]}]}"));
    answers.add(openAi("{\"claims\":[{\"text\":\"Made up again.\",\"citations\":[0]}]}"));
    answers.add(openAi("{\"claims\":[{\"text\":\"never asked\",\"citations\":[1]}]}"));

    Optional<List<AnswerWriter.Claim>> claims =
        writer(LanguageModelChat.Dialect.OPENAI, "/v1/chat/completions", "Authorization")
            .write("Acme", "What about SSO?", PASSAGES);

    assertThat(claims).isEmpty();
    assertThat(requests).hasSize(2);
  }

  @Test
  void anthropicsToolAnswerIsReadTheSameWay() {
    answers.add(
        json.writeValueAsString(
            java.util.Map.of(
                "content",
                List.of(
                    java.util.Map.of(
                        "type",
                        "tool_use",
                        "name",
                        "record_cited_answer",
                        "input",
                        java.util.Map.of(
                            "claims",
                            List.of(
                                java.util.Map.of(
                                    "text", "SSO before renewal.", "citations", List.of(1)))))),
                "usage",
                java.util.Map.of("input_tokens", 10, "output_tokens", 5))));

    Optional<List<AnswerWriter.Claim>> claims =
        writer(LanguageModelChat.Dialect.ANTHROPIC, "/v1/messages", "x-api-key")
            .write("Acme", "SSO?", PASSAGES);

    assertThat(claims.orElseThrow()).hasSize(1);
    assertThat(json.readTree(requests.getFirst()).path("tool_choice").path("name").asString())
        .isEqualTo("record_cited_answer");
    assertThat(keys.getFirst()).isEqualTo("test-key");
  }

  @Test
  void anOutageLeavesTheQuestionToTheExtractiveAnswer() {
    Optional<List<AnswerWriter.Claim>> claims =
        writer(LanguageModelChat.Dialect.OPENAI, "/v1/chat/completions", "Authorization")
            .write("Acme", "SSO?", PASSAGES);

    assertThat(claims).isEmpty();
    assertThat(
            meters
                .counter(
                    "earshot.assistant.answers.requests",
                    "provider",
                    "openai",
                    "outcome",
                    "unavailable")
                .count())
        .isEqualTo(1);
  }
}
