package dev.earshot.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalOptionsTest {

  @Test
  void defaultsToTheArchitecturePortsAndThreePartitions() {
    LocalOptions options = LocalOptions.parse();

    assertThat(options)
        .isEqualTo(
            new LocalOptions(
                false, 9092, 9093, 3, 8090, 300, 42, 8082, 8081, 8083, 8084, 8085, 0.1, "none",
                null, false));
  }

  @Test
  void processesRunsEachServiceAsItsOwnJvm() {
    assertThat(LocalOptions.parse("--processes", "--once").processes()).isTrue();
    assertThat(LocalOptions.parse("--once").processes()).isFalse();
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
    assertThatThrownBy(() -> LocalOptions.parse("--seed", "4.2"))
        .hasMessage("--seed takes a whole number, not 4.2");
    assertThatThrownBy(() -> LocalOptions.parse("--realism", "hostile"))
        .hasMessage("--realism must be none or field, not hostile");
  }

  @Test
  void aSeedIsAnyLongAsTheSimulatorTakes() {
    assertThat(LocalOptions.parse("--seed", "9007199254740993").seed())
        .isEqualTo(9_007_199_254_740_993L);
    assertThat(LocalOptions.parse("--seed", "-3").seed()).isEqualTo(-3L);
  }

  @Test
  void realismIsAProfileOfTheSimulator() {
    assertThat(LocalOptions.parse("--realism", "FIELD").realism()).isEqualTo("field");
    assertThat(LocalOptions.parse().realism()).isEqualTo("none");
  }

  @Test
  void aCorpusDirectoryExcludesTheGeneratedCorpusOptionsWithAClearMessage(@TempDir Path dir) {
    assertThat(LocalOptions.parse("--corpus", dir.toString()).corpus()).isEqualTo(dir);
    assertThat(LocalOptions.parse("--corpus", dir.toString(), "--realism", "field").realism())
        .isEqualTo("field");

    assertThatThrownBy(() -> LocalOptions.parse("--corpus", dir.toString(), "--calls", "20"))
        .hasMessage(
            "--calls chooses the generated demo corpus; with --corpus DIR the calls are the files"
                + " of DIR, so leave it out");
    assertThatThrownBy(
            () -> LocalOptions.parse("--seed", "7", "--calls", "20", "--corpus", dir.toString()))
        .hasMessageStartingWith("--seed and --calls choose the generated demo corpus")
        .hasMessageEndingWith("so leave them out");
    assertThatThrownBy(() -> LocalOptions.parse("--corpus", dir.resolve("missing").toString()))
        .hasMessageContaining("is not a directory")
        .hasMessageContaining("./earshot capture");
  }
}
