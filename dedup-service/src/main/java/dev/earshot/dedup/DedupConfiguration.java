package dev.earshot.dedup;

import dev.earshot.dedup.board.Matching;
import dev.earshot.dedup.vector.VectorIndex;
import dev.earshot.embeddings.EmbeddingModel;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The embedding model, its calibrated threshold and the vector index, as configured. */
@Configuration(proxyBeanMethods = false)
class DedupConfiguration {

  @Bean
  @ConditionalOnMissingBean
  Clock clock() {
    return Clock.systemUTC();
  }

  @Bean
  @ConditionalOnMissingBean
  EmbeddingModel embeddingModel(DedupProperties properties) {
    return DedupModels.embeddingModel(properties);
  }

  @Bean
  Matching matching(DedupProperties properties, EmbeddingModel model) {
    return DedupModels.matching(properties, model);
  }

  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
  VectorIndex vectorIndex(DedupProperties properties, EmbeddingModel model, Clock clock) {
    return DedupModels.vectorIndex(properties, model, clock);
  }
}
