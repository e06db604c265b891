package dev.earshot.extraction.model.llm;

import dev.earshot.embeddings.LlmSettings;
import dev.earshot.embeddings.ProviderHttp;
import dev.earshot.extraction.detect.LexicalGate;
import dev.earshot.extraction.model.Taxonomy;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Any OpenAI-compatible chat-completions endpoint (OpenAI, Azure OpenAI, vLLM, Ollama, llama.cpp
 * server): {@code POST <path>} with {@code response_format: {type: json_schema, json_schema: {name,
 * strict: true, schema}}}; the answer is {@code choices[0].message.content}, tokens from {@code
 * usage.prompt_tokens} and {@code usage.completion_tokens}.
 */
public final class OpenAiFeedbackModel extends LanguageModelFeedbackModel {

  private final LlmSettings settings;
  private final ProviderHttp transport;

  public OpenAiFeedbackModel(
      LlmSettings settings, LexicalGate gate, CallDigest.Settings digest, HttpClient http) {
    super(gate, digest);
    this.settings = settings;
    this.transport = new ProviderHttp(http, settings.timeout(), settings.maxRetries());
  }

  @Override
  public ModelInfo info() {
    return new ModelInfo("openai", settings.model(), Instructions.VERSION);
  }

  @Override
  Duration longestAsk() {
    return transport.longestCall();
  }

  @Override
  Answer ask(String digest, Taxonomy taxonomy) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("model", settings.model());
    body.put("temperature", 0);
    body.put("max_tokens", settings.maxOutputTokens());
    body.put(
        "messages",
        List.of(
            Map.of("role", "system", "content", Instructions.SYSTEM),
            Map.of("role", "user", "content", digest)));
    body.put(
        "response_format",
        Map.of(
            "type",
            "json_schema",
            "json_schema",
            Map.of("name", "feedback_items", "strict", true, "schema", ItemSchema.of(taxonomy))));
    JsonNode response =
        transport.post(
            URI.create(settings.baseUrl() + settings.path()), settings.authHeaders(), body);
    JsonNode message = response.path("choices").path(0).path("message");
    if (!message.path("refusal").isMissingNode() && !message.path("refusal").isNull()) {
      // The refusal's text may repeat the call's words: it stays out of logs and dead letters.
      throw new InvalidModelOutput("the model refused to answer");
    }
    JsonNode usage = response.path("usage");
    return new Answer(
        ModelAnswers.read(message.path("content").asString("")),
        usage.path("prompt_tokens").asLong(0),
        usage.path("completion_tokens").asLong(0));
  }
}
