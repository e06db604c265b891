package dev.earshot.dedup;

import dev.earshot.embeddings.HostedEmbeddingSettings;
import dev.earshot.provider.LlmEndpoint;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * dedup-service configuration ({@code earshot.dedup.*}).
 *
 * @param embedding which embedding model turns items into vectors
 * @param thresholds least mean similarity for an item to join a post, by embedding model name
 *     (calibrated with {@code ./earshot bench dedup}); a model without one is refused at start
 * @param uncertainBands by embedding model name, how far below its threshold the closest post may
 *     score for an item that starts a new post to be recorded as a merge suggestion (calibrated
 *     with {@code ./earshot bench dedup}, dedup-service README "Threshold"); a model without one
 *     gets no suggestions
 * @param suggestions which in-band candidates become merge suggestions (dedup-service README "Merge
 *     suggestions")
 * @param candidates how many nearest posts the index proposes for each item
 * @param index where post vectors are searched
 * @param outbox how post events leave for feedback.posts.v1
 * @param reconcileInterval how often posts whose vector is not in the index yet are upserted
 * @param concurrency listener threads on feedback.items.v1 (at most its partition count is used)
 * @param rescoring the lexical re-scoring of candidates (README "Matching")
 * @param judge the language model asked about uncertain items (README "Matching")
 * @param kindPenalties by embedding model name, how much lower a candidate post scores when its
 *     main kind (feature request, bug, limitation, UX) differs from the item's, applied before the
 *     threshold and both bands ({@code board.KindPenalty}; calibrated with {@code ./earshot bench
 *     dedup}, README "Kind penalty"; all-minilm-l6-v2: 0.05 in dedup-service.yaml); a model without
 *     one, or 0: kinds are not weighed. Keyed by model name like {@code thresholds}: an environment
 *     variable cannot name it (relaxed binding drops a key's dashes); in a container use {@code
 *     SPRING_APPLICATION_JSON}
 */
@Validated
@ConfigurationProperties("earshot.dedup")
public record DedupProperties(
    @DefaultValue Embedding embedding,
    @DefaultValue Map<String, Double> thresholds,
    @DefaultValue Map<String, Double> uncertainBands,
    @DefaultValue Suggestions suggestions,
    @DefaultValue("10") @Min(1) @Max(100) int candidates,
    @DefaultValue Index index,
    @DefaultValue Outbox outbox,
    @DefaultValue("30s") Duration reconcileInterval,
    @DefaultValue("2") @Min(1) int concurrency,
    @DefaultValue Rescoring rescoring,
    @DefaultValue Judge judge,
    @DefaultValue Map<String, Double> kindPenalties) {

  /**
   * This bean in SpEL, for the {@code @Scheduled} delays and the listener's concurrency read from
   * it, so their defaults are the ones above (the bean name {@code @ConfigurationPropertiesScan}
   * gives it): {@code "#{" + DedupProperties.BEAN + ".reconcileInterval()}"}.
   */
  public static final String BEAN = "@'earshot.dedup-dev.earshot.dedup.DedupProperties'";

  /**
   * Which candidates in the uncertain band become merge suggestions ({@code board.Suggesting}):
   * ranked by {@code score + lexicalWeight × lexical} (lexical: rare content words the post's
   * latest {@code rescoring.mentions-per-post} mentions share with the item, 0..1), dropped below
   * {@code lexicalFloor}, at most {@code most} per item; and, with {@code recheck}, each time a
   * post gains a mention, its nearest posts whose mean similarity between the two posts' mentions
   * now lies in the band. Defaults calibrated with {@code ./earshot bench dedup} on the simulator
   * board and the hand-labelled calls (dedup-service README "Merge suggestions"; {@code most} 2
   * since the threshold of 0.50, dedup-service README "Threshold"); {@code 0, 0, 1, false} is the
   * first rule: the closest in-band candidate only.
   *
   * @param lexicalWeight weight of the lexical evidence in the ranking (0..2)
   * @param lexicalFloor least lexical evidence for a candidate to be suggested (0..1)
   * @param most most suggestions for one new post, and for one re-checked post (1..10)
   * @param recheck whether a post that gains a mention is re-checked against its nearest posts
   * @param recheckSameKind whether a re-checked pair is suggested only when the two posts' main
   *     kinds agree (the kind most of each post's mentions have: feature request, bug, limitation,
   *     UX); on by default (it lifts suggestion precision on both boards and leaves the board after
   *     review as it was, README "Merge suggestions"); false: re-checks ignore kinds
   */
  public record Suggestions(
      @DefaultValue("0.4") @DecimalMin("0") @DecimalMax("2") double lexicalWeight,
      @DefaultValue("0.1") @DecimalMin("0") @DecimalMax("1") double lexicalFloor,
      @DefaultValue("2") @Min(1) @Max(10) int most,
      @DefaultValue("true") boolean recheck,
      @DefaultValue("true") boolean recheckSameKind) {}

  /**
   * Re-scoring of each candidate with the rare content words its latest mentions share with the
   * item: {@code score = mean cosine + weight × lexical}, lexical being the mean over mentions of
   * the best sentence pair's TF-IDF cosine (Lucene EnglishAnalyzer words, rarity over the org's
   * mentions). The re-scored score has its own thresholds.
   *
   * @param enabled whether candidates are re-scored (off: the plain embedding score decides)
   * @param weight weight of the lexical term (0..2)
   * @param thresholds least re-scored score to join, by embedding model name (calibrated with
   *     {@code ./earshot bench dedup}); enabling re-scoring for a model without one is refused
   * @param mentionsPerPost latest mentions of a candidate whose words are compared
   * @param rarityDocuments latest mentions of an org that seed its word rarity on its first item
   */
  public record Rescoring(
      @DefaultValue("false") boolean enabled,
      @DefaultValue("0.4") @DecimalMin("0") @DecimalMax("2") double weight,
      @DefaultValue Map<String, Double> thresholds,
      @DefaultValue("20") @Min(1) @Max(1000) int mentionsPerPost,
      @DefaultValue("5000") @Min(0) int rarityDocuments) {}

  /**
   * A language model asked once per item that joins no post while a candidate scores within {@code
   * band} below the threshold, which candidate it joins, if any; shown titles and closest quotes
   * only.
   *
   * @param provider {@code none} (never asks; the offline default), {@code openai} (any
   *     OpenAI-compatible endpoint) or {@code anthropic}
   * @param band how far below the join threshold a candidate may score to be shown to the judge: an
   *     item that joins no post is put to the judge when a candidate scores in {@code [threshold −
   *     band, threshold)}, whatever the model's {@code uncertain-bands} (which decide merge
   *     suggestions), and in mode {@code suggest} a joined post's neighbours within it are put to
   *     the judge too; 0: never judged. 0.3 by default: with an oracle judge right 9 times in 10 on
   *     the seed-42 simulator board, mode {@code join} leaves 0.302 / 0.268 / 0.302 of posts with a
   *     twin before review at 0.2 / 0.3 / 0.4; in mode {@code suggest} no band of the three is best
   *     on every seed (README "A judge that suggests")
   * @param mode what the model's pick does: {@code suggest} (the default) records it as a merge
   *     suggestion for a person to accept or dismiss, the item keeping its own post (an item the
   *     model was not asked about, or whose answer was unusable, gets the suggestion rule's), and,
   *     with {@code suggestions.recheck}, a mention joining a post also puts the post's closest
   *     neighbours within the band to the model (each pair of posts once by this re-check); {@code
   *     join} joins the item to its pick at once (re-checks then follow the suggestion rule; the
   *     judge of before 2026-12-03). On the simulator boards (seeds 42 / 7 / 1234, band 0.3) an
   *     oracle judge right 9 times in 10 gives suggestions of precision 0.754 / 0.814 / 0.745 in
   *     mode {@code suggest} against 0.276 / 0.391 / 0.214 in mode {@code join}, and never adds
   *     over-merging, which mode {@code join} does on the real calls' board (0.066 → 0.098; README
   *     "A judge that suggests")
   * @param maxCandidates most candidates shown to the model, best first
   * @param quotesPerSide quotes shown for the item and for each candidate
   * @param openai the OpenAI-compatible endpoint, when {@code provider: openai}
   * @param anthropic Anthropic's API, when {@code provider: anthropic}
   */
  public record Judge(
      @DefaultValue("none") @Pattern(regexp = "none|openai|anthropic") String provider,
      @DefaultValue("suggest") @Pattern(regexp = "suggest|join") String mode,
      @DefaultValue("0.3") @DecimalMin("0") @DecimalMax("1") double band,
      @DefaultValue("3") @Min(1) @Max(10) int maxCandidates,
      @DefaultValue("2") @Min(1) @Max(5) int quotesPerSide,
      @DefaultValue Llm openai,
      @DefaultValue Llm anthropic) {}

  /**
   * A language model's endpoint (the same fields as extraction-service's).
   *
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
      @DefaultValue("20s") Duration timeout,
      @DefaultValue("2") @Min(0) int maxRetries,
      @DefaultValue("50") @Min(16) int maxOutputTokens,
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
   * @param model {@code all-minilm-l6-v2} (offline, in this JVM), {@code voyage} or {@code openai}
   *     (any OpenAI-compatible embeddings endpoint)
   * @param voyage Voyage AI settings
   * @param openai OpenAI-compatible settings
   */
  public record Embedding(
      @DefaultValue("all-minilm-l6-v2") @Pattern(regexp = "all-minilm-l6-v2|voyage|openai")
          String model,
      @DefaultValue Hosted voyage,
      @DefaultValue Hosted openai) {}

  /**
   * A hosted embedding API.
   *
   * @param baseUrl API root
   * @param apiKey key (from the environment)
   * @param name model name, e.g. {@code voyage-3-large}
   * @param dimension vector dimension
   * @param batchSize texts per request
   * @param timeout longest wait for one answer
   * @param maxRetries retries after timeouts, 5xx and 429
   */
  public record Hosted(
      String baseUrl,
      String apiKey,
      String name,
      @DefaultValue("1024") int dimension,
      @DefaultValue("64") int batchSize,
      @DefaultValue("30s") Duration timeout,
      @DefaultValue("3") int maxRetries) {

    /** Everything but the key, which must never reach a log. */
    @Override
    public String toString() {
      return "Hosted[baseUrl=%s, apiKey=%s, name=%s, dimension=%d, timeout=%s, maxRetries=%d]"
          .formatted(baseUrl, masked(apiKey), name, dimension, timeout, maxRetries);
    }

    public HostedEmbeddingSettings settings() {
      return new HostedEmbeddingSettings(
          baseUrl, apiKey, name, dimension, batchSize, timeout, maxRetries);
    }
  }

  /**
   * @param kind {@code lucene} (embedded, on local disk) or {@code qdrant}
   * @param lucene the embedded index
   * @param qdrant the Qdrant server
   */
  public record Index(
      @DefaultValue("lucene") @Pattern(regexp = "lucene|qdrant") String kind,
      @DefaultValue Lucene lucene,
      @DefaultValue Qdrant qdrant) {}

  /**
   * @param path directory of the index (one sub-directory per model and dimension)
   * @param commitInterval how often upserts are made durable; later ones are re-upserted after a
   *     crash
   * @param ramBufferMb indexing buffer
   * @param searchBreadth candidates the HNSW search keeps (its ef); more is slower and finds more
   * @param leaseCheckInterval how often this process checks it still holds the embedded index's
   *     lease (a PostgreSQL advisory lock: one dedup-service per database with this index)
   */
  public record Lucene(
      @DefaultValue("data/dedup-index") Path path,
      @DefaultValue("5s") Duration commitInterval,
      @DefaultValue("64") double ramBufferMb,
      @DefaultValue("400") @Min(1) int searchBreadth,
      @DefaultValue("5s") Duration leaseCheckInterval) {}

  /**
   * @param host Qdrant host
   * @param port its gRPC port
   * @param tls whether to use TLS
   * @param apiKey API key, when the server needs one
   * @param timeout longest wait for one call
   */
  public record Qdrant(
      @DefaultValue("localhost") String host,
      @DefaultValue("6334") int port,
      @DefaultValue("false") boolean tls,
      String apiKey,
      @DefaultValue("5s") Duration timeout) {

    /** Everything but the key, which must never reach a log. */
    @Override
    public String toString() {
      return "Qdrant[host=%s, port=%d, tls=%s, apiKey=%s, timeout=%s]"
          .formatted(host, port, tls, masked(apiKey), timeout);
    }
  }

  private static String masked(String key) {
    return key == null || key.isBlank() ? "none" : "***";
  }

  /**
   * @param enabled whether this instance publishes (only one publishes at a time anyway)
   * @param interval time between looks at the outbox
   * @param batchSize most events per look
   * @param sendTimeout longest wait for Kafka to acknowledge a batch
   * @param retention published rows are deleted after this long
   */
  public record Outbox(
      @DefaultValue("true") boolean enabled,
      @DefaultValue("250ms") Duration interval,
      @DefaultValue("500") @Min(1) int batchSize,
      @DefaultValue("30s") Duration sendTimeout,
      @DefaultValue("7d") Duration retention) {}
}
