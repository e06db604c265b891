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
 * @param ingest ingest-service's internal read API, which {@code GET /api/v1/calls/{id}} asks for a
 *     call the read model does not hold
 */
@ConfigurationProperties("earshot.assistant")
public record AssistantProperties(
    @DefaultValue("http://localhost:8084") URI dedupUrl,
    @DefaultValue("10s") Duration dedupTimeout,
    @DefaultValue Answers answers,
    @DefaultValue Ingest ingest) {

  /**
   * ingest-service's internal read API ({@code GET /internal/v1/orgs/{org}/calls/{id}}), reached
   * with a service token: from the identity provider's client-credentials grant when {@code
   * token-uri} is set, else from the local issuer when it is on (the local profile); with neither,
   * the fallback is off.
   *
   * @param fallback ask ingest-service for a call the read model does not hold ({@code false}: the
   *     calls API answers from the read model only)
   * @param url ingest-service's base URL (inside the cluster, not through the Ingress)
   * @param timeout how long a request to ingest-service (and one to the token endpoint) may take
   * @param tokenUri the identity provider's token endpoint for the client-credentials grant, e.g.
   *     {@code https://idp.example/oauth2/token}; empty: the local issuer signs service tokens
   * @param clientId this service's client id at the identity provider (the token's subject)
   * @param clientSecret its client secret (secret; never logged)
   * @param scope scopes to ask for, space-separated, or empty
   * @param audience the audience the service token must carry: ingest-service's {@code
   *     earshot.security.internal-audience} (the local issuer puts it in; an identity provider is
   *     configured to)
   */
  public record Ingest(
      @DefaultValue("true") boolean fallback,
      @DefaultValue("http://localhost:8082") URI url,
      @DefaultValue("5s") Duration timeout,
      URI tokenUri,
      @DefaultValue("assistant-service") String clientId,
      String clientSecret,
      String scope,
      @DefaultValue("earshot-ingest-internal") String audience) {

    /** Everything but the secret, which must never reach a log. */
    @Override
    public String toString() {
      return "Ingest[fallback=%s, url=%s, timeout=%s, tokenUri=%s, clientId=%s, clientSecret=%s]"
          .formatted(
              fallback, url, timeout, tokenUri, clientId, clientSecret == null ? null : "****");
    }
  }

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
   * @param reasoning {@code true} for one of OpenAI's reasoning models (o1, o3, o4-mini, the gpt-5
   *     family): asked with {@code max_completion_tokens} instead of {@code max_tokens} and without
   *     {@code temperature}, which they refuse; raise {@code max-output-tokens} with it, the cap
   *     counts the model's hidden reasoning tokens too (OpenAI endpoints only: an Anthropic
   *     endpoint with it refuses to start)
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
      @DefaultValue("0") BigDecimal outputPricePerMillion,
      @DefaultValue("false") boolean reasoning)
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
      return LlmEndpoint.describe("Answers", "provider=" + provider, this);
    }
  }
}
