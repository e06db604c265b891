package dev.earshot.gong.calls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.earshot.events.Call;
import dev.earshot.gong.api.Privacy;
import dev.earshot.gong.client.GongJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A {@code {"call","transcript"}} file read as Gong's shapes and turned into the Call event by the
 * same assembly ingest-service uses; what cannot be read is refused with which part and why.
 */
class GongCallFileTest {

  static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");

  static final String CALL =
      "{\"metaData\":{\"id\":\"7001\",\"isPrivate\":false,\"duration\":1800,"
          + "\"started\":\"2026-11-18T09:31:40.518204-08:00\",\"title\":\"Renewal\"},"
          + "\"parties\":[{\"id\":\"p1\",\"speakerId\":\"s1\",\"affiliation\":\"External\","
          + "\"name\":\"Ada\",\"emailAddress\":\"ada@northwind.example\"}],"
          + "\"context\":[{\"system\":\"Salesforce\",\"objects\":[{\"objectType\":\"Opportunity\","
          + "\"objectId\":\"006\",\"fields\":[{\"name\":\"Amount\",\"value\":\"120000.00\"}]}]}],"
          + "\"content\":{\"brief\":\"They want SSO.\"}}";

  static final String TRANSCRIPT =
      "{\"callId\":\"7001\",\"transcript\":[{\"speakerId\":\"s1\",\"topic\":null,"
          + "\"sentences\":[{\"start\":1000,\"end\":4000,\"text\":\"We need SSO.\"}]}]}";

  @Test
  void aFileInGongsShapesBecomesTheCallIngestWouldPublish() {
    GongCallFile file = GongCallFile.read(file(CALL, TRANSCRIPT));

    Call call = file.toCall("c-1", "org-1", NOW).call();

    assertThat(file.callId()).isEqualTo("7001");
    assertThat(file.privacy()).isEqualTo(Privacy.PUBLIC);
    assertThat(call)
        .isEqualTo(CallAssembly.assemble("c-1", "org-1", file.call(), file.transcript(), NOW));
    assertThat(call.getStarted()).isEqualTo(Instant.parse("2026-11-18T17:31:40.518Z"));
    assertThat(call.getCrm().getDealAmount()).isEqualByComparingTo("120000.00");
    assertThat(call.getTranscript().getFirst().getSentences().getFirst().getText())
        .isEqualTo("We need SSO.");
  }

  @Test
  void theSharedFixturesMakeAFileToo() throws Exception {
    Path fixtures = CallAssemblyTest.FIXTURES;
    assumeTrue(Files.exists(fixtures.resolve("calls-extensive.json")), "fixtures absent");
    JsonNode extensive = GongJson.mapper().readTree(fixtures.resolve("calls-extensive.json"));
    JsonNode transcripts = GongJson.mapper().readTree(fixtures.resolve("calls-transcript.json"));
    ObjectNode document = GongJson.mapper().createObjectNode();
    document.set("call", extensive.path("calls").get(0));
    document.set("transcript", transcripts.path("callTranscripts").get(0));

    Call call = GongCallFile.read(document).toCall("c-1", "org-1", NOW).call();

    assertThat(call.getCallId()).isEqualTo("5120043019283746501");
    assertThat(call.getTranscript()).hasSize(4);
  }

  @Test
  void aMissingTranscriptIsAnEmptyOneAndAnUnnamedTranscriptIsTheCalls() {
    GongCallFile without = GongCallFile.read("{\"call\":" + CALL + "}");
    GongCallFile unnamed =
        GongCallFile.read(file(CALL, TRANSCRIPT.replace("\"callId\":\"7001\",", "")));

    assertThat(without.transcript().transcript()).isEmpty();
    assertThat(without.toCall("c", "o", NOW).call().getTranscript()).isEmpty();
    assertThat(unnamed.transcript().callId()).isEqualTo("7001");
    assertThat(unnamed.transcript().transcript()).hasSize(1);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "false          | PUBLIC",
        "true           | PRIVATE",
        "\"false\"      | UNKNOWN",
        "null           | UNKNOWN",
      })
  void onlyAnExplicitFalseMakesTheCallPublic(String flag, Privacy expected) {
    String call = CALL.replace("\"isPrivate\":false", "\"isPrivate\":" + flag);

    assertThat(GongCallFile.read(file(call, TRANSCRIPT)).privacy()).isEqualTo(expected);
    assertThat(
            GongCallFile.read(file(CALL.replace("\"isPrivate\":false,", ""), TRANSCRIPT)).privacy())
        .isEqualTo(Privacy.UNKNOWN);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "not JSON                    | {\"call\": | not JSON",
        "no call                     | {\"transcript\":{}} | no \"call\" object",
        "a Call event, not Gong's    | {\"callId\":\"1\",\"orgId\":\"o\"} | no \"call\" object",
        "no metaData.id              | {\"call\":{\"metaData\":{}}} | no metaData.id",
        "a transcript as text        | {\"call\":CALL,\"transcript\":{\"callId\":\"7001\",\"transcript\":\"hello\"}} | \"transcript\" is not Gong's call transcript: unreadable value at transcript",
        "a transcript array          | {\"call\":CALL,\"transcript\":[]} | \"transcript\" is not an object",
        "another call's transcript   | {\"call\":CALL,\"transcript\":{\"callId\":\"9\",\"transcript\":[]}} | names another call",
        "a duration that is no number | {\"call\":{\"metaData\":{\"id\":\"1\",\"duration\":\"long\"}}} | unreadable value at metaData.duration",
      })
  void whatCannotBeReadIsRefusedNamingThePartAndWhy(String shape, String json, String reason) {
    assertThatThrownBy(() -> GongCallFile.read(json.replace("CALL", CALL)))
        .isInstanceOf(GongCallFile.Unreadable.class)
        .hasMessageContaining(reason)
        .hasMessageNotContaining("hello");
  }

  private static String file(String call, String transcript) {
    return "{\"call\":" + call + ",\"transcript\":" + transcript + "}";
  }
}
