package dev.earshot.extraction.followup.llm;

import dev.earshot.embeddings.LlmSettings;
import dev.earshot.embeddings.ProviderHttp;
import dev.earshot.extraction.model.llm.InvalidModelOutput;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Follow-ups from any OpenAI-compatible chat-completions endpoint, over the same transport as
 * feedback extraction: {@code response_format: {type: json_schema, strict: true}}, the answer in
 * {@code choices[0].message.content}, tokens from {@code usage.prompt_tokens} and {@code
 * usage.completion_tokens}.
 */
public final class OpenAiFollowUpModel extends LanguageModelFollowUpModel {

  private final LlmSettings settings;
  private final ProviderHttp transport;

  /**
   * @param settings the endpoint, model, timeout, retries and prices (earshot.extraction.openai)
   * @param maxSentTokens most tokens of the call sent per request
   */
  public OpenAiFollowUpModel(LlmSettings settings, int maxSentTokens, HttpClient http) {
    super(maxSentTokens);
    this.settings = settings;
    this.transport = new ProviderHttp(http, settings.timeout(), settings.maxRetries());
  }

  @Override
  public DrafterInfo info() {
    return new DrafterInfo("openai", settings.model(), FollowUpInstructions.VERSION, false);
  }

  @Override
  Duration longestAsk() {
    return transport.longestCall();
  }

  @Override
  Answer ask(String digest) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("model", settings.model());
    body.put("temperature", 0);
    body.put("max_tokens", settings.maxOutputTokens());
    body.put(
        "messages",
        List.of(
            Map.of("role", "system", "content", FollowUpInstructions.SYSTEM),
            Map.of("role", "user", "content", digest)));
    body.put(
        "response_format",
        Map.of(
            "type",
            "json_schema",
            "json_schema",
            Map.of("name", "follow_up", "strict", true, "schema", FollowUpInstructions.schema())));
    JsonNode response =
        transport.post(
            URI.create(settings.baseUrl() + settings.path()), settings.authHeaders(), body);
    JsonNode message = response.path("choices").path(0).path("message");
    if (!message.path("refusal").isMissingNode() && !message.path("refusal").isNull()) {
      throw new InvalidModelOutput("the model refused to answer");
    }
    JsonNode usage = response.path("usage");
    return new Answer(
        FollowUpAnswers.read(message.path("content").asString("")),
        usage.path("prompt_tokens").asLong(0),
        usage.path("completion_tokens").asLong(0));
  }
}
