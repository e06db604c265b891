package dev.earshot.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LocalOptionsTest {

  @Test
  void defaultsToTheArchitecturePortsAndThreePartitions() {
    LocalOptions options = LocalOptions.parse();

    assertThat(options)
        .isEqualTo(
            new LocalOptions(false, 9092, 9093, 3, 8090, 300, 42, 8082, 8081, 8083, 8084, 0.1));
  }

  @Test
  void portZeroPicksAFreePort() {
    LocalOptions options = LocalOptions.parse("--once", "--kafka-port", "0");

    assertThat(options.once()).isTrue();
    assertThat(options.kafkaPort()).isPositive().isNotEqualTo(9092);
  }

  @Test
  void refusesUnknownOptionsAndBadNumbersWithTheReason() {
    assertThatThrownBy(() -> LocalOptions.parse("--onse")).hasMessage("unknown option --onse");
    assertThatThrownBy(() -> LocalOptions.parse("--kafka-port", "http"))
        .hasMessage("--kafka-port takes a number, not http");
    assertThatThrownBy(() -> LocalOptions.parse("--partitions", "0"))
        .hasMessage("--partitions must be at least 1, not 0");
    assertThatThrownBy(() -> LocalOptions.parse("--kafka-port"))
        .hasMessage("--kafka-port needs a value");
    assertThatThrownBy(() -> LocalOptions.parse("--calls", "100001"))
        .hasMessage("--calls must be at most 100000, not 100001");
  }
}
