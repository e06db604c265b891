package dev.earshot.ingest.poll;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doAnswer;

import dev.earshot.events.CallEvent;
import dev.earshot.events.CallEventSource;
import dev.earshot.events.Topics;
import dev.earshot.gong.client.GongJson;
import dev.earshot.gong.simulator.GongSimulator;
import dev.earshot.ingest.GongStub;
import dev.earshot.ingest.IngestServiceTest;
import dev.earshot.ingest.IngestTestSupport;
import dev.earshot.ingest.StubWorkspace;
import dev.earshot.ingest.TestClock;
import dev.earshot.ingest.connection.ConnectingWithApiKey;
import dev.earshot.ingest.fetch.CallLedger;
import dev.earshot.ingest.fetch.CallState;
import dev.earshot.ingest.fetch.FetchingCalls;
import dev.earshot.ingest.fetch.KafkaWait;
import dev.earshot.kit.security.LocalTokenIssuer;
import dev.earshot.testing.ApiCalls;
import dev.earshot.testing.EmbeddedDatabase;
import io.micrometer.core.instrument.MeterRegistry;
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
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaProducerException;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;
import tools.jackson.databind.JsonNode;

/**
 * The scheduled loops (poll, fetch, backfill) driven through hours of a test clock against Gong
 * stand-ins: polling never misses a call Gong lists late, and loops stop for a connection Gong
 * refuses while others go on. Each test has its own workspace and org.
 */
@IngestServiceTest
@Import(TestClock.AsServiceClock.class)
@TestPropertySource(
    properties = {"earshot.ingest.fetch.batch-wait=0s", "earshot.ingest.poll.initial-lookback=2h"})
@EmbeddedKafka(
    partitions = 1,
    topics = {Topics.CALL_EVENTS, Topics.CALLS, Topics.CONNECTIONS})
class LoopsIT {

  /** Closed after the Spring context, which still reads the database while closing. */
  @AutoClose static final EmbeddedDatabase postgres = IngestTestSupport.postgres();

  static final StubWorkspace lateGong = StubWorkspace.start();
  static final StubWorkspace longCallGong = StubWorkspace.start();
  static final StubWorkspace reconcileGong = StubWorkspace.start();
  static final StubWorkspace quotaGong = StubWorkspace.start();
  static final StubWorkspace revokedGong = StubWorkspace.start();
  static final StubWorkspace turnsOlderGong = StubWorkspace.start();
  static final StubWorkspace turnsNewerGong = StubWorkspace.start();
  static final StubWorkspace kafkaWaitGong = StubWorkspace.start();
  static final GongSimulator busyGong = IngestTestSupport.simulator(300, 42, 1_000);
  static final GongSimulator otherGong = IngestTestSupport.simulator(300, 43, 1_000);

  /**
   * Loop ticks run while a connection's Gong refuses: enough that asking once per tick would show
   * as several requests, and more than the other org's backfill needs to finish (its chunks grow to
   * 15 days, four per tick). Each tick waits about 0.4 s on the other org's 3 requests/s limit.
   */
  static final int TICKS_WHILE_REFUSED = 8;

  static final Path FIELD_CASES =
      Path.of("..", "..", "shared", "field-cases").toAbsolutePath().normalize();

  static final Path FIELD_CASE_01 =
      Path.of("..", "..", "shared", "field-cases", "01-poll-misses-late-listed-call")
          .toAbsolutePath()
          .normalize();

