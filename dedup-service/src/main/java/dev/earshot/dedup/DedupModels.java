package dev.earshot.dedup;

import dev.earshot.dedup.board.KindPenalty;
import dev.earshot.dedup.board.Matching;
import dev.earshot.dedup.judge.AnthropicMatchJudge;
import dev.earshot.dedup.judge.MatchJudge;
import dev.earshot.dedup.judge.MeteredJudge;
import dev.earshot.dedup.judge.OpenAiMatchJudge;
import dev.earshot.dedup.similarity.Thresholds;
import dev.earshot.dedup.vector.LuceneVectorIndex;
import dev.earshot.dedup.vector.QdrantVectorIndex;
import dev.earshot.dedup.vector.VectorIndex;
import dev.earshot.embeddings.EmbeddingModel;
import dev.earshot.embeddings.MiniLmEmbeddingModel;
import dev.earshot.embeddings.OpenAiEmbeddingModel;
import dev.earshot.embeddings.VoyageEmbeddingModel;
import dev.earshot.provider.LlmSettings;
import io.micrometer.core.instrument.MeterRegistry;
import io.qdrant.client.QdrantClient;
import io.qdrant.client.QdrantGrpcClient;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * The embedding model, its threshold and the vector index, chosen by configuration; shared by the
 * service and the {@code ./earshot similarity} command so both decide alike.
 */
public final class DedupModels {

  private DedupModels() {}

  public static EmbeddingModel embeddingModel(DedupProperties properties) {
    DedupProperties.Embedding e = properties.embedding();
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    return switch (e.model()) {
      case MiniLmEmbeddingModel.NAME -> new MiniLmEmbeddingModel();
      case "voyage" -> new VoyageEmbeddingModel(requireKey(e.voyage(), "voyage"), http);
      case "openai" -> new OpenAiEmbeddingModel(requireKey(e.openai(), "openai"), http);
      default -> throw new IllegalArgumentException("unknown embedding model " + e.model());
    };
  }

  private static dev.earshot.embeddings.HostedEmbeddingSettings requireKey(
      DedupProperties.Hosted hosted, String provider) {
    if (hosted.name() == null || hosted.name().isBlank()) {
      throw new IllegalStateException(
          "earshot.dedup.embedding."
              + provider
              + ".name is required for the "
              + provider
              + " model");
    }
    return hosted.settings();
  }

  /**
   * The join rule: with re-scoring on, the re-scored score's threshold ({@code
   * earshot.dedup.rescoring.thresholds}), else the embedding model's.
   */
  public static Matching matching(DedupProperties properties, EmbeddingModel model) {
    Map<String, Double> thresholds =
        properties.rescoring().enabled()
            ? properties.rescoring().thresholds()
            : properties.thresholds();
    return new Matching(
        new Thresholds(thresholds).of(model.name()),
        new Thresholds(properties.uncertainBands()).orElse(model.name(), 0));
  }

  /**
   * How much lower a candidate of another main kind than the item's scores, for this model ({@code
   * earshot.dedup.kind-penalties}); {@link KindPenalty#NONE} for a model without one.
   *
   * @throws IllegalArgumentException when the configured penalty is outside [0, 1)
   */
  public static KindPenalty kindPenalty(DedupProperties properties, EmbeddingModel model) {
    return new KindPenalty(new Thresholds(properties.kindPenalties()).orElse(model.name(), 0));
  }

  /** The judge of uncertain items, metered; {@link MatchJudge#NEVER} without a provider. */
  public static MatchJudge judge(DedupProperties properties, MeterRegistry meters) {
    DedupProperties.Judge j = properties.judge();
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    DedupProperties.Llm llm =
        switch (j.provider()) {
          case "openai" -> j.openai();
          case "anthropic" -> j.anthropic();
          default -> null;
        };
    if (llm == null) {
      return MatchJudge.NEVER;
    }
    LlmSettings settings = llm.settings("earshot.dedup.judge." + j.provider(), "name");
    MatchJudge judge =
        j.provider().equals("openai")
            ? new OpenAiMatchJudge(settings, http)
            : new AnthropicMatchJudge(settings, http);
    return new MeteredJudge(judge, meters, llm.inputPricePerMillion(), llm.outputPricePerMillion());
  }

  public static VectorIndex vectorIndex(
      DedupProperties properties, EmbeddingModel model, Clock clock) {
    DedupProperties.Index index = properties.index();
    if (index.kind().equals("qdrant")) {
      DedupProperties.Qdrant q = index.qdrant();
      QdrantGrpcClient.Builder grpc = QdrantGrpcClient.newBuilder(q.host(), q.port(), q.tls());
      if (q.apiKey() != null && !q.apiKey().isBlank()) {
        grpc = grpc.withApiKey(q.apiKey());
      }
      // the collection is created (and a lost one rebuilt) by IndexedPosts.rebuildIfLost at start
      return new QdrantVectorIndex(
          new QdrantClient(grpc.withTimeout(q.timeout()).build()),
          model.name(),
          model.dimension(),
          q.timeout());
    }
    DedupProperties.Lucene lucene = index.lucene();
    Path dir =
        lucene
            .path()
            .resolve(
                model.name().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.-]+", "_")
                    + "-"
                    + model.dimension());
    return new LuceneVectorIndex(
        dir, model.dimension(), lucene.ramBufferMb(), lucene.searchBreadth(), clock);
  }
}
