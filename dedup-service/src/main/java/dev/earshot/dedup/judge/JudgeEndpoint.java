package dev.earshot.dedup.judge;

import java.math.BigDecimal;
import java.time.Duration;

/**
 * How to reach the judge's language model (the same providers and fields as extraction-service's
 * {@code earshot.extraction.openai|anthropic}).
 *
 * @param baseUrl e.g. {@code https://api.openai.com}, {@code https://api.anthropic.com}, or a local
 *     OpenAI-compatible server
 * @param path request path: {@code /v1/chat/completions} or {@code /v1/messages}
 * @param apiKey the key; blank for local servers that need none
 * @param authHeader {@code Authorization} (sent as {@code Bearer <key>}) or a header carrying the
 *     key as is ({@code api-key} for Azure, {@code x-api-key} for Anthropic)
 * @param model model name
 * @param timeout longest wait for one answer
 * @param maxRetries retries after timeouts, 5xx and 429
 * @param maxOutputTokens cap on the answer's tokens
 * @param inputPricePerMillion USD per million input tokens, for the cost metric (0: not counted)
 * @param outputPricePerMillion USD per million output tokens
 */
public record JudgeEndpoint(
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

  /** Everything but the key, which must never reach a log. */
  @Override
  public String toString() {
    return "JudgeEndpoint[baseUrl=%s, path=%s, apiKey=%s, model=%s, timeout=%s, maxRetries=%d]"
        .formatted(
            baseUrl,
            path,
            apiKey == null || apiKey.isBlank() ? "none" : "***",
            model,
            timeout,
            maxRetries);
  }

  boolean hasKey() {
    return apiKey != null && !apiKey.isBlank();
  }
}