  @Autowired TestClock clock;
  @Autowired JdbcClient jdbc;
  @Autowired EmbeddedKafkaBroker broker;
  @Autowired PollingCalls polling;
  @Autowired FetchingCalls fetching;
  @Autowired CallLedger ledger;
  @Autowired ConnectingWithApiKey connecting;
  @Autowired BackfillingCalls backfills;
  @MockitoSpyBean KafkaTemplate<?, ?> template;
  @Autowired LocalTokenIssuer tokens;
  @Autowired MeterRegistry meters;
  @LocalServerPort int port;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    IngestTestSupport.register(
        registry,
        postgres,
        List.of(busyGong, otherGong),
        List.of(
            lateGong,
            longCallGong,
            reconcileGong,
            quotaGong,
            revokedGong,
            turnsOlderGong,
            turnsNewerGong,
            kafkaWaitGong));
  }

  @AfterAll
  static void stop() {
    IngestTestSupport.close(
        lateGong,
        longCallGong,
        reconcileGong,
        quotaGong,
        revokedGong,
        turnsOlderGong,
        turnsNewerGong,
        kafkaWaitGong,
        busyGong,
        otherGong);
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
    JsonNode longCall =
        StubWorkspace.listedCall(
            "8140000000000000001", Instant.parse("2026-11-30T08:00:00Z"), 3 * 3600, false);
    JsonNode first =
        StubWorkspace.listedCall(
            "8140000000000000002", Instant.parse("2026-11-30T09:00:00Z"), 900, false);
    JsonNode second =
        StubWorkspace.listedCall(
            "8140000000000000003", Instant.parse("2026-11-30T10:30:00Z"), 900, false);
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
    JsonNode recent =
        StubWorkspace.listedCall(
            "8150000000000000001", Instant.parse("2026-11-30T05:40:00Z"), 600, false);
    JsonNode verySlow =
        StubWorkspace.listedCall(
            "8150000000000000002", Instant.parse("2026-11-29T20:00:00Z"), 1800, false);
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

  /**
   * Field case 08: org A's Gong answers every request 429 with {@code Retry-After: 41400} (its
   * company's daily quota is spent). A is paused after one request: its calls stay due and its
   * backfill running, the loops ask nothing of A tick after tick, org B's backfill progresses, the
   * ingestion API says A is rate limited until when, and A resumes by itself once the pause ends.
   */
  @Test
  void fieldCase08AConnectionRateLimitedForHoursIsPausedWhileAnotherOrgsBackfillProgresses()
      throws Exception {
    Path refusal = FIELD_CASES.resolve("08-daily-quota-long-retry-after/response-429.json");
    assumeTrue(Files.exists(refusal), "field case 08 absent");
    // given org A with a due call and a running backfill, and org B backfilling a busy workspace
    UUID a = IngestTestSupport.connect(connecting, "org-quota-a", quotaGong, 30);
    String call = "9100000000000000001";
    Instant started = Instant.now().minus(Duration.ofDays(2));
    quotaGong
        .listing(List.of(StubWorkspace.listedCall(call, started, 600, false)))
        .publicCall(call, started, "Hello.");
    announce(a, "org-quota-a", call);
    UUID b = IngestTestSupport.connect(connecting, "org-quota-b", busyGong, 30);

    // when A's Gong starts answering 429 with an 11.5-hour Retry-After and the loops tick on
    quotaGong.refuse(GongStub.Answer.file(429, refusal).withHeader("Retry-After", "41400"));
    long before = quotaGong.requests();
    // (the clock stands still from here: the pause is reckoned from the instant Gong's 429 is
    // read, which on a slow machine could otherwise fall a second or more after refusedAt)
    Instant refusedAt = clock.instant();
    clock.set(refusedAt);
    for (int tick = 0; tick < TICKS_WHILE_REFUSED; tick++) {
      tick();
    }

    // then A was asked once, not once per tick, and nothing of A was lost
    assertThat(quotaGong.requests() - before).isEqualTo(1);
    assertThat(ledger.countsByState(a).get(CallState.NEW)).isEqualTo(1);
    BackfillProgress progressA = backfills.progress(a).orElseThrow();
    assertThat(progressA.state()).isEqualTo("running");
    assertThat(progressA.chunksDone()).isZero();

    // and B's backfill went on meanwhile
    assertThat(backfills.progress(b).orElseThrow().state()).isEqualTo("done");

    // and the ingestion API says A is paused, until when and why
    String token = tokens.issue("org-quota-a", "member", "m", Duration.ofMinutes(5));
    JsonNode state =
        GongJson.mapper()
            .readTree(ApiCalls.get(port, "/api/v1/connections/current/ingestion", token).body());
    assertThat(state.path("loops").path("callingGong").asBoolean()).isFalse();
    assertThat(Instant.parse(state.path("loops").path("pausedUntil").asString()))
        .isBetween(refusedAt.plusSeconds(41_399), refusedAt.plusSeconds(41_460));
    assertThat(state.path("loops").path("pauseReason").asString()).contains("rate limited");
    assertThat(state.path("backfill").path("waitingFor").asString()).startsWith("paused until");

    // when the pause has ended and Gong answers again
    quotaGong.accept();
    clock.set(refusedAt.plusSeconds(41_401));
    for (int tick = 0; tick < 3; tick++) {
      tick();
    }

    // then A's call went out and its backfill finished, by themselves
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () -> {
              fetching.fetchDue();
              return ledger.countsByState(a).get(CallState.PUBLISHED) == 1;
            });
    assertThat(backfills.progress(a).orElseThrow().state()).isEqualTo("done");
  }

  /**
   * Field case 09: org C's access key is revoked (every request 401). C becomes unauthorized once,
   * with one count; the loops stop asking Gong for C while org D's backfill progresses; a PATCH
   * with a new key resumes C's backfill and fetching.
   */
  @Test
  void fieldCase09RevokedCredentialsStopTheLoopsForThatOrgUntilAnAdminFixesThem() throws Exception {
    Path refusal = FIELD_CASES.resolve("09-revoked-credentials-background-loops/error-401.json");
    assumeTrue(Files.exists(refusal), "field case 09 absent");
    // given org C with a due call and a running backfill, and org D backfilling
    UUID c = IngestTestSupport.connect(connecting, "org-revoked-c", revokedGong, 30);
    String call = "9200000000000000001";
    Instant started = Instant.now().minus(Duration.ofDays(3));
    revokedGong
        .listing(List.of(StubWorkspace.listedCall(call, started, 600, false)))
        .publicCall(call, started, "Hello.");
    announce(c, "org-revoked-c", call);
    UUID d = IngestTestSupport.connect(connecting, "org-revoked-d", otherGong, 30);
    double refusedBefore = counter("earshot.ingest.connection.refused", "reason", "unauthorized");

    // when C's key is revoked and the loops tick on
    revokedGong.refuse(GongStub.Answer.file(401, refusal));
    long before = revokedGong.requests();
    for (int tick = 0; tick < TICKS_WHILE_REFUSED; tick++) {
      tick();
    }

    // then C is unauthorized, counted once, and asked at most twice after the first 401
    String admin = tokens.issue("org-revoked-c", "admin", "a", Duration.ofMinutes(5));
    assertThat(ApiCalls.get(port, "/api/v1/connections/current", admin).body())
        .contains("\"status\":\"unauthorized\"");
    assertThat(revokedGong.requests() - before).isBetween(1L, 3L);
    assertThat(
            counter("earshot.ingest.connection.refused", "reason", "unauthorized") - refusedBefore)
        .isEqualTo(1.0);
    assertThat(ledger.countsByState(c).get(CallState.NEW)).isEqualTo(1);
    assertThat(backfills.progress(c).orElseThrow().state()).isEqualTo("running");
    assertThat(backfills.progress(d).orElseThrow().state()).isEqualTo("done");

    // when an admin gives a new key that Gong accepts
    revokedGong.accept();
    var edited =
        ApiCalls.patch(
            port,
            "/api/v1/connections/current",
            admin,
            "{\"accessKey\":\"NEWSTUBACCESSKEY\",\"secret\":\"new-stub-secret\"}");
    assertThat(edited.statusCode()).isEqualTo(200);

    // then C's backfill and fetching resume
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () -> {
              tick();
              return ledger.countsByState(c).get(CallState.PUBLISHED) == 1
                  && "done".equals(backfills.progress(c).orElseThrow().state());
            });
  }

  /**
   * Review M11: backfills take turns, a chunk each, so a newer org's backfill moves while an older,
   * longer one is still running.
   */
  @Test
  void backfillsTakeTurnsSoANewerOneIsNotHeldBehindAnOlderOne() {
    // given two running backfills, the older one first
    UUID older = backfillOf("org-turns-older", turnsOlderGong);
    UUID newer = backfillOf("org-turns-newer", turnsNewerGong);

    // when two chunks are worked
    backfills.work(2);

    // then each backfill got one
    assertThat(backfills.progress(older).orElseThrow().chunksDone()).isEqualTo(1);
    assertThat(backfills.progress(newer).orElseThrow().chunksDone()).isEqualTo(1);
  }

  /**
   * Kafka stops answering while a backfill runs and a poll is due: the first listing whose call
   * events it does not answer begins this replica's wait for Kafka, and until the wait is over the
   * poll and the backfill ask Gong nothing (they listed at every tick before: a listing whose
   * events were not published was listed again). The backfill's cursor and the poll's watermark
   * stay where they were, the backfill says it waits for Kafka, and both go on once Kafka answers.
   */
  @Test
  void whileThisReplicaWaitsForKafkaThePollAndTheBackfillAskGongNothing() throws Exception {
    // given a running 30-day backfill with a call in its first chunk, and a recent call to poll
    UUID connection = IngestTestSupport.connect(connecting, "org-kafka-wait", kafkaWaitGong, 30);
    BackfillProgress started = backfills.progress(connection).orElseThrow();
    String old = "9300000000000000001";
    String recent = "9300000000000000002";
    Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    kafkaWaitGong.listing(
        List.of(
            StubWorkspace.listedCall(old, started.from().plus(Duration.ofHours(2)), 600, false),
            StubWorkspace.listedCall(recent, now.minus(Duration.ofHours(1)), 600, false)));

    // when Kafka answers no call event and no call, and the loops tick on (the clock standing
    // still)
    clock.set(now);
    double skippedBefore = counter("earshot.ingest.backfill.skipped_for_kafka");
    long before = kafkaWaitGong.requests();
    kafkaSilent(true);
    try {
      for (int tick = 0; tick < TICKS_WHILE_REFUSED; tick++) {
        tick();
      }

      // then Gong was asked for one listing at most, not one per loop and tick
      assertThat(kafkaWaitGong.requests() - before).isLessThanOrEqualTo(1);
      assertThat(meters.get("earshot.ingest.fetch.waiting_for_kafka").gauge().value()).isOne();
      assertThat(counter("earshot.ingest.backfill.skipped_for_kafka") - skippedBefore)
          .isGreaterThanOrEqualTo(TICKS_WHILE_REFUSED - 1);

      // and nothing moved: the backfill's cursor, the poll's watermark, the ledger
      BackfillProgress waiting = backfills.progress(connection).orElseThrow();
      assertThat(waiting.state()).isEqualTo("running");
      assertThat(waiting.chunksDone()).isZero();
      assertThat(waiting.percent()).isZero();
      assertThat(polling.stateOf(connection).map(PollingCalls.PollState::lastPollAt)).isEmpty();
      assertThat(ledger.known(connection, List.of(old, recent))).isEmpty();

      // and the backfill says, through the API, that it waits for Kafka
      String token = tokens.issue("org-kafka-wait", "member", "m", Duration.ofMinutes(5));
      JsonNode progress =
          GongJson.mapper()
              .readTree(ApiCalls.get(port, "/api/v1/connections/current/backfill", token).body());
      assertThat(progress.path("state").asString()).isEqualTo("running");
      assertThat(progress.path("lastError").asString()).startsWith("waiting for Kafka");
    } finally {
      kafkaSilent(false);
    }

    // when Kafka answers again and the wait is over
    clock.set(now.plus(KafkaWait.WAIT).plusSeconds(1));
    for (int tick = 0; tick < 3; tick++) {
      tick();
    }

    // then the poll and the backfill went on from where they were, and both calls were sighted
    assertThat(meters.get("earshot.ingest.fetch.waiting_for_kafka").gauge().value()).isZero();
    awaitLedger(connection, List.of(old, recent));
    assertThat(polling.stateOf(connection).orElseThrow().watermark())
        .isEqualTo(now.minus(Duration.ofHours(1)));
    BackfillProgress resumed = backfills.progress(connection).orElseThrow();
    assertThat(resumed.chunksDone()).isPositive();
    assertThat(resumed.lastError()).isNull();
  }

  // ---- helpers ----

  /** The service's template (Spring Boot's, declared with wildcards), typed as it is used. */
  @SuppressWarnings("unchecked")
  private KafkaTemplate<String, SpecificRecord> kafka() {
    return (KafkaTemplate<String, SpecificRecord>) template;
  }

  /**
   * While {@code silent}, every call event and call sent fails as the producer fails it when the
   * brokers are away (no metadata within {@code max.block.ms}): Kafka does not answer.
   */
  private void kafkaSilent(boolean silent) {
    if (!silent) {
      org.mockito.Mockito.reset(template);
      return;
    }
    // Stubbing a spy while another thread calls it can bind the stub to that call instead (Mockito
    // mocks are not safe to stub concurrently): the outbox publishes the connection's events on
    // its own thread after a connect, so stub only once it has published them all. Without this
    // the stub was sometimes lost and Kafka answered (a CI run saw 14 Gong requests, not 1).
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                jdbc.sql("select count(*) from event_publication where completion_date is null")
                        .query(Long.class)
                        .single()
                    == 0);
    doAnswer(
            send -> {
              String topic = send.getArgument(0);
              if (!Topics.CALL_EVENTS.equals(topic) && !Topics.CALLS.equals(topic)) {
                return send.callRealMethod();
              }
              ProducerRecord<String, SpecificRecord> record =
                  new ProducerRecord<>(topic, send.getArgument(1), send.getArgument(2));
              return CompletableFuture.failedFuture(
                  new KafkaProducerException(
                      record,
                      "Failed to send",
                      new org.apache.kafka.common.errors.TimeoutException(
                          "Topic " + topic + " not present in metadata after 60000 ms.")));
            })
        .when(kafka())
        .send(anyString(), any(), any());
  }

  private double counter(String name) {
    var counter = meters.find(name).counter();
    return counter == null ? 0 : counter.count();
  }

  /** Connects the org to the workspace with a 30-day backfill; returns the connection. */
  private UUID backfillOf(String org, StubWorkspace workspace) {
    return IngestTestSupport.connect(connecting, org, workspace, 30);
  }

  /** One scheduler tick of every loop. */
  private void tick() {
    fetching.fetchDue();
    jdbc.sql("update poll_state set next_poll_at = :now")
        .param("now", Timestamp.from(clock.instant()))
        .update();
    polling.pollDue();
    backfills.work(4);
  }

  /** A webhook sighting of the call, landed in the ledger. */
  private void announce(UUID connection, String org, String callId) throws Exception {
    kafka()
        .send(
            Topics.CALL_EVENTS,
            connection.toString(),
            IngestTestSupport.callEvent(connection, org, callId, CallEventSource.WEBHOOK, null))
        .get();
    awaitLedger(connection, List.of(callId));
  }

  private double counter(String name, String tag, String value) {
    var counter = meters.find(name).tag(tag, value).counter();
    return counter == null ? 0 : counter.count();
  }

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

  /** gong.call-events.v1 records of one connection, counted per call id. */
  private Map<String, Long> eventsOnTopic(UUID connection, long atLeast) {
    return IngestTestSupport.consume(broker, Topics.CALL_EVENTS, atLeast, Duration.ofSeconds(15))
        .stream()
        .filter(r -> r instanceof CallEvent e && e.getConnectionId().equals(connection.toString()))
        .map(r -> ((CallEvent) r).getCallId())
        .collect(Collectors.groupingBy(id -> id, HashMap::new, Collectors.counting()));
  }
}
