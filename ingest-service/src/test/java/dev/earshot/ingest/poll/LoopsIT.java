package dev.earshot.ingest.poll;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.earshot.events.CallEvent;
import dev.earshot.events.Topics;
import dev.earshot.gong.client.GongJson;
import dev.earshot.ingest.GongStub;
import dev.earshot.ingest.IngestTestSupport;
import dev.earshot.ingest.TestClock;
import dev.earshot.ingest.connection.ConnectingWithApiKey;
import dev.earshot.ingest.fetch.CallLedger;
import dev.earshot.ingest.fetch.FetchingCalls;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The scheduled loops (poll, fetch, backfill) driven through hours of a test clock against Gong
 * stand-ins: polling never misses a call Gong lists late, and loops stop for a connection Gong
 * refuses while others go on. Each test has its own workspace and org.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
      "earshot.security.local-issuer=true",
      "earshot.ingest.oauth.state-key=test-only-state-key-0123456789abcdef",
      "earshot.ingest.fetch.batch-wait=0s",
      "earshot.ingest.fetch.interval=1h",
      "earshot.ingest.poll.tick=1h",
      "earshot.ingest.backfill.tick=1h",
      "earshot.ingest.poll.initial-lookback=2h",
      "earshot.ingest.refresh-interval=1h",
      "earshot.ingest.reencrypt-interval=1h"
    })
