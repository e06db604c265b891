package dev.earshot.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.earshot.gong.limit.GongRateLimiter;
import dev.earshot.testing.EmbeddedDatabase;
import java.time.Duration;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The configured Gong budget on the real {@code bucket} table: a daily quota is enforced across
 * limiters (replicas), a 429's hold reaches every replica, and limits raised with their version
 * reach a bucket already stored, keeping what it used; limits changed without a new version do not.
 */
class GongLimitsIT {

  private static EmbeddedDatabase db;
  private static PGSimpleDataSource dataSource;

  @BeforeAll
  static void start() {
    db = EmbeddedDatabase.start("ingest_limits");
    dataSource = new PGSimpleDataSource();
    dataSource.setURL(db.jdbcUrl("ingest"));
    dataSource.setUser("postgres");
    Flyway.configure()
        .dataSource(dataSource)
        .schemas("ingest")
        .defaultSchema("ingest")
        .load()
        .migrate();
  }

  @AfterAll
  static void stop() throws Exception {
    db.close();
  }

  private static GongRateLimiter limiter(long perDay, long version) {
    return IngestConfiguration.sharedRateLimiter(
        dataSource, new IngestProperties.GongLimits(1000, perDay, version));
  }

  @Test
  void theDailyQuotaHoldsAcrossReplicas() throws Exception {
    GongRateLimiter one = limiter(3, 1);
    GongRateLimiter other = limiter(3, 1);
    one.acquire("c-shared");
    other.acquire("c-shared");
    one.acquire("c-shared");

    assertThatThrownBy(() -> other.acquire("c-shared"))
        .isInstanceOf(GongRateLimiter.QuotaExhausted.class);
  }

  @Test
  void a429HoldsEveryReplicaOfTheConnectionWithoutSpendingTheDailyQuota() throws Exception {
    // given two replicas of a connection with 3 requests a day, one used
    GongRateLimiter one = limiter(3, 1);
    GongRateLimiter other = limiter(3, 1);
    one.acquire("c-held");
    // when Gong answers one replica 429 with Retry-After: 1
    one.holdFor("c-held", Duration.ofSeconds(1));
    // then the other replica's next permit waits the second out, another connection's does not
    assertThat(other.acquire("c-held")).isGreaterThanOrEqualTo(Duration.ofMillis(900));
    assertThat(other.acquire("c-free")).isLessThan(Duration.ofMillis(500));
    // and the hold cost none of the day's budget: the third request is granted, a fourth is not
    assertThat(one.acquire("c-held")).isNotNull();
    assertThatThrownBy(() -> other.acquire("c-held"))
        .isInstanceOf(GongRateLimiter.QuotaExhausted.class);
  }

  @Test
  void raisedLimitsReachAStoredBucketOnlyWithAHigherVersion() throws Exception {
    // given a bucket stored with 2 requests a day, both used
    limiter(2, 1).acquire("c-raised");
    limiter(2, 1).acquire("c-raised");
    assertThatThrownBy(() -> limiter(2, 1).acquire("c-raised"))
        .isInstanceOf(GongRateLimiter.QuotaExhausted.class);

    // a raised quota at the same version is not applied to it
    assertThatThrownBy(() -> limiter(5, 1).acquire("c-raised"))
        .isInstanceOf(GongRateLimiter.QuotaExhausted.class);

    // with a new version it is, and the 2 already used still count: 3 more, then none
    GongRateLimiter raised = limiter(5, 2);
    for (int i = 0; i < 3; i++) {
      assertThat(raised.acquire("c-raised")).isNotNull();
    }
    assertThatThrownBy(() -> raised.acquire("c-raised"))
        .isInstanceOf(GongRateLimiter.QuotaExhausted.class);
  }
}
