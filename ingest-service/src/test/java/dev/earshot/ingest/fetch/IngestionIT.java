package dev.earshot.ingest.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.earshot.events.Call;
import dev.earshot.events.CallEvent;
import dev.earshot.events.CallEventSource;
import dev.earshot.events.Topics;
import dev.earshot.gong.auth.GongCredentials;
import dev.earshot.gong.client.GongClient;
import dev.earshot.gong.limit.Bucket4jRateLimiter;
import dev.earshot.gong.limit.GongRateLimiter;
import dev.earshot.gong.limit.RateLimits;
import dev.earshot.gong.simulator.GongSimulator;
import dev.earshot.gong.simulator.corpus.CorpusCall;
import dev.earshot.gong.url.BaseUrlGuard;
import dev.earshot.ingest.IngestTestSupport;
import dev.earshot.ingest.poll.BackfillProgress;
import dev.earshot.ingest.poll.BackfillingCalls;
import dev.earshot.ingest.poll.PollingCalls;
import dev.earshot.kit.security.LocalTokenIssuer;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Backfill, poll, intake and fetch against Gong simulators, real PostgreSQL and a KRaft broker.
 * Each test has its own simulator (workspace) and org, so counters and topics are read per test.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
      "earshot.security.local-issuer=true",
      "earshot.ingest.oauth.state-key=test-only-state-key-0123456789abcdef",
      "earshot.ingest.fetch.transcript-retry-initial=50ms",
      "earshot.ingest.fetch.transcript-retry-max=50ms",
      "earshot.ingest.fetch.batch-wait=0s",
      "earshot.ingest.fetch.interval=1h",
      "earshot.ingest.poll.tick=1h",
      "earshot.ingest.backfill.tick=1h",
      "earshot.ingest.poll.initial-lookback=3d",
      "earshot.ingest.refresh-interval=1h",
      "earshot.ingest.reencrypt-interval=1h"
    })
