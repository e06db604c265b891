package dev.earshot.gong.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SimulatorMainTest {

  @Test
  void parsesPortSizeSeedAndCredentials() {
    var parsed =
        SimulatorMain.parse(
            "--port",
            "8091",
            "--calls",
            "1000",
            "--seed",
            "7",
            "--access-key",
            "K",
            "--access-secret",
            "S");

    assertThat(parsed.config().port()).isEqualTo(8091);
    assertThat(parsed.config().calls()).isEqualTo(1000);
    assertThat(parsed.config().seed()).isEqualTo(7);
    assertThat(parsed.config().accessKey()).isEqualTo("K");
    assertThat(parsed.config().accessSecret()).isEqualTo("S");
  }

  @Test
  void defaultsToPort8090AndADemoCorpus() {
    var parsed = SimulatorMain.parse();

    assertThat(parsed.config().port()).isEqualTo(8090);
    assertThat(parsed.config().calls()).isEqualTo(300);
    assertThat(parsed.bind().isLoopbackAddress()).isTrue();
  }

  @Test
  void bindsEveryInterfaceWhenToldAndOnlyToALiteralAddress() throws Exception {
    assertThat(SimulatorMain.parse("--bind", "0.0.0.0").bind().isAnyLocalAddress()).isTrue();
    assertThatThrownBy(() -> SimulatorMain.parse("--bind", "gong.example.com"))
        .hasMessageContaining("takes an IP address");

    try (GongSimulator simulator =
        GongSimulator.start(
            SimulatorConfig.defaults().withPort(0).withCorpus(1, 1),
            java.net.InetAddress.getByName("0.0.0.0"))) {
      assertThat(simulator.port()).isPositive();
    }
  }

  @Test
  void parsesRealismACorpusDirectoryAndALongSeed() {
    var parsed =
        SimulatorMain.parse(
            "--realism", "field", "--seed", "9007199254740993", "--corpus", "/tmp/calls");

    assertThat(parsed.config().realism()).isEqualTo(Realism.field());
    assertThat(parsed.config().seed()).isEqualTo(9_007_199_254_740_993L);
    assertThat(parsed.config().corpusDirectory()).isEqualTo(java.nio.file.Path.of("/tmp/calls"));
    assertThat(SimulatorMain.parse().config().realism()).isEqualTo(Realism.none());
    assertThat(SimulatorMain.parse("--realism", "NONE").config().realism())
        .isEqualTo(Realism.none());
  }

  @Test
  void refusesBadInputWithTheReason() {
    assertThatThrownBy(() -> SimulatorMain.parse("--realism", "hostile"))
        .hasMessageContaining("none or field");
    assertThatThrownBy(() -> SimulatorMain.parse("--corpus", "/tmp/x", "--calls", "5"))
        .hasMessageContaining("exclude each other");
    assertThatThrownBy(() -> SimulatorMain.parse("--seed", "forty-two"))
        .hasMessageContaining("takes a number");
    assertThatThrownBy(() -> SimulatorMain.parse("--calls", "0")).hasMessageContaining("1..100000");
    assertThatThrownBy(() -> SimulatorMain.parse("--access-key", "K"))
        .hasMessageContaining("go together");
    assertThatThrownBy(() -> SimulatorMain.parse("--port")).hasMessageContaining("needs a value");
    assertThatThrownBy(() -> SimulatorMain.parse("--bogus", "1"))
        .hasMessageContaining("unknown option");
  }
}
