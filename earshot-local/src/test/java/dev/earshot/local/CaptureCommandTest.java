package dev.earshot.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.earshot.gong.api.Privacy;
import dev.earshot.gong.client.GongJson;
import dev.earshot.gong.simulator.GongSimulator;
import dev.earshot.gong.simulator.SimulatorConfig;
import dev.earshot.gong.simulator.corpus.CorpusCall;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** {@code ./earshot capture} against the simulator standing in for a real workspace. */
class CaptureCommandTest {

  static GongSimulator gong;

  @BeforeAll
  static void start() throws Exception {
    gong =
        GongSimulator.start(
            SimulatorConfig.defaults().withCorpus(60, 7).withLimits(1_000, 1_000_000));
  }

  @AfterAll
  static void stop() {
    gong.close();
  }

  @Test
  void writesEveryNonPrivateCallWithATranscriptInGongsOwnShapesAndNothingElse(@TempDir Path out)
      throws Exception {
    Set<String> expected =
        gong.corpus().calls().stream()
            .filter(c -> !c.isPrivate() && c.transcriptReady(gong.now()))
            .map(CorpusCall::id)
            .collect(Collectors.toSet());

    Result first = capture(out);

    assertThat(first.status()).isZero();
    assertThat(first.summary().path("written").asInt()).isEqualTo(expected.size());
    assertThat(filesIn(out)).containsExactlyInAnyOrderElementsOf(expected);
    JsonNode file = GongJson.mapper().readTree(out.resolve(expected.iterator().next() + ".json"));
    assertThat(file.path("call").path("metaData").path("isPrivate").asBoolean(true)).isFalse();
    assertThat(file.path("call").path("parties").isArray()).isTrue();
    assertThat(file.path("call").path("context").isArray()).isTrue();
    assertThat(file.path("call").path("content").path("brief").isString()).isTrue();
    assertThat(file.path("transcript").path("callId").asString())
        .isEqualTo(file.path("call").path("metaData").path("id").asString());
    assertThat(file.path("transcript").path("transcript").isArray()).isTrue();
    assertThat(gong.counters().privateCallIdsInTranscriptRequests()).isZero();
  }

  @Test
  void aSecondRunFetchesOnlyWhatIsMissing(@TempDir Path out) throws Exception {
    capture(out);
    Files.delete(Files.list(out).findFirst().orElseThrow());
    gong.counters().reset();

    Result second = capture(out);

    assertThat(second.summary().path("written").asInt()).isEqualTo(1);
    assertThat(second.summary().path("already_captured").asInt()).isPositive();
    assertThat(gong.counters().endpoint("calls_transcript")).isEqualTo(1);
  }

  @Test
  void aCallWhoseMetadataDoesNotSayPublicIsNotCaptured() {
    assertThat(CapturingGongCalls.privacyOf(json("{\"metaData\":{\"id\":\"1\"}}")))
        .isEqualTo(Privacy.UNKNOWN);
    assertThat(
            CapturingGongCalls.privacyOf(
                json("{\"metaData\":{\"id\":\"1\",\"isPrivate\":\"false\"}}")))
        .isEqualTo(Privacy.UNKNOWN);
    assertThat(
            CapturingGongCalls.privacyOf(json("{\"metaData\":{\"id\":\"1\",\"isPrivate\":false}}")))
        .isEqualTo(Privacy.PUBLIC);
  }

  @Test
  void aWrongCommandLineIsRefusedWithTheUsage(@TempDir Path out) throws Exception {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status =
        CaptureCommand.run(
            new String[] {
              "capture",
              "--base-url",
              "https://us-1.app.gong.io",
              "--access-key",
              "k",
              "--secret",
              "s",
              "--days",
              "7",
              "--out",
              out.toString()
            },
            new PrintStream(new ByteArrayOutputStream()),
            new PrintStream(err));

    assertThat(status).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("us-1.api.gong.io");
  }

  private static JsonNode json(String text) {
    return GongJson.mapper().readTree(text);
  }

  record Result(int status, JsonNode summary) {}

  private static Result capture(Path out) throws Exception {
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    int status =
        CaptureCommand.run(
            new String[] {
              "capture",
              "--base-url",
              gong.baseUrl(),
              "--access-key",
              gong.config().accessKey(),
              "--secret",
              gong.config().accessSecret(),
              "--days",
              "60",
              "--out",
              out.toString()
            },
            new PrintStream(stdout),
            new PrintStream(new ByteArrayOutputStream()));
    List<String> lines = stdout.toString(StandardCharsets.UTF_8).lines().toList();
    return new Result(status, GongJson.mapper().readTree(lines.getLast()));
  }

  private static List<String> filesIn(Path dir) throws Exception {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString().replace(".json", "")).toList();
    }
  }
}
