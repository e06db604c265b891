package dev.earshot.ingest.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.earshot.events.Call;
import dev.earshot.events.CallEventSource;
import dev.earshot.events.Topics;
import dev.earshot.gong.simulator.GongSimulator;
import dev.earshot.gong.simulator.Realism;
import dev.earshot.gong.simulator.SimulatorConfig;
import dev.earshot.ingest.IngestServiceTest;
import dev.earshot.ingest.IngestTestSupport;
import dev.earshot.ingest.StubWorkspace;
import dev.earshot.ingest.TestClock;
import dev.earshot.ingest.connection.ConnectingWithApiKey;
import dev.earshot.testing.EmbeddedDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Issue 17's late summary end to end in ingest-service: a call published before Gong wrote its
 * brief is re-checked by the fetch loop on its backoff (driven through hours of a test clock) and
 * republished on gong.calls.v1 under the same key once the brief is there; a call that turned
 * private is not; a brief that never comes is given up after the maximum age; a crash in the middle
 * loses nothing. Default re-check settings (30 min, doubling to 4 h, 48 h).
 */
@IngestServiceTest
@Import(TestClock.AsServiceClock.class)
@TestPropertySource(properties = {"earshot.ingest.fetch.batch-wait=0s"})
@EmbeddedKafka(
    partitions = 1,
    topics = {Topics.CALL_EVENTS, Topics.CALLS, Topics.CONNECTIONS})
class SummaryRechecksIT {

  /** Closed after the Spring context, which still reads the database while closing. */
  @AutoClose static final EmbeddedDatabase postgres = IngestTestSupport.postgres();

  static final GongSimulator lateGong = lateBriefs(60, 21);
  static final GongSimulator crashGong = lateBriefs(60, 24);
  static final StubWorkspace turnedPrivateGong = StubWorkspace.start();
  static final StubWorkspace neverGong = StubWorkspace.start();

