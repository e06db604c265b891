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
  }

  @Test
  void refusesBadInputWithTheReason() {
    assertThatThrownBy(() -> SimulatorMain.parse("--calls", "0")).hasMessageContaining("1..100000");
    assertThatThrownBy(() -> SimulatorMain.parse("--access-key", "K"))
        .hasMessageContaining("go together");
    assertThatThrownBy(() -> SimulatorMain.parse("--port")).hasMessageContaining("needs a value");
    assertThatThrownBy(() -> SimulatorMain.parse("--bogus", "1"))
        .hasMessageContaining("unknown option");
  }
}
