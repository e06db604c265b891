package dev.earshot.extraction;

import dev.earshot.extraction.followup.FollowUpModel;
import dev.earshot.extraction.followup.OfflineFollowUpModel;
import dev.earshot.extraction.followup.llm.LanguageModelFollowUpModel;
import dev.earshot.provider.LanguageModelChat.Dialect;
import java.net.http.HttpClient;
import java.time.Duration;

/**
 * Builds the configured follow-up drafter ({@code earshot.extraction.followups.model}) over the
 * same provider settings as the feedback model ({@code earshot.extraction.openai|anthropic}): the
 * service and the benchmark make it the same way.
 */
public final class FollowUpModels {

  private FollowUpModels() {}

  /**
   * @throws IllegalStateException for an unknown model, or a language model whose endpoint is not
   *     configured
   */
  public static FollowUpModel create(ExtractionProperties properties) {
    ExtractionProperties.FollowUps f =
        properties.followups() == null
            ? new ExtractionProperties.FollowUps(true, "offline", 1, 12_000)
            : properties.followups();
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    return switch (f.model()) {
      case "offline" -> OfflineFollowUpModel.create();
      case "openai" ->
          LanguageModelFollowUpModel.of(
              Dialect.OPENAI,
              FeedbackModels.llm("openai", properties.openai()),
              f.maxSentTokens(),
              http);
      case "anthropic" ->
          LanguageModelFollowUpModel.of(
              Dialect.ANTHROPIC,
              FeedbackModels.llm("anthropic", properties.anthropic()),
              f.maxSentTokens(),
              http);
      default ->
          throw new IllegalStateException(
              "earshot.extraction.followups.model must be offline, openai or anthropic, not "
                  + f.model());
    };
  }
}
