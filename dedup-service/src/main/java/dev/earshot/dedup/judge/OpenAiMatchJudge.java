package dev.earshot.dedup.judge;

import dev.earshot.embeddings.LlmSettings;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Any OpenAI-compatible chat-completions settings (OpenAI, Azure OpenAI, vLLM, Ollama): {@code POST
 * <path>} with {@code response_format: {type: json_schema, json_schema: {name, strict: true,
 * schema}}} (OpenAI "Structured Outputs"); the answer is {@code choices[0].message.content}, a
 * refusal ({@code message.refusal}) is no answer; tokens from {@code usage.prompt_tokens} and
 * {@code usage.completion_tokens}.
 */
public final class OpenAiMatchJudge extends LanguageModelJudge {

  public OpenAiMatchJudge(LlmSettings settings, HttpClient http) {
    super(settings, http);
  }

  @Override
  public String provider() {
    return "openai";
  }

  @Override
  Answer ask(Question question) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("model", settings.model());
    body.put("temperature", 0);
    body.put("max_tokens", settings.maxOutputTokens());
    body.put(
        "messages",
        List.of(
            Map.of("role", "system", "content", JudgePrompt.SYSTEM),
            Map.of("role", "user", "content", JudgePrompt.user(question))));
    body.put(
        "response_format",
        Map.of(
            "type",
            "json_schema",
            "json_schema",
            Map.of(
                "name",
                "matching_post",
                "strict",
                true,
                "schema",
                JudgePrompt.schema(question.candidates().size()))));
    JsonNode response =
        transport.post(
            URI.create(settings.baseUrl() + settings.path()), settings.authHeaders(), body);
    JsonNode usage = response.path("usage");
    Usage billed =
        new Usage(usage.path("prompt_tokens").asLong(0), usage.path("completion_tokens").asLong(0));
    JsonNode message = response.path("choices").path(0).path("message");
    JsonNode refusal = message.path("refusal");
    if (!refusal.isMissingNode() && !refusal.isNull()) {
      // The refusal's text may repeat the quotes: it stays out of logs.
      return Answer.without("the model refused to answer", billed);
    }
    JsonNode content = message.path("content");
    if (!content.isString()) {
      return Answer.without("the answer has no message content", billed);
    }
    try {
      return Answer.of(JudgeAnswers.read(content.asString()), billed);
    } catch (JudgeAnswers.Unreadable e) {
      return Answer.without(e.getMessage(), billed);
    }
  }
}
