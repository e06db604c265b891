package dev.earshot.provider;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;

/**
 * How to reach one language model; shared by extraction-service's feedback models and
 * dedup-service's match judge, which both post through {@link ProviderHttp}.
 *
 * @param baseUrl e.g. {@code https://api.openai.com}, a vLLM/Ollama/llama.cpp server, or Azure's
 *     resource URL
 * @param path request path, e.g. {@code /v1/chat/completions}; for Azure {@code
 *     /openai/deployments/<deployment>/chat/completions?api-version=2024-10-21}
 * @param apiKey the key; blank for local servers that need none
 * @param authHeader {@code Authorization} (sent as {@code Bearer <key>}), or a header that carries
 *     the key as is ({@code api-key} for Azure, {@code x-api-key} for Anthropic)
 * @param model model name (for Azure, anything: the deployment decides)
 * @param timeout longest wait for one answer
 * @param maxRetries retries of a request that timed out, was refused with 5xx or 429
 * @param maxOutputTokens cap on the answer's tokens
 * @param inputPricePerMillion USD per million input tokens, for the cost metric (0: unknown)
 * @param outputPricePerMillion USD per million output tokens
 * @param reasoning whether the model is one of OpenAI's reasoning models (o1, o3, o4-mini, the
 *     gpt-5 family), which refuse {@code max_tokens} and a {@code temperature} other than their
 *     default on Chat Completions: {@link LanguageModelChat} then sends {@code
 *     max_completion_tokens} and no {@code temperature}; OpenAI dialect only
 */
public record LlmSettings(
    String baseUrl,
    String path,
    String apiKey,
    String authHeader,
    String model,
    Duration timeout,
    int maxRetries,
    int maxOutputTokens,
    BigDecimal inputPricePerMillion,
    BigDecimal outputPricePerMillion,
    boolean reasoning) {

  /** Settings of a model that is not a reasoning model ({@code reasoning} false). */
  public LlmSettings(
      String baseUrl,
      String path,
      String apiKey,
      String authHeader,
      String model,
      Duration timeout,
      int maxRetries,
      int maxOutputTokens,
      BigDecimal inputPricePerMillion,
      BigDecimal outputPricePerMillion) {
    this(
        baseUrl,
        path,
        apiKey,
        authHeader,
        model,
        timeout,
        maxRetries,
        maxOutputTokens,
        inputPricePerMillion,
        outputPricePerMillion,
        false);
  }

  /**
   * The header that carries the key: {@code Authorization: Bearer <key>} when {@link #authHeader}
   * is {@code Authorization} or unset, else {@code <authHeader>: <key>}; none without a key.
   */
  public Map<String, String> authHeaders() {
    return ProviderHttp.keyHeaders(authHeader, apiKey);
  }

  /** Everything but the key, which must never reach a log. */
  @Override
  public String toString() {
    return "LlmSettings[baseUrl=%s, path=%s, apiKey=%s, model=%s, timeout=%s, maxRetries=%d]"
        .formatted(baseUrl, path, ProviderHttp.masked(apiKey), model, timeout, maxRetries);
  }
}
