package dev.earshot.dedup;

import dev.earshot.dedup.board.Matching;
import dev.earshot.dedup.judge.MatchJudge;
import dev.earshot.dedup.lease.IndexLease;
import dev.earshot.dedup.lease.LeaseLocks;
import dev.earshot.dedup.vector.VectorIndex;
import dev.earshot.embeddings.EmbeddingModel;
import dev.earshot.provider.PollBudget;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaConsumerFactoryCustomizer;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The embedding model, its calibrated threshold and the vector index, as configured. */
@Configuration(proxyBeanMethods = false)
class DedupConfiguration {

  private static final Logger log = LoggerFactory.getLogger(DedupConfiguration.class);

  /** Items per poll with a fast model: more only lengthens a rebalance. */
  static final int OFFLINE_ITEMS_PER_POLL = 100;

  /** Index calls an item makes at most: a search, the upsert, a delete. */
  static final int INDEX_CALLS_PER_ITEM = 3;

  /** An item's PostgreSQL work (a few statements in one transaction): an allowance. */
  static final Duration POSTGRES_ALLOWANCE = Duration.ofSeconds(2);

  @Bean
  @ConditionalOnMissingBean
  EmbeddingModel embeddingModel(DedupProperties properties) {
    return DedupModels.embeddingModel(properties);
  }

  @Bean
  Matching matching(DedupProperties properties, EmbeddingModel model) {
    return DedupModels.matching(properties, model);
  }

  @Bean
  @ConditionalOnMissingBean
  MatchJudge matchJudge(DedupProperties properties, MeterRegistry meters) {
    return DedupModels.judge(properties, meters);
  }

  /**
   * Sizes polls of feedback.items.v1 to an item's longest path ({@link PollBudget}): the embedding
   * model's longest call, three index calls (search, upsert, delete), the judge's longest question
   * (none offline) and {@link #POSTGRES_ALLOWANCE}. Without a configured {@code max.poll.records},
   * as many items as fit {@code max.poll.interval.ms} (at most {@link #OFFLINE_ITEMS_PER_POLL}); a
   * configured one that cannot fit refuses to start.
   */
  @Bean
  DefaultKafkaConsumerFactoryCustomizer pollSizedToTheModel(
      KafkaProperties kafka, EmbeddingModel model, VectorIndex index, MatchJudge judge) {
    Duration longestItem =
        model
            .longestCall()
            .plus(index.longestCall().multipliedBy(INDEX_CALLS_PER_ITEM))
            .plus(judge.longestCall())
            .plus(POSTGRES_ALLOWANCE);
    Map<String, Object> consumer = kafka.buildConsumerProperties();
    PollBudget budget =
        new PollBudget(longestItem, PollBudget.interval(consumer), OFFLINE_ITEMS_PER_POLL);
    PollBudget.Fit fit = budget.fit(PollBudget.configuredRecords(consumer));
    String what = model.name() + " and " + index.describe();
    if (!(fit instanceof PollBudget.Fit.Sized sized)) {
      throw new IllegalStateException("dedup-service cannot start: " + budget.explain(fit, what));
    }
    log.atInfo()
        .addKeyValue("maxPollRecords", sized.records())
        .addKeyValue("longestItemSeconds", longestItem.toSeconds())
        .log(budget.explain(fit, what));
    return factory ->
        factory.updateConfigs(Map.of(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, sized.records()));
  }

  /**
   * With the embedded index, the right to consume against this database ({@link IndexLease}), taken
   * before the index is opened: a second dedup-service refuses to start, naming the first.
   */
  @Bean(destroyMethod = "close")
  @ConditionalOnProperty(
      name = "earshot.dedup.index.kind",
      havingValue = "lucene",
      matchIfMissing = true)
  IndexLease embeddedIndexLease(LeaseLocks locks, EmbeddingModel model) {
    IndexLease lease =
        new IndexLease(
            locks,
            model.name(),
            model.dimension(),
            "dedup-service "
                + System.getenv().getOrDefault("HOSTNAME", "host")
                + " pid "
                + ProcessHandle.current().pid());
    lease.acquire();
    return lease;
  }

  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
  VectorIndex vectorIndex(
      DedupProperties properties,
      EmbeddingModel model,
      Clock clock,
      ObjectProvider<IndexLease> lease) {
    // taken first: a second process is told who holds the index rather than that it is locked
    lease.ifAvailable(held -> {});
    return DedupModels.vectorIndex(properties, model, clock);
  }
}
