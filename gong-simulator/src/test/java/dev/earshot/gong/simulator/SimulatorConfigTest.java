package dev.earshot.gong.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SimulatorConfigTest {

  private static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");

  @Test
  void theBuilderStartsFromTheDefaultsAndTheWithMethodsChangeOneThing() {
    SimulatorConfig built = SimulatorConfig.builder().now(NOW).build();

    assertThat(built).isEqualTo(SimulatorConfig.defaults().withNow(NOW));
    assertThat(built.dailyQuota()).isEqualTo(10_000);
    assertThat(built.withPort(8090).toBuilder().port(0).build()).isEqualTo(built);
    assertThat(
            SimulatorConfig.builder()
                .now(NOW)
                .corpus(5, 7)
                .limits(10, 20)
                .cursorTtl(Duration.ofSeconds(1))
                .build())
        .isEqualTo(built.withCorpus(5, 7).withLimits(10, 20).withCursorTtl(Duration.ofSeconds(1)));
  }
}
