package dev.earshot.extraction;

import dev.earshot.embeddings.EmbeddingModel;
import dev.earshot.embeddings.MiniLmEmbeddingModel;
import dev.earshot.extraction.extract.FeatureArea;
import dev.earshot.extraction.model.FeedbackModel;
import dev.earshot.extraction.organise.Organising;
import dev.earshot.extraction.pipeline.ExtractingFeedback;
import java.time.Clock;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The model chosen by configuration, the org's boards, and the extraction use case. */
@Configuration(proxyBeanMethods = false)
class ExtractionConfiguration {

  @Bean
  @ConditionalOnMissingBean
  Clock clock() {
    return Clock.systemUTC();
  }

  @Bean
  @ConditionalOnMissingBean
  EmbeddingModel embeddingModel() {
    return new MiniLmEmbeddingModel();
  }

  @Bean
  List<FeatureArea> featureAreas(ExtractionProperties properties) {
    return FeedbackModels.areas(properties);
  }

  @Bean
  @ConditionalOnMissingBean
  FeedbackModel feedbackModel(
      ExtractionProperties properties, ObjectProvider<EmbeddingModel> embeddings) {
    return FeedbackModels.create(properties, embeddings::getObject);
  }

  @Bean
  Organising organising(ExtractionProperties properties) {
    return FeedbackModels.organising(properties);
  }

  @Bean
  ExtractingFeedback extractingFeedback(
      FeedbackModel model, Organising organising, List<FeatureArea> areas, Clock clock) {
    return new ExtractingFeedback(model, organising, areas, clock);
  }
}
