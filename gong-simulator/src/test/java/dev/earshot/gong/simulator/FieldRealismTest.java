package dev.earshot.gong.simulator;

import static dev.earshot.gong.simulator.SimulatorHttp.json;
import static dev.earshot.gong.simulator.SimulatorHttp.list;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The data-shaping switches of {@link Realism#field()}, over HTTP against a started simulator, and
 * the ground truth against what is served. The scheduled credential failures are off here (see
 * {@link CredentialRealismTest}).
 */
class FieldRealismTest {

  static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

  static final SimulatorConfig FIELD =
      SimulatorConfig.defaults()
          .withCorpus(300, 42)
          .withNow(NOW)
          .withLimits(10_000, 1_000_000)
          .withRealism(Realism.field().withSchedule(0, 0, 0, 0));

  /**
   * What a field simulator serves once its clock has passed every call's processing: every call
   * listed, its extensive answer and its transcript, fetched once for the tests that only read.
   */
  record Settled(
      List<Map<String, Object>> truth,
      Map<String, Map<String, Object>> listed,
      Map<String, Map<String, Object>> extensive,
      Map<String, Map<String, Object>> transcripts) {}

  static Settled settled;

  /** A fresh simulator at its start, for the tests that move its clock or count its requests. */
  GongSimulator simulator;

  SimulatorHttp gong;
  List<Map<String, Object>> truth;

  @BeforeAll
  static void settle() throws Exception {
    try (GongSimulator simulator = GongSimulator.start(FIELD)) {
      simulator.advanceClock(Duration.ofHours(6));
      SimulatorHttp gong = SimulatorHttp.of(simulator);
      List<Map<String, Object>> truth = truth(gong);
      List<String> ids = truthIds(truth);
      Map<String, Map<String, Object>> extensive = new HashMap<>();
      Map<String, Map<String, Object>> transcripts = new HashMap<>();
      for (int from = 0; from < ids.size(); from += 100) {
        List<String> batch = ids.subList(from, Math.min(ids.size(), from + 100));
        // three times: a lagging call is left out of the first request(s) naming it
        for (int attempt = 0; attempt < 3; attempt++) {
          list(gong.extensive(batch), "calls").forEach(c -> extensive.put(callDataId(c), c));
        }
        list(gong.transcripts(batch), "callTranscripts")
            .forEach(t -> transcripts.put((String) t.get("callId"), t));
      }
      Map<String, Map<String, Object>> listed =
          listAll(gong).stream().collect(Collectors.toMap(c -> (String) c.get("id"), c -> c));
      settled = new Settled(truth, listed, extensive, transcripts);
    }
  }

  @BeforeEach
  void start() throws Exception {
    simulator = GongSimulator.start(FIELD);
    gong = SimulatorHttp.of(simulator);
    truth = truth(gong);
  }

  static List<Map<String, Object>> truth(SimulatorHttp gong) {
    return gong.get("/admin/ground-truth").body().lines().map(SimulatorHttp::json).toList();
  }

  @AfterEach
  void stop() {
    simulator.close();
  }

  List<Map<String, Object>> withFault(String name) {
    return truth.stream().filter(t -> faults(t).contains(name)).toList();
  }

  @SuppressWarnings("unchecked")
  static List<String> faults(Map<String, Object> line) {
    return (List<String>) line.get("faults");
  }

  static String id(Map<String, Object> line) {
    return (String) line.get("call_id");
  }

  static Instant at(Map<String, Object> line, String field) {
    return Instant.parse((String) line.get(field));
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> metaData(Map<String, Object> call) {
    return (Map<String, Object>) call.get("metaData");
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> maps(Object list) {
    return (List<Map<String, Object>>) list;
  }

  @Test
  void webhooksComeInGongsSampleShapeWithoutThePrivateFlagInMetaData() throws Exception {
    try (WebhookReceiver receiver = new WebhookReceiver()) {
      simulator.registerWebhook(receiver.url(), "url_key");
      List<String> privateIds =
          truth.stream()
              .filter(t -> (Boolean) t.get("is_private"))
              .map(FieldRealismTest::id)
              .toList();

      simulator.fireWebhooks(truth.stream().map(FieldRealismTest::id).toList());

      List<Map<String, Object>> bodies =
          receiver.bodies().stream().map(SimulatorHttp::json).toList();
      assertThat(bodies).hasSize(truth.size());
      List<Map<String, Object>> callData =
          bodies.stream().map(b -> asMap(b.get("callData"))).toList();
      assertThat(callData)
          .allSatisfy(
              c -> {
                assertThat(metaData(c)).doesNotContainKeys("isPrivate", "workspaceId");
                assertThat((String) metaData(c).get("started"))
                    .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}[+-]\\d\\d:\\d\\d");
              });
      assertThat(callData.stream().map(c -> metaData(c).get("id")))
          .as("private calls are announced too")
          .containsAll(privateIds);
      assertThat(bodies)
          .as("some private calls carry a top-level isPrivate: true")
          .anyMatch(b -> Boolean.TRUE.equals(b.get("isPrivate")));
      assertThat(bodies)
          .as("some public calls carry a top-level isPrivate: false")
          .anyMatch(b -> Boolean.FALSE.equals(b.get("isPrivate")));
      assertThat(bodies)
          .filteredOn(b -> Boolean.TRUE.equals(b.get("isPrivate")))
          .allSatisfy(b -> assertThat(privateIds).contains(callDataId(asMap(b.get("callData")))));
      assertThat(callData).as("some without parties").anyMatch(c -> !c.containsKey("parties"));
      assertThat(callData).as("most with parties").anyMatch(c -> c.containsKey("parties"));
    }
  }

  @Test
  void theStartInWebhooksIsTheInstantTheListingGives() throws Exception {
    try (WebhookReceiver receiver = new WebhookReceiver()) {
      simulator.registerWebhook(receiver.url(), "url_key");
      Map<String, Object> listed =
          list(gong.get("/v2/calls?fromDateTime=2026-09-01T00:00:00Z"), "calls").getFirst();

      simulator.fireWebhooks(List.of((String) listed.get("id")));

      Map<String, Object> hooked =
          metaData(asMap(json(receiver.bodies().getFirst()).get("callData")));
      assertThat(OffsetDateTime.parse((String) hooked.get("started")).toInstant())
          .isEqualTo(Instant.parse((String) listed.get("started")));
    }
  }

  @Test
  void aThreeHourCallIsListedOnlyAfterItsEndPlusDelayAndAfterALaterShorterCall() {
    Map<String, Object> longCall = withFault("listed_after_later_call").getFirst();
    Map<String, Object> shortCall = withFault("listed_before_earlier_call").getFirst();
    Instant longStart = Instant.parse("2026-11-25T10:00:00Z");
    String window = "/v2/calls?fromDateTime=2026-11-25T09:00:00Z";

    List<String> atStart = ids(list(gong.get(window), "calls"));
    simulator.advanceClock(
        Duration.between(NOW, at(longCall, "listable_at")).minus(Duration.ofMinutes(1)));
    List<String> justBefore = ids(list(gong.get(window), "calls"));
    List<String> unknownToExtensive = ids(list(gong.extensive(List.of(id(longCall))), "calls"));
    simulator.advanceClock(Duration.ofMinutes(2));
    List<String> after = ids(list(gong.get(window), "calls"));

    assertThat(longCall.get("duration_seconds")).isEqualTo(10_800);
    assertThat(at(longCall, "listable_at"))
        .isAfter(longStart.plus(Duration.ofHours(3)))
        .isAfter(at(shortCall, "listable_at"));
    assertThat(atStart).contains(id(shortCall)).doesNotContain(id(longCall));
    assertThat(justBefore).doesNotContain(id(longCall));
    assertThat(unknownToExtensive).isEmpty();
    assertThat(after).contains(id(longCall), id(shortCall));
    assertThat(list(gong.get(window), "calls"))
        .filteredOn(c -> c.get("id").equals(id(longCall)))
        .singleElement()
        .satisfies(c -> assertThat((String) c.get("started")).startsWith("2026-11-25T10:00:00"));
  }

  @Test
  void someCallsLastHoursAndSomeAreStillRunningOrProcessingAtTheStart() {
    List<String> listedAtStart = ids(listAll(gong));

    assertThat(withFault("long_call")).hasSizeGreaterThan(5);
    assertThat(withFault("processing_at_start")).hasSizeGreaterThanOrEqualTo(2);
    assertThat(json(gong.get("/admin/realism").body()))
        .containsEntry("every_call_analysed_at", simulator.everyCallAnalysedAt().toString());
    assertThat(simulator.everyCallAnalysedAt())
        .isAfter(NOW)
        .isBeforeOrEqualTo(NOW.plus(Duration.ofHours(6)));
    assertThat(listedAtStart)
        .doesNotContainAnyElementsOf(truthIds(withFault("processing_at_start")));
  }

  @Test
  void extensiveLeavesOutALaggingCallThenReturnsIt() {
    Map<String, Object> lagging =
        withFault("extensive_lag").stream()
            .filter(t -> !at(t, "transcript_ready_at").isAfter(NOW))
            .findFirst()
            .orElseThrow();
    List<String> id = List.of(id(lagging));

    boolean transcriptExists = !list(gong.transcripts(id), "callTranscripts").isEmpty();
    HttpResponse<String> first = gong.extensive(id);
    List<Integer> answers = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      answers.add(list(gong.extensive(id), "calls").size());
    }

    assertThat(transcriptExists).isTrue();
    assertThat(list(first, "calls")).isEmpty();
    assertThat(answers).endsWith(1);
    assertThat(simulator.counters().get("realism.extensive_lagged")).isBetween(1L, 2L);
  }

  @Test
  void aLateBriefIsMissingFromExtensiveUntilItsTimeAndTheRestOfTheContentIsThere() {
    List<Map<String, Object>> late = withFault("late_brief");
    Map<String, Object> line =
        late.stream()
            .filter(t -> !at(t, "listable_at").isAfter(NOW))
            .filter(t -> at(t, "brief_ready_at").isAfter(NOW))
            .findFirst()
            .orElseThrow();
    List<String> id = List.of(id(line));

    Map<String, Object> before = list(gong.extensive(id), "calls").getFirst();
    simulator.advanceClock(Duration.between(NOW, at(line, "brief_ready_at")));
    Map<String, Object> after = list(gong.extensive(id), "calls").getFirst();

    assertThat(late).isNotEmpty().noneMatch(t -> (Boolean) t.get("is_private"));
    assertThat(late.size()).isBetween(truth.size() / 20, truth.size() / 4);
    assertThat(asMap(before.get("content"))).doesNotContainKey("brief").containsKey("highlights");
    assertThat((String) asMap(after.get("content")).get("brief")).isNotBlank();
    assertThat(simulator.counters().get("realism.brief_withheld")).isEqualTo(1L);
    assertThat(truth)
        .filteredOn(t -> !faults(t).contains("late_brief"))
        .allSatisfy(t -> assertThat(t).doesNotContainKey("brief_ready_at"));
  }

  @Test
  void servesNullsAndGaps() {
    Map<String, Map<String, Object>> extensive = settled.extensive();
    List<Map<String, Object>> transcripts =
        settled.truth().stream()
            .filter(t -> t.get("fault") == null)
            .map(t -> settled.transcripts().get(id(t)))
            .toList();
    List<Map<String, Object>> parties =
        extensive.values().stream()
            .filter(c -> c.get("parties") instanceof List<?>)
            .flatMap(c -> maps(c.get("parties")).stream())
            .toList();
    List<Map<String, Object>> readable =
        transcripts.stream().filter(t -> t.get("transcript") instanceof List<?>).toList();

    assertThat(extensive).hasSize(settled.truth().size());
    assertThat(parties)
        .as("a party with speakerId null")
        .anyMatch(p -> p.containsKey("speakerId") && p.get("speakerId") == null);
    assertThat(parties)
        .as("a party with only a phone number")
        .anyMatch(
            p ->
                p.containsKey("phoneNumber")
                    && !p.containsKey("name")
                    && !p.containsKey("emailAddress"));
    assertThat(extensive.values())
        .as("a call with parties: []")
        .anyMatch(c -> List.of().equals(c.get("parties")));
    assertThat(extensive.values())
        .as("a call without parties")
        .anyMatch(c -> !c.containsKey("parties"));
    assertThat(extensive.values().stream().map(c -> metaData(c).get("language")))
        .contains("eng")
        .containsAnyOf("und", "zxx");
    assertThat(readable)
        .as("an empty transcript")
        .anyMatch(t -> List.of().equals(t.get("transcript")));
    assertThat(readable.stream().flatMap(t -> maps(t.get("transcript")).stream()))
        .as("a monologue with speakerId null")
        .anyMatch(m -> m.containsKey("speakerId") && m.get("speakerId") == null);
  }

  @Test
  void crmContextComesInRealIntegrationShapes() {
    Map<String, Map<String, Object>> extensive = settled.extensive();
    List<Map<String, Object>> opportunities = new ArrayList<>();
    for (Map<String, Object> call : extensive.values()) {
      List<Map<String, Object>> objects = maps(maps(call.get("context")).getFirst().get("objects"));
      assertThat(objects.stream().map(o -> o.get("objectType")))
          .containsExactly("Opportunity", "Account");
      opportunities.add(objects.getFirst());
    }
    List<Object> amounts = opportunities.stream().map(o -> field(o, "Amount")).toList();

    assertThat(amounts).as("amounts as text").anyMatch(a -> a instanceof String);
    assertThat(amounts)
        .as("amounts wider than decimal(18,2), as text and as a number")
        .anyMatch(a -> a.toString().matches("\\d{17,}\\.00"))
        .anyMatch(a -> a instanceof Number n && n.doubleValue() >= 1e18);
    assertThat(opportunities)
        .allSatisfy(o -> assertThat(field(o, "CurrencyIsoCode")).isIn("USD", "EUR", "GBP"))
        .allSatisfy(o -> assertThat(field(o, "Product_Interest__c")).isInstanceOf(List.class))
        .as("null values")
        .allMatch(o -> fields(o).stream().anyMatch(f -> f.get("value") == null));
  }

  @Test
  void plantedBadCallsAreServedAsLabelled() {
    List<Map<String, Object>> bad =
        settled.truth().stream().filter(t -> "failed".equals(t.get("expected"))).toList();

    assertThat(bad.stream().map(t -> t.get("fault")))
        .containsExactlyInAnyOrder("unreadable_transcript", "oversized_transcript");
    for (Map<String, Object> line : bad) {
      Map<String, Object> transcript = settled.transcripts().get(id(line));
      assertThat(line).containsEntry("is_private", false);
      if ("unreadable_transcript".equals(line.get("fault"))) {
        assertThat(transcript.get("transcript")).isInstanceOf(String.class);
      } else {
        byte[] serialized =
            Exchange.JSON.writeValueAsString(transcript).getBytes(StandardCharsets.UTF_8);
        assertThat(serialized.length).isGreaterThan(4 * 1024 * 1024);
      }
    }
  }

  @Test
  void theGroundTruthAgreesWithWhatIsServedForEveryCall() {
    Map<String, Map<String, Object>> listed = settled.listed();
    List<String> ids = truthIds(settled.truth());

    assertThat(listed.keySet()).containsExactlyInAnyOrderElementsOf(ids);
    for (Map<String, Object> line : settled.truth()) {
      Map<String, Object> metaData = listed.get(id(line));
      boolean isPrivate = (Boolean) line.get("is_private");
      Object transcript = settled.transcripts().get(id(line)).get("transcript");
      assertThat(metaData.get("isPrivate")).as(id(line)).isEqualTo(isPrivate);
      assertThat(metaData.get("duration")).isEqualTo(line.get("duration_seconds"));
      assertThat(at(line, "listable_at"))
          .isAfterOrEqualTo(
              Instant.parse((String) metaData.get("started"))
                  .plusSeconds(((Number) metaData.get("duration")).longValue()));
      assertThat(at(line, "transcript_ready_at")).isAfterOrEqualTo(at(line, "listable_at"));
      String expected = (String) line.get("expected");
      boolean unreadable = !(transcript instanceof List<?>);
      boolean oversized =
          !unreadable && Exchange.JSON.writeValueAsString(transcript).length() > 4 * 1024 * 1024;
      assertThat(expected)
          .as(id(line))
          .isEqualTo(isPrivate ? "private" : unreadable || oversized ? "failed" : "published");
      assertThat(line.get("fault"))
          .isEqualTo(
              unreadable ? "unreadable_transcript" : oversized ? "oversized_transcript" : null);
    }
  }

  @Test
  void transcriptRequestsForPrivateCallsAreCountedExactly() {
    List<String> privateIds =
        truth.stream()
            .filter(t -> (Boolean) t.get("is_private"))
            .map(FieldRealismTest::id)
            .toList();
    gong.post("/admin/counters/reset", "{}");

    gong.transcripts(privateIds.subList(0, 3));
    gong.transcripts(privateIds.subList(2, 4));

    assertThat(simulator.counters().privateCallIdsInTranscriptRequests()).isEqualTo(5);
    assertThat(json(gong.get("/admin/private-transcript-requests").body()).get("call_ids"))
        .isEqualTo(privateIds.subList(0, 4).stream().sorted().toList());
  }

  @Test
  void theFieldCorpusIsDeterministicAndKeepsTheGeneratedCalls() throws Exception {
    try (GongSimulator again =
        GongSimulator.start(
            SimulatorConfig.defaults()
                .withCorpus(300, 42)
                .withNow(NOW)
                .withRealism(Realism.field()))) {
      assertThat(again.groundTruth()).isEqualTo(simulator.groundTruth());
      assertThat(truth(SimulatorHttp.of(again))).isEqualTo(settled.truth());
    }
    assertThat(simulator.corpus().calls())
        .isEqualTo(dev.earshot.gong.simulator.corpus.Corpus.generate(42, 300, NOW).calls());
  }

  static List<Map<String, Object>> listAll(SimulatorHttp gong) {
    List<Map<String, Object>> all = new ArrayList<>();
    String cursor = null;
    do {
      HttpResponse<String> page =
          gong.get(
              "/v2/calls?fromDateTime=2026-09-01T00:00:00Z"
                  + (cursor == null ? "" : "&cursor=" + cursor));
      all.addAll(list(page, "calls"));
      cursor =
          page.statusCode() == 200
              ? (String) asMap(json(page.body()).get("records")).get("cursor")
              : null;
    } while (cursor != null);
    return all;
  }

  static Object field(Map<String, Object> object, String name) {
    return fields(object).stream()
        .filter(f -> name.equals(f.get("name")))
        .findFirst()
        .orElseThrow()
        .get("value");
  }

  static List<Map<String, Object>> fields(Map<String, Object> object) {
    return maps(object.get("fields"));
  }

  static List<String> ids(List<Map<String, Object>> calls) {
    return calls.stream().map(c -> (String) c.get("id")).filter(Objects::nonNull).toList();
  }

  static List<String> truthIds(List<Map<String, Object>> truthLines) {
    return truthLines.stream().map(FieldRealismTest::id).toList();
  }

  static String callDataId(Map<String, Object> callData) {
    return (String) metaData(callData).get("id");
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> asMap(Object value) {
    return (Map<String, Object>) value;
  }
}
