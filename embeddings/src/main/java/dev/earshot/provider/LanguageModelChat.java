package dev.earshot.provider;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One question to a language model whose answer must follow a JSON Schema, in either dialect
 * Earshot speaks, through {@link ProviderHttp} (timeouts, retries, outage classes) with {@link
 * LlmSettings}. extraction-service's feedback models and dedup-service's match judge both ask
 * through it; they differ only in their prompt, schema and {@link AnswerName}.
 *
 * <ul>
 *   <li>{@link Dialect#OPENAI}: any OpenAI-compatible chat-completions endpoint (OpenAI, Azure
 *       OpenAI, vLLM, Ollama, llama.cpp server) — {@code POST <path>} with {@code {model,
 *       temperature: 0, max_tokens, messages: [system, user], response_format: {type: json_schema,
 *       json_schema: {name, strict: true, schema}}}} (OpenAI "Structured Outputs"); the answer is
 *       {@code choices[0].message.content} read as JSON, a {@code message.refusal} or a {@code
 *       finish_reason} of {@code length} (cut off) or {@code content_filter} is no answer; tokens
 *       from {@code usage.prompt_tokens} and {@code usage.completion_tokens}. For one of OpenAI's
 *       reasoning models ({@link LlmSettings#reasoning()}: o1, o3, o4-mini, the gpt-5 family) the
 *       cap goes as {@code max_completion_tokens} and no {@code temperature} is sent — see {@link
 *       #openAiBody}.
 *   <li>{@link Dialect#ANTHROPIC}: Anthropic's Messages API — {@code POST /v1/messages} with {@code
 *       anthropic-version: 2023-06-01} and {@code {model, max_tokens, temperature: 0, system,
 *       messages: [user], tools: [{name, description, input_schema}], tool_choice: {type: tool,
 *       name}}}; the answer is that {@code tool_use} block's {@code input} (none when {@code
 *       stop_reason} is {@code max_tokens}: the input was cut off), tokens from {@code
 *       usage.input_tokens} and {@code usage.output_tokens}.
 * </ul>
 *
 * <p>The key goes in the header {@link LlmSettings#authHeaders()} names ({@code x-api-key} for
 * Anthropic in both services' settings).
 */
public final class LanguageModelChat {

  /** Why an answer cut off at the token cap is none: what it holds is only the part written. */
  static final String CUT_OFF = "the answer was cut off at the token cap (max-output-tokens)";

  /** Anthropic's API version header value. */
  public static final String ANTHROPIC_VERSION = "2023-06-01";

  private static final JsonMapper json = JsonMapper.builder().build();

  /** The wire format of a provider. */
  public enum Dialect {
    /** OpenAI-compatible chat completions with a strict JSON Schema response format. */
    OPENAI("openai"),
    /** Anthropic's Messages API with one forced tool. */
    ANTHROPIC("anthropic");

    private final String provider;

    Dialect(String provider) {
      this.provider = provider;
    }

    /** The provider's name in metrics and model information ({@code openai}, {@code anthropic}). */
    public String provider() {
      return provider;
    }
  }

  /**
   * How the answer is named to the provider.
   *
   * @param schemaName OpenAI's {@code json_schema.name}, e.g. {@code feedback_items}
   * @param toolName Anthropic's tool name, e.g. {@code record_feedback_items}
   * @param toolDescription what the tool records, told to Anthropic's model
   */
  public record AnswerName(String schemaName, String toolName, String toolDescription) {}

  /**
   * A provider's answer: the structured output, or why there is none, and the tokens billed either
   * way.
   *
   * @param output the answer as JSON; null when there is none
   * @param problem when {@code output} is null, how the answer broke the protocol ({@code the model
   *     refused to answer}, {@code the answer was cut off at the token cap (max-output-tokens)}
   *     (OpenAI's {@code finish_reason: length}, Anthropic's {@code stop_reason: max_tokens}),
   *     {@code the provider's content filter withheld the answer}, {@code the answer has no message
   *     content}, {@code the answer is not JSON}, {@code the answer has no <tool> tool call});
   *     never what the model said, which may repeat the question's words
   * @param inputTokens input tokens billed
   * @param outputTokens output tokens billed
   */
  public record Reply(JsonNode output, String problem, long inputTokens, long outputTokens) {

    static Reply of(JsonNode output, long inputTokens, long outputTokens) {
      return new Reply(output, null, inputTokens, outputTokens);
    }

    static Reply without(String problem, long inputTokens, long outputTokens) {
      return new Reply(null, problem, inputTokens, outputTokens);
    }
  }

  private final Dialect dialect;
  private final LlmSettings settings;
  private final AnswerName name;
  private final ProviderHttp transport;

  /**
   * @param dialect the provider's wire format
   * @param settings where and how to ask (base URL, path, key, model, timeout, retries, token cap)
   * @param http the client
   * @param name how the answer is named to the provider
   */
  public LanguageModelChat(
      Dialect dialect, LlmSettings settings, HttpClient http, AnswerName name) {
    if (settings.reasoning() && dialect != Dialect.OPENAI) {
      throw new IllegalStateException(
          "reasoning is a setting of OpenAI's reasoning models on chat completions (it sends"
              + " max_completion_tokens and no temperature); "
              + dialect.provider()
              + "'s API takes max_tokens and temperature from every model: leave it unset");
    }
    this.dialect = dialect;
    this.settings = settings;
    this.name = name;
    this.transport = new ProviderHttp(http, settings.timeout(), settings.maxRetries());
  }

  /** The provider's name ({@code openai}, {@code anthropic}). */
  public String provider() {
    return dialect.provider();
  }

  /** The model asked. */
  public String model() {
    return settings.model();
  }

  /** The longest one {@link #ask} can take, its retries included ({@link ProviderHttp}). */
  public Duration longestCall() {
    return transport.longestCall();
  }

  /**
   * Asks once.
   *
   * @param system the system prompt
   * @param user the user message
   * @param schema the answer's JSON Schema (as a JSON-serialisable map)
   * @return the answer, or why there is none
   * @throws ProviderHttp.ModelUnavailable when the provider cannot serve requests now
   * @throws ProviderHttp.RequestRefused when it refused this request for what it holds
   */
  public Reply ask(String system, String user, Map<String, Object> schema) {
    return switch (dialect) {
      case OPENAI -> openAi(system, user, schema);
      case ANTHROPIC -> anthropic(system, user, schema);
    };
  }

  /**
   * The chat-completions request. Without {@link LlmSettings#reasoning()}: {@code temperature: 0}
   * and {@code max_tokens}, as every OpenAI-compatible server (vLLM, Ollama, llama.cpp, Azure)
   * takes them. With it: {@code max_completion_tokens} and no {@code temperature}, because OpenAI's
   * reasoning models refuse both of the others. OpenAI's API reference, "Create chat completion"
   * (https://platform.openai.com/docs/api-reference/chat/create): {@code max_tokens} "is now
   * deprecated in favor of max_completion_tokens, and is not compatible with o-series models";
   * {@code max_completion_tokens} is "an upper bound for the number of tokens that can be generated
   * for a completion, including visible output tokens and reasoning tokens" (so a reasoning model
   * needs a larger {@code max-output-tokens}: its hidden reasoning is billed as output and counts
   * against the cap). OpenAI answers the old shape with 400 {@code {"error": {"message":
   * "Unsupported parameter: 'max_tokens' is not supported with this model. Use
   * 'max_completion_tokens' instead.", "param": "max_tokens", "code": "unsupported_parameter"}}}
   * (o1, o3-mini, gpt-5, gpt-5.1, as reported in public issues of OpenAI clients) and {@code
   * temperature: 0} with 400 {@code {"message": "Unsupported value: 'temperature' does not support
   * 0 with this model. Only the default (1) value is supported.", "param": "temperature", "code":
   * "unsupported_value"}} (o1-mini, gpt-5-mini); {@link ProviderHttp#notTheRecords} reads both as
   * {@link ProviderHttp.Outage#MISCONFIGURED}. Leaving {@code temperature} out is accepted by every
   * model (it then takes its default), so the setting need not know which gpt-5 versions accept 0.
   */
  Map<String, Object> openAiBody(String system, String user, Map<String, Object> schema) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("model", settings.model());
    if (settings.reasoning()) {
      body.put("max_completion_tokens", settings.maxOutputTokens());
    } else {
      body.put("temperature", 0);
      body.put("max_tokens", settings.maxOutputTokens());
    }
    body.put(
        "messages",
        List.of(
            Map.of("role", "system", "content", system), Map.of("role", "user", "content", user)));
    body.put(
        "response_format",
        Map.of(
            "type",
            "json_schema",
            "json_schema",
            Map.of("name", name.schemaName(), "strict", true, "schema", schema)));
    return body;
  }

  private Reply openAi(String system, String user, Map<String, Object> schema) {
    Map<String, Object> body = openAiBody(system, user, schema);
    JsonNode response = transport.post(uri(), settings.authHeaders(), body);
    JsonNode usage = response.path("usage");
    long input = usage.path("prompt_tokens").asLong(0);
    long output = usage.path("completion_tokens").asLong(0);
    JsonNode choice = response.path("choices").path(0);
    JsonNode message = choice.path("message");
    JsonNode refusal = message.path("refusal");
    if (!refusal.isMissingNode() && !refusal.isNull()) {
      // The refusal's text may repeat the question's words: it stays out of logs.
      return Reply.without("the model refused to answer", input, output);
    }
    String finish = choice.path("finish_reason").asString("");
    if ("length".equals(finish)) {
      return Reply.without(
          CUT_OFF
              + (settings.reasoning()
                  ? " (finish_reason length; a reasoning model's cap counts its reasoning tokens)"
                  : " (finish_reason length)"),
          input,
          output);
    }
    if ("content_filter".equals(finish)) {
      return Reply.without(
          "the provider's content filter withheld the answer (finish_reason content_filter)",
          input,
          output);
    }
    JsonNode content = message.path("content");
    if (!content.isString()) {
      return Reply.without("the answer has no message content", input, output);
    }
    try {
      return Reply.of(json.readTree(content.asString()), input, output);
    } catch (JacksonException e) {
      return Reply.without("the answer is not JSON", input, output);
    }
  }

  private Reply anthropic(String system, String user, Map<String, Object> schema) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("model", settings.model());
    body.put("max_tokens", settings.maxOutputTokens());
    body.put("temperature", 0);
    body.put("system", system);
    body.put("messages", List.of(Map.of("role", "user", "content", user)));
    body.put(
        "tools",
        List.of(
            Map.of(
                "name",
                name.toolName(),
                "description",
                name.toolDescription(),
                "input_schema",
                schema)));
    body.put("tool_choice", Map.of("type", "tool", "name", name.toolName()));
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("anthropic-version", ANTHROPIC_VERSION);
    headers.putAll(settings.authHeaders());
    JsonNode response = transport.post(uri(), headers, body);
    JsonNode usage = response.path("usage");
    long input = usage.path("input_tokens").asLong(0);
    long output = usage.path("output_tokens").asLong(0);
    String stop = response.path("stop_reason").asString("");
    if ("max_tokens".equals(stop)) {
      // a tool_use block cut off here holds the part of its input that parsed: not the answer
      return Reply.without(CUT_OFF + " (stop_reason max_tokens)", input, output);
    }
    if ("refusal".equals(stop)) {
      return Reply.without("the model refused to answer (stop_reason refusal)", input, output);
    }
    JsonNode tool = null;
    for (JsonNode block : response.path("content")) {
      if ("tool_use".equals(block.path("type").asString())
          && name.toolName().equals(block.path("name").asString())) {
        tool = block.path("input");
      }
    }
    return tool == null
        ? Reply.without("the answer has no " + name.toolName() + " tool call", input, output)
        : Reply.of(tool, input, output);
  }

  private URI uri() {
    return URI.create(settings.baseUrl() + settings.path());
  }
}
