package dev.earshot.extraction;

import dev.earshot.provider.LlmEndpoint;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * extraction-service configuration ({@code earshot.extraction.*}).
 *
 * @param model which feedback model: {@code offline} (default), {@code openai} (any
 *     OpenAI-compatible endpoint) or {@code anthropic}
 * @param openai the OpenAI-compatible endpoint, when {@code model: openai}
 * @param anthropic Anthropic's API, when {@code model: anthropic}
 * @param digest what a language model is sent
 * @param boards the boards every org gets unless it has its own (empty: one "Product feedback"
 *     board with a category per kind)
 * @param orgs per-org boards, by org id
 * @param areas feature areas (empty: a generic SaaS set)
 * @param concurrency listener threads consuming gong.calls.v1 (one partition each at most)
 * @param followups follow-up drafts (calls.followups.v1), their own listener and consumer group
 */
@Validated
@ConfigurationProperties("earshot.extraction")
public record ExtractionProperties(
    @DefaultValue("offline") String model,
    @DefaultValue Llm openai,
    @DefaultValue Llm anthropic,
    @DefaultValue Digest digest,
    @DefaultValue List<BoardSettings> boards,
    @DefaultValue Map<String, OrgSettings> orgs,
    @DefaultValue List<AreaSettings> areas,
    @DefaultValue("2") @Min(1) int concurrency,
    @DefaultValue FollowUps followups) {

  /**
   * This bean in SpEL, for the listeners' concurrency read from it, so their defaults are the ones
   * above (the bean name {@code @ConfigurationPropertiesScan} gives it): {@code "#{" +
   * ExtractionProperties.BEAN + ".concurrency()}"}.
   */
  public static final String BEAN =
      "@'earshot.extraction-dev.earshot.extraction.ExtractionProperties'";

  /**
   * Follow-up drafts: a consumer group of their own on gong.calls.v1 ({@code followups}), so a
   * failure never holds up feedback extraction.
   *
   * @param enabled whether drafts are made at all
   * @param model which drafter: {@code offline} (default, extractive), {@code openai} or {@code
   *     anthropic} (the endpoints above, one request per call)
   * @param concurrency listener threads drafting follow-ups
   * @param maxSentTokens most tokens of numbered sentences sent to a language model per call; a
   *     longer transcript is cut to the sentences with commitment cues, their neighbours and the
   *     call's last part
   */
  public record FollowUps(
      @DefaultValue("true") boolean enabled,
      @DefaultValue("offline") String model,
      @DefaultValue("1") @Min(1) int concurrency,
      @DefaultValue("12000") @Min(500) int maxSentTokens) {}

  /**
   * @param baseUrl the server
   * @param path the request path
   * @param apiKey the key (from the environment; blank for local servers)
   * @param authHeader header carrying the key: {@code Authorization} (Bearer), {@code api-key},
   *     {@code x-api-key}
   * @param name model name
   * @param timeout longest wait for one answer
   * @param maxRetries retries after timeouts, 5xx and 429
   * @param maxOutputTokens cap on an answer's tokens
   * @param inputPricePerMillion USD per million input tokens (0: cost not counted)
   * @param outputPricePerMillion USD per million output tokens
   * @param reasoning {@code true} for one of OpenAI's reasoning models (o1, o3, o4-mini, the gpt-5
   *     family): asked with {@code max_completion_tokens} instead of {@code max_tokens} and without
   *     {@code temperature}, which they refuse; raise {@code max-output-tokens} with it, the cap
   *     counts the model's hidden reasoning tokens too (OpenAI endpoints only: an Anthropic
   *     endpoint with it refuses to start)
   */
  public record Llm(
      String baseUrl,
      String path,
      String apiKey,
      String authHeader,
      String name,
      @DefaultValue("60s") Duration timeout,
      @DefaultValue("3") @Min(0) int maxRetries,
      @DefaultValue("2000") @Min(100) int maxOutputTokens,
      @DefaultValue("0") BigDecimal inputPricePerMillion,
      @DefaultValue("0") BigDecimal outputPricePerMillion,
      @DefaultValue("false") boolean reasoning)
      implements LlmEndpoint {

    @Override
    public String modelName() {
      return name;
    }

    /** Everything but the key, which must never reach a log. */
    @Override
    public String toString() {
      return LlmEndpoint.describe("Llm", this);
    }
  }

  /**
   * @param gateScore lexical score from which a customer sentence is sent to a language model
   * @param maxShare largest share of the transcript's tokens sent
   * @param contextWords words kept of the context sentence before a customer sentence
   */
  public record Digest(
      @DefaultValue("0.1") @DecimalMin("0") @DecimalMax("1") double gateScore,
      @DefaultValue("0.3") @DecimalMin("0.01") @DecimalMax("1") double maxShare,
      @DefaultValue("25") @Min(0) int contextWords) {}

  /** A board: its name and categories, tried in order. */
  public record BoardSettings(String name, @DefaultValue List<CategorySettings> categories) {}

  /**
   * A category and the items it takes: kinds ({@code feature_request}, {@code bug}, {@code
   * limitation}, {@code ux}) and feature areas; empty takes any.
   */
  public record CategorySettings(
      String name, @DefaultValue List<String> kinds, @DefaultValue List<String> areas) {}

  /** One org's own boards. */
  public record OrgSettings(@DefaultValue List<BoardSettings> boards) {}

  /** A feature area and the words that describe it. */
  public record AreaSettings(String name, String description) {}
}
