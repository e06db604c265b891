package dev.earshot.dedup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class SimilarityCommandTest {

  @TempDir Path dir;
  private final ByteArrayOutputStream errors = new ByteArrayOutputStream();
  private final PrintStream err = new PrintStream(errors, true, StandardCharsets.UTF_8);

  @Test
  void scoresEachPairWithTheServicesModelAndThreshold() throws Exception {
    // given
    Path in = dir.resolve("pairs.jsonl");
    Files.write(
        in,
        List.of(
            "{\"id\":\"same\",\"a\":\"We need single sign-on through Okta.\",\"b\":\"Could we log in with Okta SSO?\"}",
            "{\"id\":\"different\",\"a\":\"We need single sign-on through Okta.\",\"b\":\"The CSV export stops at ten thousand rows.\"}",
            "not json",
            "{\"id\":7,\"a\":\"only a\"}"));
    Path out = dir.resolve("out.jsonl");
    // when
    int status =
        SimilarityCommand.run(
            new String[] {"similarity", "--in", in.toString(), "--out", out.toString()}, err);
    // then
    assertThat(status).isZero();
    JsonMapper json = JsonMapper.builder().build();
    List<JsonNode> rows = Files.readAllLines(out).stream().map(json::readTree).toList();
    assertThat(rows).hasSize(2);
    assertThat(rows.get(0).path("id").asString()).isEqualTo("same");
    assertThat(rows.get(0).path("duplicate").asBoolean()).isTrue();
    assertThat(rows.get(1).path("duplicate").asBoolean()).isFalse();
    assertThat(rows.get(0).path("score").asDouble())
        .isGreaterThan(rows.get(1).path("score").asDouble());
    assertThat(errors.toString(StandardCharsets.UTF_8))
        .contains("threshold 0.5\n", "line 3 is not JSON", "line 4 lacks");
  }

  @Test
  void aThresholdIsSetLikeTheServicesAndAModelWithoutOneIsRefusedByName() throws Exception {
    Path in = dir.resolve("pairs.jsonl");
    Files.write(in, List.of("{\"id\":1,\"a\":\"x y\",\"b\":\"x z\"}"));
    Path out = dir.resolve("out.jsonl");
    int status =
        SimilarityCommand.run(
            new String[] {
              "similarity",
              "--in",
              in.toString(),
              "--out",
              out.toString(),
              "--set",
              "earshot.dedup.thresholds.all-minilm-l6-v2=0.99"
            },
            err);
    assertThat(status).isZero();
    assertThat(Files.readString(out)).contains("\"duplicate\":false").contains("\"id\":1");
    int refused =
        SimilarityCommand.run(
            new String[] {
              "similarity", "--in", in.toString(), "--out", out.toString(), "--model", "openai"
            },
            err);
    assertThat(refused).isEqualTo(2);
    assertThat(errors.toString(StandardCharsets.UTF_8))
        .contains("no similarity threshold for embedding model 'text-embedding-3-small'");
  }

  @Test
  void missingOptionsAreUsageErrors() throws Exception {
    assertThat(SimilarityCommand.run(new String[] {"similarity", "--in", "x"}, err)).isEqualTo(2);
    assertThat(
            SimilarityCommand.run(
                new String[] {"similarity", "--in", dir.resolve("none").toString(), "--out", "o"},
                err))
        .isEqualTo(2);
    assertThat(SimilarityCommand.run(new String[] {"similarity", "--bogus", "1"}, err))
        .isEqualTo(2);
    assertThat(errors.toString(StandardCharsets.UTF_8)).contains("usage: earshot similarity");
  }
}
