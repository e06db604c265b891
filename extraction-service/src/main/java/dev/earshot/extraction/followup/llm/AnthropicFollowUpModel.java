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
 * Follow-ups from Anthropic's Messages API, over the same transport as feedback extraction: the
 * schema as the input schema of one tool the model must use, the answer that {@code tool_use}
 * block's {@code input}, tokens from {@code usage.input_tokens} and {@code usage.output_tokens}.
 */
public final class AnthropicFollowUpModel extends LanguageModelFollowUpModel {

  static final String API_VERSION = "2023-06-01";
  static final String TOOL = "record_follow_up";

  private final LlmSettings settings;
  private final ProviderHttp transport;

  /**
   * @param settings the endpoint, model, timeout, retries and prices (earshot.extraction.anthropic)
   * @param maxSentTokens most tokens of the call sent per request
   */
  public AnthropicFollowUpModel(LlmSettings settings, int maxSentTokens, HttpClient http) {
    super(maxSentTokens);
    this.settings = settings;
    this.transport = new ProviderHttp(http, settings.timeout(), settings.maxRetries());
  }

  @Override
  public DrafterInfo info() {
    return new DrafterInfo("anthropic", settings.model(), FollowUpInstructions.VERSION, false);
  }

  @Override
  Duration longestAsk() {
    return transport.longestCall();
  }

  @Override
  Answer ask(String digest) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("model", settings.model());
    body.put("max_tokens", settings.maxOutputTokens());
    body.put("temperature", 0);
    body.put("system", FollowUpInstructions.SYSTEM);
    body.put("messages", List.of(Map.of("role", "user", "content", digest)));
    body.put(
        "tools",
        List.of(
            Map.of(
                "name",
                TOOL,
                "description",
                "Record the follow-up email draft and the action items agreed on the call.",
                "input_schema",
                FollowUpInstructions.schema())));
    body.put("tool_choice", Map.of("type", "tool", "name", TOOL));
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("anthropic-version", API_VERSION);
    if (settings.apiKey() != null && !settings.apiKey().isBlank()) {
      headers.put("x-api-key", settings.apiKey());
    }
    JsonNode response =
        transport.post(URI.create(settings.baseUrl() + settings.path()), headers, body);
    JsonNode input = null;
    for (JsonNode block : response.path("content")) {
      if ("tool_use".equals(block.path("type").asString())
          && TOOL.equals(block.path("name").asString())) {
        input = block.path("input");
      }
    }
    if (input == null) {
      throw new InvalidModelOutput("the answer has no " + TOOL + " tool call");
    }
    JsonNode usage = response.path("usage");
    return new Answer(
        input, usage.path("input_tokens").asLong(0), usage.path("output_tokens").asLong(0));
  }
}
