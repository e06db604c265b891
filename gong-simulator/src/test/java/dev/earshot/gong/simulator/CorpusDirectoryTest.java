package dev.earshot.gong.simulator;

import static dev.earshot.gong.simulator.SimulatorHttp.json;
import static dev.earshot.gong.simulator.SimulatorHttp.list;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Replaying a user's own Gong data: a directory of {@code {"call", "transcript"}} files. */
class CorpusDirectoryTest {

  @TempDir Path dir;

  static final String PUBLIC_CALL =
      """
      {"call": {
         "metaData": {"id": "7001", "url": "https://us-1.app.gong.io/call?id=7001",
                      "title": "Northwind | QBR", "started": "2026-11-18T09:31:40.518204-08:00",
                      "duration": 1800, "primaryUserId": "881", "language": "eng",
                      "isPrivate": false, "customerOnlyField": {"kept": [1, 2]}},
         "context": [{"system": "Salesforce", "objects": [
           {"objectType": "Account", "objectId": "001", "fields": [{"name": "Name", "value": "Northwind"}]}]}],
         "parties": [{"id": "1", "name": "Dana Reyes", "emailAddress": "dana@ourco.example",
                      "userId": "881", "speakerId": "s1", "affiliation": "Internal"},
                     {"id": "2", "name": "Lee Park", "speakerId": "s2", "affiliation": "External"}],
         "content": {"brief": "They asked for SSO.", "topics": [{"name": "SSO", "duration": 60}]},
         "interaction": {"speakers": [{"id": "1", "talkTime": 300}]}
       },
       "transcript": {"callId": "7001", "transcript": [
         {"speakerId": "s2", "topic": null, "sentences": [{"start": 1000, "end": 4000,
           "text": "We really need single sign-on with Okta."}]}]}}
      """;

  static final String CALL_WITHOUT_PRIVATE_FLAG =
      """
      {"call": {"metaData": {"id": "7002", "title": "Internal sync",
                             "started": "2026-12-01T10:00:00Z", "duration": 600}},
       "transcript": {"transcript": []}}
      """;

  static final String PRIVATE_CALL =
      """
      {"call": {"metaData": {"id": "7003", "started": "2026-11-20T10:00:00Z", "duration": 900,
                             "isPrivate": true}}}
      """;

  GongSimulator startOn(Path directory) throws Exception {
    return GongSimulator.start(
        SimulatorConfig.defaults().withLimits(1_000, 100_000).withCorpusDirectory(directory));
  }

  void write(String name, String json) throws Exception {
    Files.writeString(dir.resolve(name), json);
  }

