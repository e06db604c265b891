package dev.earshot.ingest;

import dev.earshot.gong.limit.Bucket4jRateLimiter;
import dev.earshot.gong.limit.GongRateLimiter;
import dev.earshot.gong.limit.RateLimits;
import dev.earshot.ingest.crypto.CredentialCipher;
import dev.earshot.ingest.crypto.KeysetLoader;
import dev.earshot.ingest.crypto.TinkCredentialCipher;
import io.github.bucket4j.TokensInheritanceStrategy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import javax.sql.DataSource;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Infrastructure beans of ingest-service. */
@Configuration(proxyBeanMethods = false)
public class IngestConfiguration {

  @Bean
  @ConditionalOnMissingBean
  CredentialCipher credentialCipher(IngestProperties properties) {
    IngestProperties.Crypto crypto = properties.crypto();
    return new TinkCredentialCipher(
        KeysetLoader.load(crypto.keyset(), crypto.keysetFile(), crypto.generateIfMissing()));
  }

  /**
   * One Bucket4j bucket per connection in PostgreSQL (table {@code bucket}, row locked per
   * request), so every replica draws from the same per-second and daily budget ({@code
   * earshot.ingest.gong-limits}); a stored bucket takes changed limits when their version is
   * raised.
   */
  @Bean
  @ConditionalOnMissingBean
  GongRateLimiter gongRateLimiter(DataSource dataSource, IngestProperties properties) {
    return sharedRateLimiter(dataSource, properties.gongLimits());
  }

  /**
   * Gong's request budget per connection, shared by every replica: one Bucket4j bucket per
   * connection key in PostgreSQL (table {@code bucket}, V3; the row is locked per request) with the
   * configured per-second and daily limits, and a second row per connection (key {@code
   * <key>#hold}) that a 429 holds every replica's requests with for its {@code Retry-After}. A
   * stored bucket takes changed limits only when their {@code version} is raised (Bucket4j's
   * implicit configuration replacement), keeping the tokens it has already used.
   */
  public static GongRateLimiter sharedRateLimiter(
      DataSource dataSource, IngestProperties.GongLimits configured) {
    RateLimits limits =
        new RateLimits(
            configured.perSecond(), configured.perDay(), RateLimits.gongDefaults().maxWait());
    ProxyManager<String> buckets =
        Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
            .primaryKeyMapper(PrimaryKeyMapper.STRING)
            .build();
    return new Bucket4jRateLimiter(
        limits,
        (key, configuration) ->
            buckets
                .builder()
                .withImplicitConfigurationReplacement(
                    configured.version(), TokensInheritanceStrategy.ADDITIVE)
                .build(key, () -> configuration));
  }

  /** {@code earshot.ingest.gong.daily_quota}: the requests per day each connection may make. */
  @Bean
  MeterBinder gongDailyQuota(IngestProperties properties) {
    return registry ->
        Gauge.builder("earshot.ingest.gong.daily_quota", properties.gongLimits(), l -> l.perDay())
            .description("Gong requests a connection may make per day (earshot.ingest.gong-limits)")
            .register(registry);
  }
}
