package dev.earshot.ingest;

import dev.earshot.gong.limit.Bucket4jRateLimiter;
import dev.earshot.gong.limit.GongRateLimiter;
import dev.earshot.gong.limit.RateLimits;
import dev.earshot.ingest.crypto.CredentialCipher;
import dev.earshot.ingest.crypto.KeysetLoader;
import dev.earshot.ingest.crypto.TinkCredentialCipher;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Infrastructure beans of ingest-service. */
@Configuration(proxyBeanMethods = false)
class IngestConfiguration {

  @Bean
  @ConditionalOnMissingBean
  Clock clock() {
    return Clock.systemUTC();
  }

  @Bean
  @ConditionalOnMissingBean
  CredentialCipher credentialCipher(IngestProperties properties) {
    IngestProperties.Crypto crypto = properties.crypto();
    return new TinkCredentialCipher(
        KeysetLoader.load(crypto.keyset(), crypto.keysetFile(), crypto.generateIfMissing()));
  }

  /** In memory until the shared PostgreSQL bucket backend lands with the poller (issue 6). */
  @Bean
  @ConditionalOnMissingBean
  GongRateLimiter gongRateLimiter() {
    return Bucket4jRateLimiter.inMemory(RateLimits.gongDefaults());
  }
}
