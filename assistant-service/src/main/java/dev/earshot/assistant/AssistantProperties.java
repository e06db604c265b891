package dev.earshot.assistant;

import dev.earshot.provider.LlmEndpoint;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * assistant-service's settings ({@code earshot.assistant.*}).
 *
 * @param dedupUrl dedup-service's base URL, for merge suggestions (their review state lives there)
 * @param dedupTimeout how long a request to dedup-service may take
 * @param answers who writes answers to questions: the offline extractive default or a language
 *     model
 */
@ConfigurationProperties("earshot.assistant")
public record AssistantProperties(
    @DefaultValue("http://localhost:8084") URI dedupUrl,
    @DefaultValue("10s") Duration dedupTimeout,
    @DefaultValue Answers answers) {

  /**
   * Who writes answers.
   *
   * @param provider {@code none} (the offline extractive answer), {@code openai} (any
   *     OpenAI-compatible chat-completions endpoint) or {@code anthropic} (Messages API)
   * @param baseUrl the provider's base URL, e.g. {@code https://api.openai.com}
   * @param path the endpoint's path: {@code /v1/chat/completions} or {@code /v1/messages}
   * @param apiKey the provider's key (secret; never logged)
   * @param authHeader the header carrying the key: {@code Authorization} (as a bearer token) or
   *     {@code x-api-key}
   * @param model the model's name
   * @param timeout how long one request may take
   * @param maxRetries retries of a request that timed out or met a 5xx or 429
   * @param maxOutputTokens the answer's token cap
   * @param inputPricePerMillion price of a million input tokens, for the cost metric
   * @param outputPricePerMillion price of a million output tokens
   */
  public record Answers(
      @DefaultValue("none") String provider,
      String baseUrl,
      String path,
      String apiKey,
      @DefaultValue("Authorization") String authHeader,
      String model,
      @DefaultValue("30s") Duration timeout,
      @DefaultValue("2") int maxRetries,
      @DefaultValue("800") int maxOutputTokens,
      @DefaultValue("0") BigDecimal inputPricePerMillion,
      @DefaultValue("0") BigDecimal outputPricePerMillion)
      implements LlmEndpoint {

    /** Whether a language model writes answers. */
    public boolean generative() {
      return !"none".equals(provider);
    }

    @Override
    public String modelName() {
      return model;
    }

    /** Everything but the key, which must never reach a log. */
    @Override
    public String toString() {
      return "Answers[provider=" + provider + ", " + LlmEndpoint.describe("", this).substring(1);
    }
  }
}