  @Autowired TestClock clock;
  @Autowired JdbcClient jdbc;
  @Autowired EmbeddedKafkaBroker broker;
  @Autowired FetchingCalls fetching;
  @Autowired CallLedger ledger;
  @Autowired ReadingCallLedger reading;
  @Autowired ConnectingWithApiKey connecting;
  @Autowired KafkaTemplate<String, SpecificRecord> kafka;
  @Autowired TransactionTemplate transactions;
  @Autowired MeterRegistry meters;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    IngestTestSupport.register(
        registry, postgres, List.of(lateGong, crashGong), List.of(turnedPrivateGong, neverGong));
  }

  @AfterAll
  static void stop() {
    IngestTestSupport.close(lateGong, crashGong, turnedPrivateGong, neverGong);
  }

  @AfterEach
  void systemTime() {
    clock.reset();
  }

  static GongSimulator lateBriefs(int calls, long seed) {
    try {
      return GongSimulator.start(
          SimulatorConfig.defaults()
              .withCorpus(calls, seed)
              .withLimits(1_000, 1_000_000)
              .withRealism(Realism.only(Realism.Switch.LATE_BRIEFS)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void aCallPublishedBeforeItsBriefIsRecheckedAndRepublishedWithItUnderTheSameKey() {
    // given a call Gong has analysed and transcribed but whose brief it has not written yet
    UUID connection = IngestTestSupport.connect(connecting, "org-late", lateGong, null);
    Map<String, Object> truth = lateCall(lateGong);
    String id = (String) truth.get("call_id");
    lateGong.counters().reset();
    double arrivedBefore = counter("earshot.ingest.calls.summary_arrived");
    double checksBefore = counter("earshot.ingest.calls.summary_rechecks");

    // when it is sighted and fetched
    sight(connection, "org-late", id);
    fetching.fetchDue();

    // then it is published with what exists, and the ledger remembers its summary is pending
    Call first = onlyValue(id, 1).getFirst();
    assertThat(first.getContent().getBrief()).isNull();
    assertThat(first.getContent().getHighlights()).isNotEmpty();
    assertThat(pending(connection, id)).isTrue();
    assertThat(reading.summariesPending(connection)).isEqualTo(1);
    assertThat(ledger.countsByState(connection).get(CallState.PUBLISHED)).isEqualTo(1);

    // and nothing is asked again before its first re-check is due
    lateGong.counters().reset();
    clock.advance(Duration.ofMinutes(29));
    fetching.fetchDue();
    assertThat(lateGong.counters().endpoint("calls_extensive")).isZero();

    // and a re-check while Gong still has no brief costs one extensive request and no transcript
    clock.advance(Duration.ofMinutes(2));
    fetching.fetchDue();
    assertThat(lateGong.counters().endpoint("calls_extensive")).isEqualTo(1);
    assertThat(lateGong.counters().endpoint("calls_transcript")).isZero();
    assertThat(checks(connection, id)).isEqualTo(1);
    assertThat(pending(connection, id)).isTrue();

    // when Gong has written the brief and the next re-check (an hour later) comes
    lateGong.advanceClock(Duration.between(lateGong.now(), at(truth, "brief_ready_at")));
    clock.advance(Duration.ofMinutes(61));
    fetching.fetchDue();

    // then the call is republished under the same key with the brief, at one more extensive and
    // one transcript request, and its re-checks end
    List<Call> values = onlyValue(id, 2);
    assertThat(values).hasSize(2);
    assertThat(values.get(1).getCallId()).isEqualTo(id);
    assertThat(values.get(1).getContent().getBrief()).isNotBlank();
    assertThat(values.get(1).getTranscript()).isEqualTo(first.getTranscript());
    assertThat(lateGong.counters().endpoint("calls_extensive")).isEqualTo(2);
    assertThat(lateGong.counters().endpoint("calls_transcript")).isEqualTo(1);
    assertThat(pending(connection, id)).isFalse();
    assertThat(reading.summariesPending(connection)).isZero();
    assertThat(ledger.countsByState(connection).get(CallState.PUBLISHED)).isEqualTo(1);
    assertThat(counter("earshot.ingest.calls.summary_arrived")).isEqualTo(arrivedBefore + 1);
    assertThat(counter("earshot.ingest.calls.summary_rechecks")).isEqualTo(checksBefore + 2);

    // and days later nothing more is asked or published
    clock.advance(Duration.ofDays(3));
    fetching.fetchDue();
    assertThat(lateGong.counters().endpoint("calls_extensive")).isEqualTo(2);
    assertThat(onlyValue(id, 2)).hasSize(2);
  }

  @Test
  void aCallThatTurnedPrivateBeforeItsBriefCameIsNotRepublishedNorNamedForATranscript() {
    // given a public call published without a brief
    UUID connection = IngestTestSupport.connect(connecting, "org-turned", turnedPrivateGong, null);
    Instant started = Instant.now().minus(Duration.ofHours(2));
    turnedPrivateGong.publicCall("turned-1", started, "We need SSO for the whole team.");
    sight(connection, "org-turned", "turned-1");
    fetching.fetchDue();
    assertThat(onlyValue("turned-1", 1)).hasSize(1);
    assertThat(pending(connection, "turned-1")).isTrue();
    double skippedBefore =
        meters.counter("earshot.ingest.calls.private_skipped", "stage", "summary_recheck").count();

    // when Gong says it is private now, with its brief
    var element = StubWorkspace.extensiveCall("turned-1", started, true, "[]");
    element.putObject("content").put("brief", "A brief Earshot must never read.");
    turnedPrivateGong.extensive("turned-1", element);
    clock.advance(Duration.ofMinutes(31));
    fetching.fetchDue();

    // then nothing is republished, no transcript request names it, and its re-checks end
    assertThat(onlyValue("turned-1", 1)).hasSize(1);
    assertThat(turnedPrivateGong.transcriptRequestIds()).containsExactly("turned-1");
    assertThat(pending(connection, "turned-1")).isFalse();
    assertThat(
            meters
                .counter("earshot.ingest.calls.private_skipped", "stage", "summary_recheck")
                .count())
        .isEqualTo(skippedBefore + 1);
    clock.advance(Duration.ofDays(3));
    long extensive = turnedPrivateGong.requests(StubWorkspace.EXTENSIVE);
    fetching.fetchDue();
    assertThat(turnedPrivateGong.requests(StubWorkspace.EXTENSIVE)).isEqualTo(extensive);
  }

  @Test
  void aBriefThatNeverComesIsGivenUpAfterTheMaximumAgeAndCounted() {
    // given a call published without a brief that Gong never writes
    UUID connection = IngestTestSupport.connect(connecting, "org-never", neverGong, null);
    neverGong.publicCall(
        "never-1", Instant.now().minus(Duration.ofHours(2)), "The export is too slow.");
    sight(connection, "org-never", "never-1");
    fetching.fetchDue();
    Instant published = clock.instant();
    assertThat(pending(connection, "never-1")).isTrue();
    long extensiveBefore = neverGong.requests(StubWorkspace.EXTENSIVE);
    double gaveUpBefore = counter("earshot.ingest.calls.summary_gave_up");

    // when the fetch loop runs every 10 minutes for three days
    for (Duration age = Duration.ZERO;
        age.compareTo(Duration.ofDays(3)) < 0;
        age = age.plusMinutes(10)) {
      clock.advance(Duration.ofMinutes(10));
      fetching.fetchDue();
      if (Duration.between(published, clock.instant()).compareTo(Duration.ofHours(47)) < 0) {
        assertThat(pending(connection, "never-1")).isTrue();
      }
    }

    // then it was re-checked on its backoff (30 min, then doubling up to 4 h, the last at 48 h)
    // and then given up, published once, counted
    int checks = checks(connection, "never-1");
    assertThat(checks).isEqualTo(15); // 0.5 1.5 3.5 7.5 11.5 ... 47.5 48 h
    assertThat(neverGong.requests(StubWorkspace.EXTENSIVE) - extensiveBefore).isEqualTo(checks);
    assertThat(neverGong.transcriptRequestIds()).containsExactly("never-1");
    assertThat(pending(connection, "never-1")).isFalse();
    assertThat(counter("earshot.ingest.calls.summary_gave_up")).isEqualTo(gaveUpBefore + 1);
    assertThat(onlyValue("never-1", 1)).hasSize(1);
    assertThat(ledger.countsByState(connection).get(CallState.PUBLISHED)).isEqualTo(1);
  }

  @Test
  void aCrashAfterRepublishingButBeforeCommittingRechecksAgainAndLosesNothing() {
    // given a call published without its brief, whose brief Gong has written since
    UUID connection = IngestTestSupport.connect(connecting, "org-crash", crashGong, null);
    Map<String, Object> truth = lateCall(crashGong);
    String id = (String) truth.get("call_id");
    sight(connection, "org-crash", id);
    fetching.fetchDue();
    assertThat(pending(connection, id)).isTrue();
    crashGong.advanceClock(Duration.between(crashGong.now(), at(truth, "brief_ready_at")));
    clock.advance(Duration.ofMinutes(31));

    // when the re-check republishes it but the process dies before its transaction commits
    transactions.executeWithoutResult(
        tx -> {
          assertThat(fetching.fetchBatch(connection, clock.instant()).published()).isEqualTo(1);
          tx.setRollbackOnly();
        });

    // then the ledger still has its summary pending and due, and the next run republishes it again
    // under the same key (downstream keys everything by call id) and ends its re-checks
    assertThat(pending(connection, id)).isTrue();
    fetching.fetchDue();
    List<Call> values = onlyValue(id, 3);
    assertThat(values).hasSize(3);
    assertThat(values.get(0).getContent().getBrief()).isNull();
    assertThat(values.subList(1, 3))
        .allSatisfy(v -> assertThat(v.getContent().getBrief()).isNotBlank());
    assertThat(pending(connection, id)).isFalse();
  }

  /**
   * A published call whose brief comes late, with the simulator's clock moved to the moment Gong
   * has analysed it (listed and transcribed) but not written its brief yet.
   */
  private static Map<String, Object> lateCall(GongSimulator gong) {
    Instant now = gong.now();
    Map<String, Object> truth =
        gong.groundTruth().stream()
            .filter(t -> "published".equals(t.get("expected")))
            .filter(t -> t.get("brief_ready_at") != null)
            .filter(t -> at(t, "brief_ready_at").isAfter(now))
            .findFirst()
            .orElseThrow();
    Instant analysed =
        Stream.of(now, at(truth, "listable_at"), at(truth, "transcript_ready_at"))
            .max(Instant::compareTo)
            .orElseThrow();
    gong.advanceClock(Duration.between(now, analysed));
    assertThat(at(truth, "brief_ready_at")).isAfter(gong.now());
    return truth;
  }

  private static Instant at(Map<String, Object> truth, String field) {
    return Instant.parse((String) truth.get(field));
  }

  private void sight(UUID connection, String org, String callId) {
    kafka.send(
        Topics.CALL_EVENTS,
        callId,
        IngestTestSupport.callEvent(connection, org, callId, CallEventSource.POLL, null));
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> ledger.known(connection, List.of(callId)).size() == 1);
    // stopped after the sighting, so the call is due at once, on a whole second: PostgreSQL keeps
    // microseconds, so a due time stored from a nanosecond instant could round past the tick
    clock.set(Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(1));
  }

  private List<Call> onlyValue(String callId, int atLeast) {
    return IngestTestSupport.valuesFor(
            broker, Topics.CALLS, callId, atLeast, Duration.ofSeconds(15))
        .stream()
        .map(Call.class::cast)
        .toList();
  }

  private boolean pending(UUID connection, String callId) {
    return jdbc.sql(
            "select summary_pending_since is not null from call where connection_id = :c and call_id = :id")
        .param("c", connection)
        .param("id", callId)
        .query(Boolean.class)
        .single();
  }

  private int checks(UUID connection, String callId) {
    return jdbc.sql("select summary_checks from call where connection_id = :c and call_id = :id")
        .param("c", connection)
        .param("id", callId)
        .query(Integer.class)
        .single();
  }

  private double counter(String name) {
    return meters.counter(name).count();
  }
}