  @Test
  void servesTheFilesInGongsShapesKeepingUnknownFields() throws Exception {
    write("a.json", PUBLIC_CALL);
    write("b.json", CALL_WITHOUT_PRIVATE_FLAG);
    write("c.json", PRIVATE_CALL);
    write("notes.txt", "not a call");
    try (GongSimulator simulator = startOn(dir)) {
      SimulatorHttp gong = SimulatorHttp.of(simulator);

      List<Map<String, Object>> listed =
          list(gong.get("/v2/calls?fromDateTime=2026-10-01T00:00:00Z"), "calls");
      Map<String, Object> withParts = extensive(gong, "7001", SimulatorHttp.EVERYTHING);
      Map<String, Object> bare = extensive(gong, "7001", "{}");
      Map<String, Object> interaction =
          extensive(gong, "7001", "{\"exposedFields\":{\"interaction\":true}}");
      Map<String, Object> roundTrip =
          extensive(
              gong,
              "7001",
              "{\"context\":\"Extended\",\"exposedFields\":{\"parties\":true,"
                  + "\"interaction\":true,\"content\":{\"brief\":true,\"topics\":true}}}");
      List<Map<String, Object>> transcripts =
          list(gong.transcripts(List.of("7001", "7002")), "callTranscripts");

      assertThat(simulator.servesDirectory()).isTrue();
      assertThat(simulator.callIds()).containsExactly("7001", "7003", "7002");
      assertThat(listed.stream().map(c -> c.get("id"))).containsExactly("7001", "7003", "7002");
      assertThat(listed.getFirst())
          .containsEntry("started", "2026-11-18T09:31:40.518204-08:00")
          .containsEntry("customerOnlyField", Map.of("kept", List.of(1, 2)));
      assertThat(withParts).containsKeys("metaData", "context", "parties", "content");
      assertThat(withParts).doesNotContainKey("interaction");
      assertThat(withParts.get("content")).isEqualTo(content(json(PUBLIC_CALL).get("call")));
      assertThat(bare).containsOnlyKeys("metaData");
      assertThat(roundTrip)
          .as("everything asked: the file's call")
          .isEqualTo(json(PUBLIC_CALL).get("call"));
      assertThat(interaction).containsOnlyKeys("metaData", "interaction");
      assertThat(transcripts).extracting(t -> t.get("callId")).containsExactly("7001", "7002");
      assertThat(transcripts.getFirst()).isEqualTo(json(PUBLIC_CALL).get("transcript"));
      assertThat(transcripts.get(1)).containsEntry("transcript", List.of());
    }
  }

  @Test
  void aCallIsPrivateUnlessItsFileSaysIsPrivateFalse() throws Exception {
    write("a.json", PUBLIC_CALL);
    write("b.json", CALL_WITHOUT_PRIVATE_FLAG);
    write("c.json", PRIVATE_CALL);
    try (GongSimulator simulator = startOn(dir)) {
      Map<String, Map<String, Object>> truth =
          SimulatorHttp.of(simulator)
              .get("/admin/ground-truth")
              .body()
              .lines()
              .map(SimulatorHttp::json)
              .collect(Collectors.toMap(t -> (String) t.get("call_id"), t -> t));

      assertThat(truth.get("7001"))
          .containsEntry("is_private", false)
          .containsEntry("expected", "published")
          .containsEntry("account", "Northwind")
          .containsEntry("fault", null)
          .containsEntry("duration_seconds", 1800)
          .containsEntry("listable_at", "2026-11-18T18:01:40.518204Z")
          .containsEntry("source_file", "a.json")
          .containsEntry("items", List.of());
      assertThat(truth.get("7002"))
          .containsEntry("is_private", true)
          .containsEntry("expected", "private");
      assertThat(truth.get("7003")).containsEntry("is_private", true);
    }
  }

  @Test
  void nowIsTheLatestCallEndPlusTenMinutes() throws Exception {
    write("a.json", PUBLIC_CALL);
    write("b.json", CALL_WITHOUT_PRIVATE_FLAG);
    try (GongSimulator simulator = startOn(dir)) {
      assertThat(simulator.now())
          .isAfterOrEqualTo(Instant.parse("2026-12-01T10:20:00Z"))
          .isBefore(Instant.parse("2026-12-01T10:25:00Z"));
    }
  }

  @Test
  void webhooksSendTheFilesCall() throws Exception {
    write("a.json", PUBLIC_CALL);
    try (GongSimulator simulator = startOn(dir);
        WebhookReceiver receiver = new WebhookReceiver()) {
      simulator.registerWebhook(receiver.url(), "url_key");

      simulator.fireWebhooks(List.of("7001"));

      Map<String, Object> body = json(receiver.bodies().getFirst());
      assertThat(body).containsEntry("isTest", false);
      assertThat(body.get("callData")).isEqualTo(json(PUBLIC_CALL).get("call"));
    }
  }