@EmbeddedKafka(
    partitions = 1,
    topics = {Topics.CALL_EVENTS, Topics.CALLS, Topics.CONNECTIONS})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class LoopsIT {

  /** Closed after the Spring context, which still reads the database while closing. */
  @AutoClose static final IngestTestSupport.Postgres postgres = IngestTestSupport.postgres();

  static final GongStub lateGong = GongStub.start();
  static final GongStub longCallGong = GongStub.start();
  static final GongStub reconcileGong = GongStub.start();

  static final Path FIELD_CASE_01 =
      Path.of("..", "..", "shared", "field-cases", "01-poll-misses-late-listed-call")
          .toAbsolutePath()
          .normalize();

  @TestConfiguration
  static class Clocks {
    @Bean
    @Primary
    TestClock testClock() {
      return new TestClock();
    }
  }

  @Autowired TestClock clock;
  @Autowired JdbcClient jdbc;
  @Autowired EmbeddedKafkaBroker broker;
  @Autowired PollingCalls polling;
  @Autowired FetchingCalls fetching;
  @Autowired CallLedger ledger;
  @Autowired ConnectingWithApiKey connecting;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    IngestTestSupport.register(
        registry,
        postgres,
        Stream.of(lateGong, longCallGong, reconcileGong).map(GongStub::baseUrl).toList());
  }

  @AfterAll
  static void stop() {
    IngestTestSupport.close(lateGong, longCallGong, reconcileGong);
  }

  @AfterEach
  void systemTime() {
    clock.reset();
  }

  /**
   * Field case 01: call A (10:00, an hour) becomes listable at 11:25, after call B (10:40, 15
   * minutes) was listed and moved the watermark to 10:40. The poll at 11:32 still lists A.
   */
  @Test
  void fieldCase01ACallListedAfterALaterCallIsSightedByTheNextPoll() throws Exception {
    assumeTrue(Files.isDirectory(FIELD_CASE_01), "field case 01 absent");
    // given Gong's listing at 11:02 (B only)
    UUID connection = IngestTestSupport.connect(connecting, "org-late", lateGong, null);
    lateGong.listing(calls(FIELD_CASE_01.resolve("gong-calls-poll1.json")));
    pollAt(connection, Instant.parse("2026-11-30T11:02:00Z"));
    awaitLedger(connection, List.of("8130000000000000002"));

    // when A has become listable and the next poll runs at 11:32
    lateGong.listing(calls(FIELD_CASE_01.resolve("gong-calls-all-at-1132.json")));
    pollAt(connection, Instant.parse("2026-11-30T11:32:00Z"));
    awaitLedger(connection, List.of("8130000000000000001", "8130000000000000002"));

    // then A was sighted once by polling, and B was not sighted again
    assertThat(eventsOnTopic(connection, 2))
        .containsOnly(Map.entry("8130000000000000001", 1L), Map.entry("8130000000000000002", 1L));
  }

  /**
   * A three-hour call is listed only after two shorter, later calls; polls every 15 minutes through
   * the morning sight it once, and each short call once.
   */
  @Test
  void aThreeHourCallListedAfterShorterOnesIsSightedExactlyOnce() throws Exception {
    UUID connection = IngestTestSupport.connect(connecting, "org-long", longCallGong, null);
    JsonNode longCall = call("8140000000000000001", "2026-11-30T08:00:00Z", 3 * 3600);
    JsonNode first = call("8140000000000000002", "2026-11-30T09:00:00Z", 900);
    JsonNode second = call("8140000000000000003", "2026-11-30T10:30:00Z", 900);
    // (poll time, what Gong lists then: a call is listable 20 minutes after it ends)
    List<Map.Entry<Instant, List<JsonNode>>> polls =
        List.of(
            Map.entry(Instant.parse("2026-11-30T09:45:00Z"), List.of(first)),
            Map.entry(Instant.parse("2026-11-30T11:05:00Z"), List.of(first, second)),
            Map.entry(Instant.parse("2026-11-30T11:20:00Z"), List.of(longCall, first, second)),
            Map.entry(Instant.parse("2026-11-30T11:35:00Z"), List.of(longCall, first, second)),
            Map.entry(Instant.parse("2026-11-30T13:00:00Z"), List.of(longCall, first, second)));

    List<String> seen = new ArrayList<>();
    for (var poll : polls) {
      longCallGong.listing(poll.getValue());
      pollAt(connection, poll.getKey());
      seen = poll.getValue().stream().map(c -> c.path("id").asString()).toList();
      awaitLedger(connection, seen);
    }

    assertThat(eventsOnTopic(connection, 3))
        .containsOnly(
            Map.entry("8140000000000000001", 1L),
            Map.entry("8140000000000000002", 1L),
            Map.entry("8140000000000000003", 1L));
    assertThat(polling.stateOf(connection).orElseThrow().watermark())
        .isEqualTo(Instant.parse("2026-11-30T10:30:00Z"));
  }

  /**
   * A call Gong processes later than the margin is found by the periodic wider listing, not by the
   * polls before it.
   */
  @Test
  void aCallProcessedLaterThanTheMarginIsFoundByTheReconciliationListing() throws Exception {
    UUID connection = IngestTestSupport.connect(connecting, "org-reconcile", reconcileGong, null);
    Instant start = Instant.parse("2026-11-30T06:00:00Z");
    JsonNode recent = call("8150000000000000001", "2026-11-30T05:40:00Z", 600);
    JsonNode verySlow = call("8150000000000000002", "2026-11-29T20:00:00Z", 1800);
    reconcileGong.listing(List.of(recent));
    pollAt(connection, start);
    awaitLedger(connection, List.of("8150000000000000001"));

    // when the slow call becomes listable, a normal poll does not reach back far enough
    reconcileGong.listing(List.of(recent, verySlow));
    pollAt(connection, start.plus(Duration.ofHours(5)));
    assertThat(ledger.known(connection, List.of("8150000000000000002"))).isEmpty();
    assertThat(polling.stateOf(connection).orElseThrow().reconciledAt()).isEqualTo(start);

    // then the reconciliation poll six hours after the first one finds it
    pollAt(connection, start.plus(Duration.ofHours(6)));
    awaitLedger(connection, List.of("8150000000000000001", "8150000000000000002"));
    assertThat(polling.stateOf(connection).orElseThrow().reconciledAt())
        .isEqualTo(start.plus(Duration.ofHours(6)));
    assertThat(eventsOnTopic(connection, 2))
        .containsOnlyKeys("8150000000000000001", "8150000000000000002");
  }

  // ---- helpers ----

  /** Sets the clock, makes the connection's poll due then, and polls. */
  private void pollAt(UUID connection, Instant at) {
    clock.set(at);
    jdbc.sql("update poll_state set next_poll_at = :at where connection_id = :c")
        .param("at", Timestamp.from(at))
        .param("c", connection)
        .update();
    polling.pollDue();
  }

  private void awaitLedger(UUID connection, List<String> callIds) {
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> ledger.known(connection, callIds).size() == callIds.size());
  }

  private static List<JsonNode> calls(Path listing) throws Exception {
    List<JsonNode> calls = new ArrayList<>();
    GongJson.mapper().readTree(Files.readString(listing)).path("calls").forEach(calls::add);
    return calls;
  }

  private static JsonNode call(String id, String started, int seconds) {
    ObjectNode call = GongJson.mapper().createObjectNode();
    call.put("id", id);
    call.put("url", "https://us-1.app.gong.io/call?id=" + id);
    call.put("started", started);
    call.put("duration", seconds);
    call.put("isPrivate", false);
    return call;
  }

  /** gong.call-events.v1 records of one connection, counted per call id. */
  private Map<String, Long> eventsOnTopic(UUID connection, long atLeast) {
    return IngestTestSupport.consume(broker, Topics.CALL_EVENTS, atLeast, Duration.ofSeconds(15))
        .stream()
        .filter(r -> r instanceof CallEvent e && e.getConnectionId().equals(connection.toString()))
        .map(r -> ((CallEvent) r).getCallId())
        .collect(Collectors.groupingBy(id -> id, HashMap::new, Collectors.counting()));
  }
}
