package dev.earshot.gong.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.earshot.gong.auth.GongCredentials;
import dev.earshot.gong.limit.Bucket4jRateLimiter;
import dev.earshot.gong.limit.GongRateLimiter;
import dev.earshot.gong.limit.RateLimits;
import dev.earshot.gong.simulator.GongSimulator;
import dev.earshot.gong.simulator.SimulatorConfig;
import dev.earshot.gong.url.BaseUrlGuard;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Gong's real limit (3 requests/s per credential), as the simulator enforces it. */
class GongRateLimitContractTest {

  GongSimulator simulator;

  @BeforeEach
  void start() throws Exception {
    simulator = GongSimulator.start(SimulatorConfig.defaults().withCorpus(20, 3));
  }

  @AfterEach
  void stop() {
    simulator.close();
  }

  GongClient client(GongRateLimiter limiter, SimpleMeterRegistry meters) {
    return GongClient.builder()
        .baseUrl(BaseUrlGuard.allowingLocal(Set.of(simulator.baseUrl())).check(simulator.baseUrl()))
        .credentials(
            new GongCredentials.AccessKey(
                SimulatorConfig.DEMO_ACCESS_KEY, SimulatorConfig.DEMO_ACCESS_SECRET))
        .rateLimiter(limiter)
        .meterRegistry(meters)
        .build();
  }

  @Test
  void theDefaultLimiterKeepsUnderThreeRequestsPerSecondSoGongNeverSays429() {
    GongClient client =
        client(Bucket4jRateLimiter.inMemory(RateLimits.gongDefaults()), new SimpleMeterRegistry());

    for (int i = 0; i < 8; i++) {
      client.users(null);
    }

    assertThat(simulator.counters().endpoint("users")).isEqualTo(8);
    assertThat(simulator.counters().rateLimited()).isZero();
  }

  @Test
  void withoutALimiterGongAnswers429AndTheClientHonoursRetryAfter() {
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    GongClient unlimited = client(key -> Duration.ZERO, meters);

    for (int i = 0; i < 6; i++) {
      assertThat(unlimited.users(null).users()).isNotEmpty();
    }

    assertThat(simulator.counters().rateLimited()).isPositive();
    assertThat(meters.get("gong.client.rate_limited").tag("endpoint", "users").counter().count())
        .isPositive();
    assertThat(
            meters
                .get("gong.client.requests")
                .tag("endpoint", "users")
                .tag("status", "200")
                .counter()
                .count())
        .isEqualTo(6);
  }

  @Test
  void aSpentDailyQuotaStopsRequestsBeforeTheyLeave() throws Exception {
    GongRateLimiter limiter =
        Bucket4jRateLimiter.inMemory(new RateLimits(3, 2, Duration.ofSeconds(1)));
    GongClient client = client(limiter, new SimpleMeterRegistry());

    client.users(null);
    client.users(null);

    assertThatThrownBy(() -> client.users(null)).isInstanceOf(GongRateLimiter.QuotaExhausted.class);
    assertThat(simulator.counters().endpoint("users")).isEqualTo(2);
  }

  @Test
  void waitingForThePermitIsMeasured() {
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    GongClient client = client(Bucket4jRateLimiter.inMemory(RateLimits.gongDefaults()), meters);

    client.users(null);
    client.users(null);

    assertThat(meters.timer("gong.client.limiter.wait").count()).isEqualTo(2);
    assertThat(
            meters
                .timer("gong.client.limiter.wait")
                .totalTime(java.util.concurrent.TimeUnit.NANOSECONDS))
        .isPositive();
  }
}
