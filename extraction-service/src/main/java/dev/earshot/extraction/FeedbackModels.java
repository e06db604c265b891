package dev.earshot.extraction;

import dev.earshot.embeddings.EmbeddingModel;
import dev.earshot.extraction.detect.Exemplar;
import dev.earshot.extraction.detect.Kind;
import dev.earshot.extraction.detect.LexicalGate;
import dev.earshot.extraction.extract.FeatureArea;
import dev.earshot.extraction.extract.FeatureAreas;
import dev.earshot.extraction.model.FeedbackModel;
import dev.earshot.extraction.model.OfflineFeedbackModel;
import dev.earshot.extraction.model.llm.AnthropicFeedbackModel;
import dev.earshot.extraction.model.llm.CallDigest;
import dev.earshot.extraction.model.llm.OpenAiFeedbackModel;
import dev.earshot.extraction.organise.Board;
import dev.earshot.extraction.organise.Category;
import dev.earshot.extraction.organise.Organising;
import dev.earshot.provider.LlmSettings;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Builds the configured feedback model, feature areas and boards from {@link ExtractionProperties}:
 * the service and the command line make them the same way.
 */
public final class FeedbackModels {

  private FeedbackModels() {}

  public static FeedbackModel create(
      ExtractionProperties properties, Supplier<EmbeddingModel> embeddings) {
    ExtractionProperties.Digest d = properties.digest();
    CallDigest.Settings digest =
        new CallDigest.Settings(d.gateScore(), d.maxShare(), d.contextWords());
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    return switch (properties.model()) {
      case "offline" -> OfflineFeedbackModel.create(embeddings.get(), areas(properties));
      case "openai" ->
          new OpenAiFeedbackModel(
              llm("openai", properties.openai()),
              LexicalGate.train(Exemplar.builtIn()),
              digest,
              http);
      case "anthropic" ->
          new AnthropicFeedbackModel(
              llm("anthropic", properties.anthropic()),
              LexicalGate.train(Exemplar.builtIn()),
              digest,
              http);
      default ->
          throw new IllegalStateException(
              "earshot.extraction.model must be offline, openai or anthropic, not "
                  + properties.model());
    };
  }

  public static List<FeatureArea> areas(ExtractionProperties properties) {
    return properties.areas().isEmpty()
        ? FeatureAreas.DEFAULTS
        : properties.areas().stream().map(a -> new FeatureArea(a.name(), a.description())).toList();
  }

  public static Organising organising(ExtractionProperties properties) {
    List<Board> defaults =
        properties.boards().isEmpty() ? Organising.DEFAULT_BOARDS : boards(properties.boards());
    Map<String, List<Board>> perOrg = new LinkedHashMap<>();
    properties.orgs().forEach((org, settings) -> perOrg.put(org, boards(settings.boards())));
    return new Organising(defaults, perOrg);
  }

  static LlmSettings llm(String provider, ExtractionProperties.Llm p) {
    return p.settings("earshot.extraction." + provider, "name");
  }

  private static List<Board> boards(List<ExtractionProperties.BoardSettings> settings) {
    return settings.stream()
        .map(
            b ->
                new Board(
                    b.name(),
                    b.categories().stream()
                        .map(
                            c ->
                                new Category(
                                    c.name(),
                                    new LinkedHashSet<>(c.kinds().stream().map(Kind::of).toList()),
                                    new LinkedHashSet<>(c.areas())))
                        .toList()))
        .toList();
  }
}
