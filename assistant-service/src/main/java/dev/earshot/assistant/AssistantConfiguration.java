package dev.earshot.assistant;

import dev.earshot.embeddings.EmbeddingModel;
import dev.earshot.embeddings.MiniLmEmbeddingModel;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The models assistant-service uses: the offline all-MiniLM-L6-v2 to rank passages. */
@Configuration(proxyBeanMethods = false)
class AssistantConfiguration {

  @Bean
  EmbeddingModel embeddingModel() {
    return new MiniLmEmbeddingModel();
  }
}
