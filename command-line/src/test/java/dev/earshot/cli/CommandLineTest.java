package dev.earshot.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CommandLineTest {

  @Test
  void walksOptionsAndValuesInOrder() {
    CommandLine line = new CommandLine("--once", "--port", "8091");

    assertThat(line.next()).isEqualTo("--once");
    assertThat(CommandLine.port("--port", line.value(line.next()))).isEqualTo(8091);
    assertThat(line.hasMore()).isFalse();
    assertThatThrownBy(() -> line.value("--port")).hasMessage("--port needs a value");
  }

  @Test
  void refusesValuesNamingTheOptionAndTheValue() {
    assertThatThrownBy(() -> CommandLine.within("--calls", "0", 1, 100_000))
        .hasMessage("--calls must be 1..100000, not 0");
    assertThatThrownBy(() -> CommandLine.share("--share", "2"))
        .hasMessage("--share must be from 0 to 1, not 2");
    assertThatThrownBy(() -> CommandLine.wholeNumber("--seed", "4.2"))
        .hasMessage("--seed takes a whole number, not 4.2");
  }
}
