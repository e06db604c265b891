package dev.earshot.assistant;

import dev.earshot.assistant.question.AnswerWriter;
import dev.earshot.assistant.question.ExtractiveOnly;
import dev.earshot.assistant.question.LanguageModelAnswers;
import dev.earshot.embeddings.EmbeddingModel;
import dev.earshot.embeddings.MiniLmEmbeddingModel;
import dev.earshot.provider.LanguageModelChat;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.HttpClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The models assistant-service uses: the offline all-MiniLM-L6-v2 to rank passages, and who writes
 * answers ({@code earshot.assistant.answers.provider}: none, openai or anthropic).
 */
@Configuration(proxyBeanMethods = false)
class AssistantConfiguration {

  @Bean
  EmbeddingModel embeddingModel() {
    return new MiniLmEmbeddingModel();
  }

  /**
   * @throws IllegalArgumentException at start for an unknown provider, or a language model without
   *     a base URL, path or model name
   */
  @Bean
  AnswerWriter answerWriter(
      AssistantProperties properties, EmbeddingModel embeddings, MeterRegistry meters) {
    AssistantProperties.Answers answers = properties.answers();
    LanguageModelChat.Dialect dialect =
        switch (answers.provider()) {
          case "none" -> null;
          case "openai" -> LanguageModelChat.Dialect.OPENAI;
          case "anthropic" -> LanguageModelChat.Dialect.ANTHROPIC;
          default ->
              throw new IllegalArgumentException(
                  "earshot.assistant.answers.provider must be none, openai or anthropic, not "
                      + answers.provider());
        };
    if (dialect == null) {
      return new ExtractiveOnly(embeddings.name());
    }
    return new LanguageModelAnswers(
        new LanguageModelChat(
            dialect,
            answers.settings("earshot.assistant.answers", "model"),
            HttpClient.newHttpClient(),
            LanguageModelAnswers.ANSWER),
        answers.inputPricePerMillion(),
        answers.outputPricePerMillion(),
        meters);
  }
}
