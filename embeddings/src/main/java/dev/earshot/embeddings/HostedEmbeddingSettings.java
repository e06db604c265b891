package dev.earshot.embeddings;

import dev.earshot.provider.ProviderHttp;
import java.time.Duration;

/**
 * How to reach a hosted embedding API.
 *
 * @param baseUrl e.g. {@code https://api.voyageai.com}, {@code https://api.openai.com}, or a
 *     self-hosted OpenAI-compatible server
 * @param apiKey the key (blank for servers that need none)
 * @param model model name, e.g. {@code voyage-3-large}, {@code text-embedding-3-small}
 * @param dimension the vectors' dimension (checked on every answer)
 * @param batchSize most texts per request
 * @param timeout longest wait for one answer
 * @param maxRetries retries after timeouts, 5xx and 429
 */
public record HostedEmbeddingSettings(
    String baseUrl,
    String apiKey,
    String model,
    int dimension,
    int batchSize,
    Duration timeout,
    int maxRetries) {

  /** Everything but the key, which must never reach a log. */
  @Override
  public String toString() {
    return "HostedEmbeddingSettings[baseUrl=%s, apiKey=%s, model=%s, dimension=%d, batchSize=%d, timeout=%s, maxRetries=%d]"
        .formatted(
            baseUrl, ProviderHttp.masked(apiKey), model, dimension, batchSize, timeout, maxRetries);
  }
}