  @Test
  void underFieldRealismWebhooksDropThePrivateFlagButTheFilesDataStays() throws Exception {
    for (int i = 0; i < 30; i++) {
      String flag = i % 2 == 0 ? "\"isPrivate\": false" : "\"isPrivate\": true";
      write(
          "call-" + i + ".json",
          PUBLIC_CALL
              .replace("7001", Integer.toString(8000 + i))
              .replace("\"isPrivate\": false", flag));
    }
    try (GongSimulator simulator =
            GongSimulator.start(
                SimulatorConfig.defaults()
                    .withLimits(1_000, 100_000)
                    .withRealism(Realism.field())
                    .withCorpusDirectory(dir));
        WebhookReceiver receiver = new WebhookReceiver()) {
      simulator.registerWebhook(receiver.url(), "url_key");

      simulator.fireWebhooks(simulator.callIds());
      List<Map<String, Object>> bodies =
          receiver.bodies().stream().map(SimulatorHttp::json).toList();
      Map<String, Object> listed =
          list(SimulatorHttp.of(simulator).get("/v2/calls"), "calls").getFirst();

      assertThat(bodies).hasSize(30);
      assertThat(bodies.stream().map(b -> metaData(b)))
          .allSatisfy(
              m -> assertThat(m).doesNotContainKeys("isPrivate").containsKey("customerOnlyField"));
      assertThat(bodies).anyMatch(b -> b.containsKey("isPrivate"));
      assertThat(bodies).anyMatch(b -> !b.containsKey("isPrivate"));
      assertThat(listed).containsKeys("isPrivate", "customerOnlyField");
      assertThat(simulator.groundTruth().stream().filter(t -> (Boolean) t.get("is_private")))
          .hasSize(15);
    }
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> metaData(Map<String, Object> webhookBody) {
    return (Map<String, Object>)
        ((Map<String, Object>) webhookBody.get("callData")).get("metaData");
  }

  @Test
  void refusesToStartOnAFileItCannotServeNamingTheFileAndWhy() throws Exception {
    write("a.json", PUBLIC_CALL);
    assertRefused("broken.json", "{\"call\": ", "broken.json", "not valid JSON");
    assertRefused("array.json", "[]", "array.json", "JSON object");
    assertRefused("nocall.json", "{\"transcript\": {}}", "nocall.json", "no \"call\" object");
    assertRefused(
        "noid.json",
        "{\"call\": {\"metaData\": {\"started\": \"2026-11-18T09:00:00Z\"}}}",
        "noid.json",
        "metaData.id");
    assertRefused(
        "badstart.json",
        "{\"call\": {\"metaData\": {\"id\": \"9\", \"started\": \"yesterday\"}}}",
        "badstart.json",
        "started");
    assertRefused(
        "othertranscript.json",
        "{\"call\": {\"metaData\": {\"id\": \"9\", \"started\": \"2026-11-18T09:00:00Z\"}},"
            + " \"transcript\": {\"callId\": \"10\", \"transcript\": []}}",
        "othertranscript.json",
        "not the call's id");
    assertRefused("dup.json", PUBLIC_CALL, "dup.json", "also in a.json");
  }

  @Test
  void refusesAMissingOrEmptyDirectory() {
    assertThatThrownBy(() -> startOn(dir.resolve("absent")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("absent")
        .hasMessageContaining("not a directory");
    assertThatThrownBy(() -> startOn(dir))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no *.json");
  }

  void assertRefused(String file, String content, String named, String reason) throws Exception {
    write(file, content);
    assertThatThrownBy(() -> startOn(dir))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(named)
        .hasMessageContaining(reason);
    Files.delete(dir.resolve(file));
  }

  @SuppressWarnings("unchecked")
  static Object content(Object call) {
    return ((Map<String, Object>) call).get("content");
  }

  static Map<String, Object> extensive(SimulatorHttp gong, String id, String selector) {
    return list(
            gong.post(
                "/v2/calls/extensive",
                "{\"filter\":{\"callIds\":[\"" + id + "\"]},\"contentSelector\":" + selector + "}"),
            "calls")
        .getFirst();
  }
}
