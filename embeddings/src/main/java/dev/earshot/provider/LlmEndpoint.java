package dev.earshot.provider;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A language model's endpoint as a service's configuration properties declare it: extraction's
 * feedback models ({@code earshot.extraction.openai|anthropic.*}), dedup's match judge ({@code
 * earshot.dedup.judge.openai|anthropic.*}) and assistant's answer writer ({@code
 * earshot.assistant.answers.*}). Each service's record keeps its own defaults, on purpose: a judge
 * answers in about 50 tokens within seconds, an extraction writes up to 2,000; this interface is
 * the one way from any of them to the transport's {@link LlmSettings}, and the one masked
 * description.
 */
public interface LlmEndpoint {

  /** The server, e.g. {@code https://api.openai.com}; trailing slashes are dropped. */
  String baseUrl();

  /** The request path, e.g. {@code /v1/chat/completions} or {@code /v1/messages}. */
  String path();

  /** The key (secret, never logged); blank for local servers that need none. */
  String apiKey();

  /** {@code Authorization} (Bearer) when blank, else the header carrying the key as is. */
  String authHeader();

  /** The model's name as the provider spells it. */
  String modelName();

  /** Longest wait for one answer. */
  Duration timeout();

  /** Retries of a request that timed out or was refused with 5xx or 429. */
  int maxRetries();

  /** Cap on an answer's tokens. */
  int maxOutputTokens();

  /** USD per million input tokens, for the cost metric (0: not counted). */
  BigDecimal inputPricePerMillion();

  /** USD per million output tokens. */
  BigDecimal outputPricePerMillion();

  /**
   * Whether the model is one of OpenAI's reasoning models (o1, o3, o4-mini, the gpt-5 family):
   * asked with {@code max_completion_tokens} and no {@code temperature} ({@link
   * LlmSettings#reasoning()}). False unless the service's properties say otherwise, so an endpoint
   * that does not declare it keeps today's request.
   */
  default boolean reasoning() {
    return false;
  }

  /**
   * The transport's settings.
   *
   * @param prefix the properties' prefix, e.g. {@code earshot.dedup.judge.openai}, named in the
   *     error
   * @param nameKey the property holding {@link #modelName()}, e.g. {@code name} or {@code model}
   * @throws IllegalStateException when the base URL, the path or the model's name is not set
   */
  default LlmSettings settings(String prefix, String nameKey) {
    Map<String, String> required = new LinkedHashMap<>();
    required.put("base-url", baseUrl());
    required.put("path", path());
    required.put(nameKey, modelName());
    required.forEach(
        (key, value) -> {
          if (value == null || value.isBlank()) {
            throw new IllegalStateException(
                prefix + "." + key + " must be set to use the model at " + prefix);
          }
        });
    return new LlmSettings(
        baseUrl().replaceAll("/+$", ""),
        path(),
        apiKey(),
        authHeader() == null || authHeader().isBlank() ? "Authorization" : authHeader(),
        modelName(),
        timeout(),
        maxRetries(),
        maxOutputTokens(),
        inputPricePerMillion(),
        outputPricePerMillion(),
        reasoning());
  }

  /**
   * {@code Type[baseUrl=…, path=…, apiKey=***|none, model=…, timeout=…, maxRetries=…]}: everything
   * a log may show, never the key.
   */
  static String describe(String type, LlmEndpoint endpoint) {
    return describe(type, "", endpoint);
  }

  /**
   * As {@link #describe(String, LlmEndpoint)}, with fields of the caller's own first: {@code
   * Type[<leading>, baseUrl=…, …]}.
   *
   * @param leading the caller's fields as {@code name=value, …}, shown before the endpoint's; empty
   *     for none
   */
  static String describe(String type, String leading, LlmEndpoint endpoint) {
    return "%s[%sbaseUrl=%s, path=%s, apiKey=%s, model=%s, timeout=%s, maxRetries=%d]"
        .formatted(
            type,
            leading.isEmpty() ? "" : leading + ", ",
            endpoint.baseUrl(),
            endpoint.path(),
            ProviderHttp.masked(endpoint.apiKey()),
            endpoint.modelName(),
            endpoint.timeout(),
            endpoint.maxRetries());
  }
}
