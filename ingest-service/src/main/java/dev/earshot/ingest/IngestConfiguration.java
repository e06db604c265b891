package dev.earshot.ingest;

import dev.earshot.gong.limit.Bucket4jRateLimiter;
import dev.earshot.gong.limit.GongRateLimiter;
import dev.earshot.gong.limit.RateLimits;
import dev.earshot.ingest.crypto.CredentialCipher;
import dev.earshot.ingest.crypto.KeysetLoader;
import dev.earshot.ingest.crypto.TinkCredentialCipher;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import javax.sql.DataSource;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Infrastructure beans of ingest-service. */
@Configuration(proxyBeanMethods = false)
class IngestConfiguration {

  @Bean
  @ConditionalOnMissingBean
  CredentialCipher credentialCipher(IngestProperties properties) {
    IngestProperties.Crypto crypto = properties.crypto();
    return new TinkCredentialCipher(
        KeysetLoader.load(crypto.keyset(), crypto.keysetFile(), crypto.generateIfMissing()));
  }

  /**
   * One Bucket4j bucket per connection in PostgreSQL (table {@code bucket}, row locked per
   * request), so every replica draws from the same 3 requests/s and daily quota.
   */
  @Bean
  @ConditionalOnMissingBean
  GongRateLimiter gongRateLimiter(DataSource dataSource) {
    RateLimits limits = RateLimits.gongDefaults();
    BucketConfiguration configuration = limits.toBucketConfiguration();
    ProxyManager<String> buckets =
        Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
            .primaryKeyMapper(PrimaryKeyMapper.STRING)
            .build();
    return new Bucket4jRateLimiter(
        limits, key -> buckets.builder().build(key, () -> configuration));
  }
}
