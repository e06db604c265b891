package dev.earshot.kit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DeadLetterCommandTest {

  @ParameterizedTest
  @ValueSource(
      strings = {"dlt --help", "dlt replay --help", "replay -h", "dlt replay --topic t -h"})
  void helpPrintsTheUsageAndSucceedsWithoutTouchingKafka(String line) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();

    int status =
        DeadLetterCommand.run(
            line.split(" "),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));

    assertThat(status).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("dlt replay --topic");
    assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
  }
}
