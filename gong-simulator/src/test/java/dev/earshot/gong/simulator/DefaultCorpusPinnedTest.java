package dev.earshot.gong.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The default corpus ({@code Realism.none()}) is what every test and benchmark figure was measured
 * on, so it must not change by a byte. The digests below were computed from the simulator before
 * realism existed; requestIds and cursors (random by design) are left out, and keys are sorted
 * (some payload parts are {@code Map.of}, whose iteration order varies between JVM runs). The
 * switch that only changes how credentials fail must leave the corpus as it is too.
 */
class DefaultCorpusPinnedTest {

  static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

  /** The ground-truth keys that existed before realism; later keys are appended after them. */
  static final Set<String> ORIGINAL_TRUTH_KEYS =
      Set.of("call_id", "is_private", "transcript_ready_at", "account", "sales_only", "items");

  static Stream<Realism> dataNeutral() {
    return Stream.of(Realism.none(), Realism.only(Realism.Switch.QUOTA_AND_REVOCATION));
  }

  GongSimulator simulator;
  WebhookReceiver receiver;

  void start(Realism realism) throws Exception {
    simulator =
        GongSimulator.start(
            SimulatorConfig.defaults()
                .withCorpus(300, 42)
                .withNow(NOW)
                .withLimits(1_000, 100_000)
                .withRealism(realism));
    receiver = new WebhookReceiver();
  }

  @AfterEach
  void stop() {
    simulator.close();
    receiver.close();
  }

  @ParameterizedTest
  @MethodSource("dataNeutral")
  void theSeed42GroundTruthIsUnchanged(Realism realism) throws Exception {
    start(realism);

    assertThat(sha256Raw(original()))
        .isEqualTo("79f4e4a7a43ff806395c60ede123037c0ce7704b95e53973973af501a4df26a1");
  }

  String original() throws Exception {
    StringBuilder original = new StringBuilder();
    for (String line : get("/admin/ground-truth").lines().toList()) {
      Map<String, Object> parsed = json(line);
      Map<String, Object> kept = new LinkedHashMap<>();
      parsed.forEach(
          (k, v) -> {
            if (ORIGINAL_TRUTH_KEYS.contains(k)) {
              kept.put(k, v);
            }
          });
      original.append(Exchange.JSON.writeValueAsString(kept)).append('\n');
    }

    return original.toString();
  }

  @ParameterizedTest
  @MethodSource("dataNeutral")
  void theSeed42ListingExtensiveTranscriptAndWebhookPayloadsAreUnchanged(Realism realism)
      throws Exception {
    start(realism);
    List<String> ids = simulator.corpus().calls().stream().limit(300).map(c -> c.id()).toList();
    List<String> sample = List.of(ids.get(0), ids.get(17), ids.get(150), ids.get(299));
    String idsJson = Exchange.JSON.writeValueAsString(sample);
    String selector =
        """
        {"context":"Extended","exposedFields":{"parties":true,"content":{"brief":true,\
        "outline":true,"highlights":true,"keyPoints":true,"pointsOfInterest":true,"topics":true}}}""";

    String listing = stripRandom(get("/v2/calls?fromDateTime=2026-09-26T12:00:00Z"));
    String extensive =
        stripRandom(
            post(
                "/v2/calls/extensive",
                "{\"filter\":{\"callIds\":" + idsJson + "},\"contentSelector\":" + selector + "}"));
    String transcripts =
        stripRandom(post("/v2/calls/transcript", "{\"filter\":{\"callIds\":" + idsJson + "}}"));
    simulator.registerWebhook(receiver.url(), "url_key");
    simulator.fireWebhooks(List.of(ids.get(17)));

    assertThat(sha256(listing))
        .as("listing")
        .isEqualTo("229a981913ce987863fa7fe6cdd18f09540228faa337a7dd3a7edc31cf5b1673");
    assertThat(sha256(extensive))
        .as("extensive")
        .isEqualTo("e6449af80251ce762784b4a400b6c3580b7c24317e035d0db7a5e1569e57772c");
    assertThat(sha256(transcripts))
        .as("transcripts")
        .isEqualTo("dfaef36f6723264f8a3864bc82e221f8b449868aca7c85ff6c62771a57128df3");
    assertThat(sha256(receiver.bodies().getFirst()))
        .as("webhook")
        .isEqualTo("eb52bc63ca1d755039322efada4d76855c3839698002a1261e072cf289b23009");
  }

  String get(String path) {
    return SimulatorHttp.of(simulator).get(path).body();
  }

  String post(String path, String body) {
    return SimulatorHttp.of(simulator).post(path, body).body();
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> json(String text) {
    return Exchange.JSON.readValue(text, LinkedHashMap.class);
  }

  @SuppressWarnings("unchecked")
  static String stripRandom(String body) {
    Map<String, Object> parsed = json(body);
    parsed.remove("requestId");
    if (parsed.get("records") instanceof Map<?, ?> records) {
      ((Map<String, Object>) records).remove("cursor");
    }
    return Exchange.JSON.writeValueAsString(parsed);
  }

  static String sha256Raw(String text) throws Exception {
    return HexFormat.of()
        .formatHex(
            MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
  }

  static final JsonMapper SORTED =
      JsonMapper.builder().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();

  static String sha256(String json) throws Exception {
    String text =
        json.lines()
            .map(line -> SORTED.writeValueAsString(SORTED.readValue(line, Object.class)))
            .collect(java.util.stream.Collectors.joining("\n"));
    return HexFormat.of()
        .formatHex(
            MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
  }
}
