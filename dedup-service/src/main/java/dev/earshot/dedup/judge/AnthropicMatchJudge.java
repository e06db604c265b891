package dev.earshot.dedup.judge;

import dev.earshot.embeddings.LlmSettings;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Anthropic's Messages API: {@code POST /v1/messages} with {@code x-api-key} and {@code
 * anthropic-version: 2023-06-01}, the answer's schema as the input schema of one tool the model
 * must use ({@code tool_choice: {type: tool, name}}); the answer is that {@code tool_use} block's
 * {@code input}, tokens from {@code usage.input_tokens} and {@code usage.output_tokens}.
 */
public final class AnthropicMatchJudge extends LanguageModelJudge {

  static final String API_VERSION = "2023-06-01";
  static final String TOOL = "name_matching_post";

  public AnthropicMatchJudge(LlmSettings settings, HttpClient http) {
    super(settings, http);
  }

  @Override
  public String provider() {
    return "anthropic";
  }

  @Override
  Answer ask(Question question) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("model", settings.model());
    body.put("max_tokens", settings.maxOutputTokens());
    body.put("temperature", 0);
    body.put("system", JudgePrompt.SYSTEM);
    body.put("messages", List.of(Map.of("role", "user", "content", JudgePrompt.user(question))));
    body.put(
        "tools",
        List.of(
            Map.of(
                "name",
                TOOL,
                "description",
                "Name the existing post that asks for the same thing as the new feedback (0: none).",
                "input_schema",
                JudgePrompt.schema(question.candidates().size()))));
    body.put("tool_choice", Map.of("type", "tool", "name", TOOL));
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("anthropic-version", API_VERSION);
    headers.putAll(settings.authHeaders());
    JsonNode response =
        transport.post(URI.create(settings.baseUrl() + settings.path()), headers, body);
    JsonNode usage = response.path("usage");
    Usage billed =
        new Usage(usage.path("input_tokens").asLong(0), usage.path("output_tokens").asLong(0));
    JsonNode input = null;
    for (JsonNode block : response.path("content")) {
      if ("tool_use".equals(block.path("type").asString())
          && TOOL.equals(block.path("name").asString())) {
        input = block.path("input");
      }
    }
    return input == null
        ? Answer.without("the answer has no " + TOOL + " tool call", billed)
        : Answer.of(input, billed);
  }
}