@EmbeddedKafka(
    partitions = 1,
    topics = {Topics.CALL_EVENTS, Topics.CALLS, Topics.CONNECTIONS})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class IngestionIT {

  /**
   * Closed by JUnit after the Spring context (which is closed after the class): the context's
   * shutdown still reads the database, and a stopped server makes it wait 30 s for a connection.
   */
  @AutoClose static final IngestTestSupport.Postgres postgres = IngestTestSupport.postgres();

  static final GongSimulator backfillGong = IngestTestSupport.simulator(180, 4, 1_000);
  static final GongSimulator resumeGong = IngestTestSupport.simulator(150, 5, 1_000);
  static final GongSimulator pollGong = IngestTestSupport.simulator(60, 9, 1_000);
  static final GongSimulator hookGong = IngestTestSupport.simulator(40, 11, 1_000);
  static final GongSimulator privateGong = IngestTestSupport.simulator(60, 12, 1_000);
  static final GongSimulator windowGong = IngestTestSupport.simulator(10, 13, 1_000);
  static final GongSimulator limitedGong = IngestTestSupport.simulator(10, 2, 3);

  @LocalServerPort int port;
  @Autowired LocalTokenIssuer tokens;
  @Autowired JdbcClient jdbc;
  @Autowired EmbeddedKafkaBroker broker;
  @Autowired BackfillingCalls backfills;
  @Autowired PollingCalls polling;
  @Autowired FetchingCalls fetching;
  @Autowired CallLedger ledger;
  @Autowired KafkaTemplate<String, SpecificRecord> kafka;
  @Autowired GongRateLimiter sharedLimiter;
  @Autowired DataSource dataSource;
  @Autowired TransactionTemplate transactions;
  @Autowired dev.earshot.ingest.connection.ConnectingWithApiKey connecting;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    IngestTestSupport.register(
        registry,
        postgres,
        backfillGong,
        resumeGong,
        pollGong,
        hookGong,
        privateGong,
        windowGong,
        limitedGong);
  }

  @AfterAll
  static void stop() {
    IngestTestSupport.close(
        backfillGong, resumeGong, pollGong, hookGong, privateGong, windowGong, limitedGong);
  }

  @Test
  void aSixtyDayBackfillFetchesEveryNonPrivateCallOnceInFullBatchesWithoutAPrivateTranscript()
      throws Exception {
    // given a connected workspace of 180 calls, some private and some with late transcripts
    UUID connection = IngestTestSupport.connect(connecting, "org-backfill", backfillGong, null);
    List<CorpusCall> corpus = backfillGong.corpus().calls();
    long privateCalls = corpus.stream().filter(CorpusCall::isPrivate).count();
    long late =
        corpus.stream()
            .filter(c -> !c.isPrivate() && !c.transcriptReady(backfillGong.now()))
            .count();
    assertThat(privateCalls).isPositive();
    assertThat(late).isPositive();
    backfillGong.counters().reset();

    // when it is backfilled and fetched
    backfills.start("org-backfill", 60);
    backfills.workAll();
    int chunks = backfills.progress(connection).orElseThrow().chunksDone();
    awaitLedger(connection, corpus.size());
    fetching.fetchDue();
    long published = ledger.countsByState(connection).get(CallState.PUBLISHED);

    // then the quiet workspace was listed in a few widening chunks, and fetched in full batches
    assertThat(chunks).isBetween(5, 8);
    assertThat(backfillGong.counters().endpoint("calls")).isEqualTo(chunks);
    assertThat(published).isEqualTo(corpus.size() - privateCalls - late);
    assertThat(backfillGong.counters().endpoint("calls_extensive")).isEqualTo(2);
    assertThat(backfillGong.counters().endpoint("calls_transcript")).isEqualTo(2);
    assertThat(backfillGong.counters().privateCallIdsInTranscriptRequests()).isZero();
    assertThat(backfillGong.counters().rateLimited()).isZero();
    var counts = ledger.countsByState(connection);
    assertThat(counts.get(CallState.PRIVATE)).isEqualTo(privateCalls);
    assertThat(counts.get(CallState.AWAITING_TRANSCRIPT)).isEqualTo(late);

    // and a late transcript is picked up once Gong has it, with one transcript request and no
    // second extensive request
    backfillGong.advanceClock(Duration.ofHours(3));
    Thread.sleep(100);
    fetching.fetchDue();
    assertThat(ledger.countsByState(connection).get(CallState.PUBLISHED))
        .isEqualTo(corpus.size() - privateCalls);
    assertThat(backfillGong.counters().endpoint("calls_extensive")).isEqualTo(2);
    assertThat(backfillGong.counters().endpoint("calls_transcript")).isEqualTo(3);
    Map<String, Long> perCall = callsOnTopic(connection, corpus.size() - privateCalls);
    assertThat(perCall).hasSize((int) (corpus.size() - privateCalls));
    assertThat(perCall.values()).containsOnly(1L);
    assertThat(perCall.keySet())
        .doesNotContainAnyElementsOf(
            corpus.stream().filter(CorpusCall::isPrivate).map(CorpusCall::id).toList());

    // and progress counts the window's calls by where they are
    BackfillProgress progress = backfills.progress(connection).orElseThrow();
    assertThat(progress.state()).isEqualTo("done");
    assertThat(progress.percent()).isEqualTo(100);
    assertThat(progress.callsFound()).isEqualTo(corpus.size());
    assertThat(progress.fetched()).isEqualTo(corpus.size() - privateCalls);
    assertThat(progress.skipped()).isEqualTo(privateCalls);
    assertThat(progress.pending()).isZero();
  }

  @Test
  void aCrashBetweenPublishingAChunkAndCommittingItResumesWithoutDuplicates() throws Exception {
    // given a backfill that completed two chunks
    UUID connection = IngestTestSupport.connect(connecting, "org-resume", resumeGong, null);
    List<CorpusCall> corpus = resumeGong.corpus().calls();
    long privateCalls = corpus.stream().filter(CorpusCall::isPrivate).count();
    backfills.start("org-resume", 60);
    assertThat(backfills.work(2)).isEqualTo(2);
    Instant cursorBefore = cursor(connection);

    // when the third chunk publishes its call events but the process dies before it commits
    transactions.executeWithoutResult(
        tx -> {
          assertThat(backfills.work(1)).isEqualTo(1);
          tx.setRollbackOnly();
        });
    assertThat(cursor(connection)).isEqualTo(cursorBefore);

    // and the backfill then resumes and everything is fetched
    backfills.workAll();
    awaitLedger(connection, corpus.size());
    resumeGong.advanceClock(Duration.ofHours(3));
    Thread.sleep(100);
    fetching.fetchDue();

    // then every call is in the ledger once and on gong.calls.v1 once
    assertThat(ledger.countsByState(connection).values().stream().mapToLong(Long::longValue).sum())
        .isEqualTo(corpus.size());
    Map<String, Long> perCall = callsOnTopic(connection, corpus.size() - privateCalls);
    assertThat(perCall).hasSize((int) (corpus.size() - privateCalls));
    assertThat(perCall.values()).containsOnly(1L);
    assertThat(backfills.progress(connection).orElseThrow().state()).isEqualTo("done");
  }

  @Test
  void aCallSeenByWebhookAndByPollIsFetchedOnceAndWebhookDataSavesTheExtensiveRequest()
      throws Exception {
    // given a call Gong announced by webhook (with its call data) that the poller lists too
    UUID connection = IngestTestSupport.connect(connecting, "org-hooks", hookGong, null);
    CorpusCall call =
        hookGong.corpus().calls().stream()
            .filter(c -> !c.isPrivate() && c.transcriptReady(hookGong.now()))
            .reduce((a, b) -> b)
            .orElseThrow();
    String body = IngestTestSupport.webhookBody(hookGong, call.id());
    hookGong.counters().reset();
    send(connection, "org-hooks", call.id(), CallEventSource.WEBHOOK, body);
    send(connection, "org-hooks", call.id(), CallEventSource.POLL, null);
    send(connection, "org-hooks", call.id(), CallEventSource.WEBHOOK, body);

    // when the fetcher runs
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> ledger.known(connection, List.of(call.id())).size() == 1);
    Thread.sleep(1_000);
    fetching.fetchDue();

    // then the call went out once, fetched with one transcript request and no extensive request
    assertThat(callsOnTopic(connection, 1)).containsExactly(Map.entry(call.id(), 1L));
    assertThat(hookGong.counters().endpoint("calls_extensive")).isZero();
    assertThat(hookGong.counters().endpoint("calls_transcript")).isEqualTo(1);
    fetching.fetchDue();
    assertThat(hookGong.counters().endpoint("calls_transcript")).isEqualTo(1);
    assertThat(ledger.countsByState(connection).get(CallState.PUBLISHED)).isEqualTo(1);
  }

  @Test
  void aPrivateCallAnnouncedWithoutItsDataIsStoppedByItsMetadataAndNeverNamedForATranscript()
      throws Exception {
    // given private calls announced without call data, so only their metadata can tell
    UUID connection = IngestTestSupport.connect(connecting, "org-private", privateGong, null);
    List<CorpusCall> privateCalls =
        privateGong.corpus().calls().stream().filter(CorpusCall::isPrivate).toList();
    assertThat(privateCalls).isNotEmpty();
    CorpusCall open =
        privateGong.corpus().calls().stream()
            .filter(c -> !c.isPrivate() && c.transcriptReady(privateGong.now()))
            .findFirst()
            .orElseThrow();
    privateGong.counters().reset();
    for (CorpusCall call : privateCalls) {
      send(connection, "org-private", call.id(), CallEventSource.WEBHOOK, null);
    }
    send(connection, "org-private", open.id(), CallEventSource.WEBHOOK, null);

    // when they are fetched
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                ledger.countsByState(connection).values().stream().mapToLong(Long::longValue).sum()
                    == privateCalls.size() + 1);
    fetching.fetchDue();

    // then one extensive request learned they are private and no transcript request named them
    assertThat(privateGong.counters().endpoint("calls_extensive")).isEqualTo(1);
    assertThat(privateGong.counters().endpoint("calls_transcript")).isEqualTo(1);
    assertThat(privateGong.counters().privateCallIdsInTranscriptRequests()).isZero();
    assertThat(ledger.countsByState(connection).get(CallState.PRIVATE))
        .isEqualTo(privateCalls.size());
    assertThat(callsOnTopic(connection, 1)).containsOnlyKeys(open.id());
  }

  @Test
  void twoPollersAtOnceEmitEachCallOnceAndTheOverlapRepeatsNothing() throws Exception {
    // given a newly connected workspace
    UUID connection = IngestTestSupport.connect(connecting, "org-poll", pollGong, null);

    // when two replicas poll at the same moment
    var first = CompletableFuture.supplyAsync(polling::pollDue);
    var second = CompletableFuture.supplyAsync(polling::pollDue);
    first.get();
    second.get();
    PollingCalls.PollState state = polling.stateOf(connection).orElseThrow();

    // then each call of the window became exactly one event
    Map<String, Long> perCall = eventsOnTopic(connection, state.lastFound());
    assertThat(state.lastFound()).isPositive();
    assertThat(perCall).hasSize(state.lastFound());
    assertThat(perCall.values()).containsOnly(1L);

    // and the watermark is the latest start listed
    Instant latest =
        pollGong.corpus().calls().stream()
            .filter(c -> perCall.containsKey(c.id()))
            .map(CorpusCall::started)
            .max(Instant::compareTo)
            .orElseThrow();
    assertThat(state.watermark()).isEqualTo(latest);

    // when the next poll (due now) re-lists the overlap before the watermark
    awaitLedger(connection, state.lastFound());
    jdbc.sql("update poll_state set next_poll_at = now() where connection_id = :c")
        .param("c", connection)
        .update();
    polling.pollDue();

    // then it found calls again but published none twice
    assertThat(polling.stateOf(connection).orElseThrow().lastFound()).isPositive();
    assertThat(eventsOnTopic(connection, state.lastFound())).isEqualTo(perCall);
  }

  @Test
  void twoReplicasShareOneLimitAndGongNeverAnswers429() throws Exception {
    // given two replicas' clients on one PostgreSQL bucket, warmed up like running services
    GongClient replicaA = client(sharedLimiter);
    GongClient replicaB = client(secondReplicaLimiter());
    replicaA.users(null);
    replicaB.users(null);
    Thread.sleep(1_100);
    limitedGong.counters().reset();

    // when both send as fast as they can
    var a = CompletableFuture.runAsync(() -> repeat(8, () -> replicaA.users(null)));
    var b = CompletableFuture.runAsync(() -> repeat(8, () -> replicaB.users(null)));
    CompletableFuture.allOf(a, b).get();

    // then Gong (3 requests/s) saw 16 requests and refused none
    assertThat(limitedGong.counters().endpoint("users")).isEqualTo(16);
    assertThat(limitedGong.counters().rateLimited()).isZero();
  }

  @Test
  void aBackfillWindowOutsideOneToSixtyDaysIsA400AndASecondRunningOneA409() throws Exception {
    IngestTestSupport.connect(connecting, "org-window", windowGong, 5);
    String token = tokens.issue("org-window", "admin", "a", Duration.ofMinutes(5));

    for (String body : List.of("{\"days\":0}", "{\"days\":61}", "{}", "{\"days\":\"ten\"}")) {
      HttpResponse<String> response =
          IngestTestSupport.post(port, "/api/v1/connections/current/backfill", token, body);
      assertThat(response.statusCode()).as(body).isEqualTo(400);
      assertThat(response.body()).as(body).contains("days");
    }
    // the backfill chosen at connect (5 days) is running, so another one conflicts
    HttpResponse<String> again =
        IngestTestSupport.post(port, "/api/v1/connections/current/backfill", token, "{\"days\":7}");
    assertThat(again.statusCode()).isEqualTo(409);
    HttpResponse<String> progress =
        IngestTestSupport.get(port, "/api/v1/connections/current/backfill", token);
    assertThat(progress.statusCode()).isEqualTo(200);
    assertThat(progress.body()).contains("\"days\":5").contains("\"state\":\"running\"");
  }

  // ---- helpers ----

  private void awaitLedger(UUID connection, long size) {
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                ledger.countsByState(connection).values().stream().mapToLong(Long::longValue).sum()
                    >= size);
  }

  private Instant cursor(UUID connection) {
    return jdbc.sql("select next_chunk_from from backfill where connection_id = :c")
        .param("c", connection)
        .query(java.sql.Timestamp.class)
        .single()
        .toInstant();
  }

  private void send(
      UUID connection, String org, String callId, CallEventSource source, String payload)
      throws Exception {
    kafka
        .send(
            Topics.CALL_EVENTS,
            connection.toString(),
            CallEvent.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setConnectionId(connection.toString())
                .setOrgId(org)
                .setCallId(callId)
                .setSource(source)
                .setSeenAt(Instant.now())
                .setWebhookPayload(payload)
                .build())
        .get();
  }

  /** gong.calls.v1 records of one connection, counted per call id. */
  private Map<String, Long> callsOnTopic(UUID connection, long atLeast) {
    return IngestTestSupport.consume(broker, Topics.CALLS, atLeast, Duration.ofSeconds(15)).stream()
        .filter(r -> r instanceof Call c && c.getConnectionId().equals(connection.toString()))
        .map(r -> ((Call) r).getCallId())
        .collect(Collectors.groupingBy(id -> id, HashMap::new, Collectors.counting()));
  }

  /** gong.call-events.v1 records of one connection, counted per call id. */
  private Map<String, Long> eventsOnTopic(UUID connection, long atLeast) {
    return IngestTestSupport.consume(broker, Topics.CALL_EVENTS, atLeast, Duration.ofSeconds(15))
        .stream()
        .filter(r -> r instanceof CallEvent e && e.getConnectionId().equals(connection.toString()))
        .map(r -> ((CallEvent) r).getCallId())
        .collect(Collectors.groupingBy(id -> id, HashMap::new, Collectors.counting()));
  }

  private GongClient client(GongRateLimiter limiter) {
    return GongClient.builder()
        .baseUrl(
            BaseUrlGuard.allowingLocal(Set.of(limitedGong.baseUrl())).check(limitedGong.baseUrl()))
        .credentials(
            new GongCredentials.AccessKey(
                dev.earshot.gong.simulator.SimulatorConfig.DEMO_ACCESS_KEY,
                dev.earshot.gong.simulator.SimulatorConfig.DEMO_ACCESS_SECRET))
        .connectionKey("limited-connection")
        .rateLimiter(limiter)
        .build();
  }

  /** A second replica's limiter: the same PostgreSQL table, its own JVM objects. */
  private GongRateLimiter secondReplicaLimiter() {
    RateLimits limits = RateLimits.gongDefaults();
    var configuration = limits.toBucketConfiguration();
    var buckets =
        Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
            .primaryKeyMapper(PrimaryKeyMapper.STRING)
            .build();
    return new Bucket4jRateLimiter(
        limits, key -> buckets.builder().build(key, () -> configuration));
  }

  private static void repeat(int times, Runnable action) {
    for (int i = 0; i < times; i++) {
      action.run();
    }
  }
}
