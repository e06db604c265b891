package dev.earshot.extraction.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.earshot.events.serde.PlainJson;
import dev.earshot.extraction.testing.CorpusCalls;
import dev.earshot.gong.simulator.corpus.Corpus;
import dev.earshot.gong.simulator.corpus.CorpusCall;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ExtractionCommandsTest {

  private static final JsonMapper json = JsonMapper.builder().build();
  @TempDir Path dir;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) throws Exception {
    return ExtractionCommands.run(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  void detectWritesOneVerdictPerTextAndSkipsLinesItCannotRead() throws Exception {
    Path in = dir.resolve("texts.jsonl");
    Path result = dir.resolve("out.jsonl");
    Files.write(
        in,
        List.of(
            "{\"id\":\"a\",\"text\":\"The calendar sync keeps failing since Tuesday, we lose bookings.\"}",
            "{\"id\":\"b\",\"text\":\"Thanks, talk to you next week!\"}",
            "not json",
            "{\"id\":\"c\"}"));

    int status = run("detect", "--in", in.toString(), "--out", result.toString());

    assertThat(status).isZero();
    List<JsonNode> rows = Files.readAllLines(result).stream().map(json::readTree).toList();
    assertThat(rows).hasSize(2);
    assertThat(rows.get(0).path("id").asString()).isEqualTo("a");
    assertThat(rows.get(0).path("feedback").asBoolean()).isTrue();
    assertThat(rows.get(0).path("kind").asString()).isEqualTo("bug");
    assertThat(rows.get(1).path("feedback").asBoolean()).isFalse();
    assertThat(rows.get(1).path("kind").asString()).isEqualTo("none");
    assertThat(rows.get(0).path("score").asDouble())
        .isGreaterThan(rows.get(1).path("score").asDouble());
    assertThat(err.toString()).contains("line 3 is not JSON", "line 4 has no \"text\"");
  }

  @Test
  void extractPrintsTheItemsOfACallGivenInPlainJson() throws Exception {
    CorpusCall source =
        Corpus.generate(9, 30, Instant.parse("2026-11-01T00:00:00Z")).calls().stream()
            .filter(c -> !c.planted().isEmpty() && !c.isPrivate())
            .findFirst()
            .orElseThrow();
    Path in = dir.resolve("call.json");
    Files.writeString(in, PlainJson.write(CorpusCalls.toCall(source, "org-cli")));

    int status = run("extract", "--in", in.toString());

    assertThat(status).isZero();
    JsonNode items = json.readTree(out.toString());
    assertThat(items.isArray()).isTrue();
    assertThat(items.size()).isPositive();
    assertThat(items.get(0).path("callId").asString()).isEqualTo(source.id());
    assertThat(items.get(0).path("orgId").asString()).isEqualTo("org-cli");
    assertThat(items.get(0).path("quotes").get(0).path("text").asString()).isNotBlank();
  }

  @Test
  void badArgumentsAreExitCode2WithAReason() throws Exception {
    assertThat(run("detect", "--in", "x.jsonl")).isEqualTo(2);
    assertThat(run("detect", "--in", dir.resolve("missing.jsonl").toString(), "--out", "o"))
        .isEqualTo(2);
    assertThat(run("extract", "--in")).isEqualTo(2);
    assertThat(run("summon")).isEqualTo(2);
    assertThat(err.toString()).contains("required", "cannot read", "needs a value", "usage");
  }

  @Test
  void aFileThatIsNotACallIsRefused() throws Exception {
    Path in = dir.resolve("bad.json");
    Files.writeString(in, "{\"callId\":\"1\"}");

    assertThat(run("extract", "--in", in.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("is not a Call");
  }
}
