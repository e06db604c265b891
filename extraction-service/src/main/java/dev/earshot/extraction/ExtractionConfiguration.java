package dev.earshot.extraction;

import dev.earshot.embeddings.EmbeddingModel;
import dev.earshot.embeddings.MiniLmEmbeddingModel;
import dev.earshot.extraction.extract.FeatureArea;
import dev.earshot.extraction.followup.DraftingFollowUps;
import dev.earshot.extraction.followup.FollowUpModel;
import dev.earshot.extraction.model.FeedbackModel;
import dev.earshot.extraction.organise.Organising;
import dev.earshot.extraction.pipeline.ExtractingFeedback;
import dev.earshot.provider.PollBudget;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaConsumerFactoryCustomizer;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The models chosen by configuration (feedback and follow-ups), the org's boards, and the
 * extraction and follow-up use cases.
 */
@Configuration(proxyBeanMethods = false)
class ExtractionConfiguration {

  private static final Logger log = LoggerFactory.getLogger(ExtractionConfiguration.class);

  /** Calls per poll with a fast model: more only lengthens a rebalance. */
  static final int OFFLINE_CALLS_PER_POLL = 20;

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
  @ConditionalOnMissingBean
  FollowUpModel followUpModel(ExtractionProperties properties) {
    return FollowUpModels.create(properties);
  }

  @Bean
  DraftingFollowUps draftingFollowUps(FollowUpModel model) {
    return new DraftingFollowUps(model);
  }

  /**
   * Sizes polls of gong.calls.v1 to the slower of the two models' longest call (feedback and
   * follow-ups share the consumer factory) ({@link PollBudget}): without a configured {@code
   * max.poll.records}, as many calls as fit {@code max.poll.interval.ms} (at most {@link
   * #OFFLINE_CALLS_PER_POLL}); a configured one that cannot fit refuses to start.
   */
  @Bean
  DefaultKafkaConsumerFactoryCustomizer pollSizedToTheModel(
      KafkaProperties kafka, FeedbackModel model, FollowUpModel followUps) {
    Map<String, Object> consumer = kafka.buildConsumerProperties();
    boolean feedbackSlower = model.longestCall().compareTo(followUps.longestCall()) >= 0;
    java.time.Duration longest = feedbackSlower ? model.longestCall() : followUps.longestCall();
    PollBudget budget =
        new PollBudget(longest, PollBudget.interval(consumer), OFFLINE_CALLS_PER_POLL);
    PollBudget.Fit fit = budget.fit(PollBudget.configuredRecords(consumer));
    String what =
        feedbackSlower
            ? "the " + model.info().provider() + " model's longest call"
            : "the " + followUps.info().provider() + " follow-up model's longest call";
    if (!(fit instanceof PollBudget.Fit.Sized sized)) {
      throw new IllegalStateException(
          "extraction-service cannot start: " + budget.explain(fit, what));
    }
    log.atInfo()
        .addKeyValue("maxPollRecords", sized.records())
        .addKeyValue("longestCallSeconds", longest.toSeconds())
        .log(budget.explain(fit, what));
    return factory ->
        factory.updateConfigs(Map.of(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, sized.records()));
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
