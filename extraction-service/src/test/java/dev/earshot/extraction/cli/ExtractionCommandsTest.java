package dev.earshot.extraction.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.earshot.events.serde.PlainJson;
import dev.earshot.gong.api.ContentSelector;
import dev.earshot.gong.auth.GongCredentials;
import dev.earshot.gong.client.GongClient;
import dev.earshot.gong.simulator.GongSimulator;
import dev.earshot.gong.simulator.SimulatorConfig;
import dev.earshot.gong.simulator.corpus.Corpus;
import dev.earshot.gong.simulator.corpus.CorpusCall;
import dev.earshot.gong.url.BaseUrlGuard;
import dev.earshot.testing.eval.CorpusCalls;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class ExtractionCommandsTest {

  static GongSimulator gong;
  static CorpusCall feedbackCall;
  static CorpusCall secondCall;

  @BeforeAll
  static void startGong() throws Exception {
    gong = GongSimulator.start(SimulatorConfig.defaults().withCorpus(30, 9));
    List<CorpusCall> withFeedback =
        gong.corpus().calls().stream()
            .filter(c -> !c.planted().isEmpty() && !c.isPrivate() && c.transcriptReady(gong.now()))
            .toList();
    feedbackCall = withFeedback.get(0);
    secondCall = withFeedback.get(1);
  }

  @AfterAll
  static void stopGong() {
    gong.close();
  }

  /** The call as Gong answers it, in the file shape {@code ./earshot capture} writes. */
  private static String gongFile(CorpusCall call) {
    GongClient client =
        GongClient.builder()
            .baseUrl(BaseUrlGuard.allowingLocal(Set.of(gong.baseUrl())).check(gong.baseUrl()))
            .credentials(
                new GongCredentials.AccessKey(
                    gong.config().accessKey(), gong.config().accessSecret()))
            .connectionKey("test")
            .build();
    ObjectNode file = json.createObjectNode();
    file.set(
        "call",
        client
            .extensiveElementsFor(List.of(call.id()), ContentSelector.everythingEarshotUses())
            .getFirst()
            .json());
    file.set("transcript", client.transcriptElementsFor(List.of(call.id())).getFirst().json());
    return json.writeValueAsString(file);
  }

  private static Set<String> quotes(JsonNode items) {
    Set<String> quotes = new java.util.TreeSet<>();
    items.forEach(i -> i.path("quotes").forEach(q -> quotes.add(q.path("text").asString())));
    return quotes;
  }

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
  void extractReadsAGongCallFileThroughTheTranslationIngestPublishesWith() throws Exception {
    Path in = dir.resolve("gong-call.json");
    Files.writeString(in, gongFile(feedbackCall));
    Path asCall = dir.resolve("call.json");
    Files.writeString(asCall, PlainJson.write(CorpusCalls.toCall(feedbackCall, "org-cli")));

    int status = run("extract", "--in", in.toString(), "--org", "org-cli");
    JsonNode fromGong = json.readTree(out.toString());
    out.reset();
    run("extract", "--in", asCall.toString());
    JsonNode fromCall = json.readTree(out.toString());

    assertThat(status).isZero();
    assertThat(fromGong.size()).isPositive();
    assertThat(fromGong.get(0).path("callId").asString()).isEqualTo(feedbackCall.id());
    assertThat(fromGong.get(0).path("orgId").asString()).isEqualTo("org-cli");
    // the same customer sentences are found whichever shape the call came in
    assertThat(quotes(fromGong)).isEqualTo(quotes(fromCall));
  }

  @Test
  void extractOnADirectoryGivesEachCallsItemsInOneDocumentAndSaysWhatItSkipped() throws Exception {
    Path calls = Files.createDirectory(dir.resolve("calls"));
    Files.writeString(calls.resolve("a-gong.json"), gongFile(feedbackCall));
    Files.writeString(
        calls.resolve("b-private.json"),
        gongFile(feedbackCall)
            .replace("\"isPrivate\":false", "\"isPrivate\":true")
            .replace(feedbackCall.id(), "9000000000000000001"));
    Files.writeString(
        calls.resolve("c-plain.json"), PlainJson.write(CorpusCalls.toCall(secondCall, "org-x")));
    Files.writeString(calls.resolve("d-notes.json"), "not json");
    Files.writeString(calls.resolve("e-readme.txt"), "ignored: not *.json");

    int status = run("extract", "--in", calls.toString());

    assertThat(status).isZero();
    JsonNode document = json.readTree(out.toString());
    assertThat(document.path("calls"))
        .extracting(c -> c.path("file").asString() + "=" + c.path("callId").asString())
        .containsExactly("a-gong.json=" + feedbackCall.id(), "c-plain.json=" + secondCall.id());
    assertThat(document.path("calls").get(0).path("items").size()).isPositive();
    assertThat(document.path("calls").get(0).path("items").get(0).path("orgId").asString())
        .isEqualTo(ExtractionCommands.DEFAULT_ORG);
    assertThat(document.path("items").asInt())
        .isEqualTo(
            document.path("calls").get(0).path("items").size()
                + document.path("calls").get(1).path("items").size());
    assertThat(document.path("skipped"))
        .extracting(c -> c.path("file").asString() + ": " + c.path("reason").asString())
        .satisfiesExactly(
            privateOne ->
                assertThat(privateOne).startsWith("b-private.json").contains("never reads"),
            notes -> assertThat(notes).isEqualTo("d-notes.json: is not JSON"));
  }

  @Test
  void aPrivateOrUnflaggedGongCallIsNeverRead() throws Exception {
    Path privateCall = dir.resolve("private.json");
    Files.writeString(
        privateCall, gongFile(feedbackCall).replace("\"isPrivate\":false", "\"isPrivate\":true"));
    Path unflagged = dir.resolve("unflagged.json");
    Files.writeString(unflagged, gongFile(feedbackCall).replace("\"isPrivate\":false,", ""));

    assertThat(run("extract", "--in", privateCall.toString())).isEqualTo(2);
    assertThat(run("extract", "--in", unflagged.toString())).isEqualTo(2);
    assertThat(out.toString()).isEmpty();
    assertThat(err.toString())
        .contains("isPrivate is true", "isPrivate is not false", "never reads a private call");
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

    Path unreadable = dir.resolve("unreadable.json");
    Files.writeString(
        unreadable,
        "{\"call\":{\"metaData\":{\"id\":\"1\",\"isPrivate\":false}},"
            + "\"transcript\":{\"callId\":\"1\",\"transcript\":\"said in one string\"}}");

    assertThat(run("extract", "--in", in.toString())).isEqualTo(2);
    assertThat(run("extract", "--in", unreadable.toString())).isEqualTo(2);
    assertThat(err.toString())
        .contains("is not a Call in plain JSON nor a Gong")
        .contains(
            "is not a readable Gong call file: \"transcript\" is not Gong's call transcript:"
                + " unreadable value at transcript")
        .doesNotContain("said in one string");
  }
}
