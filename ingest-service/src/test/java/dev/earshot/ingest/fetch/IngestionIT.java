package dev.earshot.ingest.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;

import dev.earshot.events.Call;
import dev.earshot.events.CallEvent;
import dev.earshot.events.CallEventSource;
import dev.earshot.events.Topics;
import dev.earshot.gong.auth.GongCredentials;
import dev.earshot.gong.client.GongClient;
import dev.earshot.gong.client.GongJson;
import dev.earshot.gong.limit.GongRateLimiter;
import dev.earshot.gong.simulator.GongSimulator;
import dev.earshot.gong.simulator.corpus.CorpusCall;
import dev.earshot.gong.url.BaseUrlGuard;
import dev.earshot.ingest.IngestConfiguration;
import dev.earshot.ingest.IngestProperties;
import dev.earshot.ingest.IngestServiceTest;
import dev.earshot.ingest.IngestTestSupport;
import dev.earshot.ingest.StubWorkspace;
import dev.earshot.ingest.TestClock;
import dev.earshot.ingest.poll.BackfillProgress;
import dev.earshot.ingest.poll.BackfillingCalls;
import dev.earshot.ingest.poll.PollingCalls;
import dev.earshot.kit.security.LocalTokenIssuer;
import dev.earshot.testing.ApiCalls;
import dev.earshot.testing.EmbeddedDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Backfill, poll, intake and fetch against Gong simulators, real PostgreSQL and a KRaft broker.
 * Each test has its own simulator (workspace) and org, so counters and topics are read per test.
 */
@IngestServiceTest
@Import(TestClock.AsServiceClock.class)
@TestPropertySource(
    properties = {
      "earshot.ingest.fetch.transcript-retry-initial=50ms",
      "earshot.ingest.fetch.transcript-retry-max=50ms",
      "earshot.ingest.fetch.batch-wait=0s",
      "earshot.ingest.fetch.failures.max-attempts=3",
      "spring.datasource.hikari.connection-timeout=2000",
      "earshot.ingest.fetch.failures.retry-initial=50ms",
      "earshot.ingest.fetch.failures.retry-max=50ms",
      "earshot.ingest.poll.initial-lookback=3d"
    })
@EmbeddedKafka(
    partitions = 1,
    topics = {
      Topics.CALL_EVENTS,
      Topics.CALLS,
      Topics.CONNECTIONS,
      Topics.CALL_EVENTS + Topics.DEAD_LETTER_SUFFIX
    })
class IngestionIT {

  /**
   * Closed by JUnit after the Spring context (which is closed after the class): the context's
   * shutdown still reads the database, and a stopped server makes it wait 30 s for a connection.
   */
  @AutoClose static final EmbeddedDatabase postgres = IngestTestSupport.postgres();

  static final GongSimulator backfillGong = IngestTestSupport.simulator(180, 4, 1_000);
  static final GongSimulator resumeGong = IngestTestSupport.simulator(150, 5, 1_000);
  static final GongSimulator pollGong = IngestTestSupport.simulator(60, 9, 1_000);
  static final GongSimulator hookGong = IngestTestSupport.simulator(40, 11, 1_000);
  static final GongSimulator privateGong = IngestTestSupport.simulator(60, 12, 1_000);
  static final GongSimulator windowGong = IngestTestSupport.simulator(10, 13, 1_000);
  static final GongSimulator limitedGong = IngestTestSupport.simulator(10, 2, 3);
  static final GongSimulator fieldGong = IngestTestSupport.simulator(80, 14, 1_000);
  static final GongSimulator healthyGong = IngestTestSupport.simulator(20, 15, 1_000);
  static final GongSimulator silentKafkaGong = IngestTestSupport.simulator(20, 16, 1_000);
  static final GongSimulator backlogGong = IngestTestSupport.simulator(400, 17, 1_000);
  static final StubWorkspace poisonGong = StubWorkspace.start();
  static final StubWorkspace unflaggedGong = StubWorkspace.start();
  static final StubWorkspace brokenGong = StubWorkspace.start();
  static final StubWorkspace outageGong = StubWorkspace.start();
  static final StubWorkspace poisonEventGong = StubWorkspace.start();
  static final StubWorkspace farStartGong = StubWorkspace.start();

  static final Path FIELD_CASE_02 =
      Path.of("..", "..", "shared", "field-cases", "02-webhook-calldata-missing-isprivate")
          .toAbsolutePath()
          .normalize();

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
  @Autowired MeterRegistry meters;
  @MockitoSpyBean CallPublisher publisher;
  @Autowired TestClock clock;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    IngestTestSupport.register(
        registry,
        postgres,
        List.of(
            backfillGong,
            resumeGong,
            pollGong,
            hookGong,
            privateGong,
            windowGong,
            limitedGong,
            fieldGong,
            healthyGong,
            silentKafkaGong,
            backlogGong),
        List.of(poisonGong, unflaggedGong, brokenGong, outageGong, poisonEventGong, farStartGong));
  }

  @AfterAll
  static void stop() {
    IngestTestSupport.close(
        backfillGong,
        resumeGong,
        pollGong,
        hookGong,
        privateGong,
        windowGong,
        limitedGong,
        fieldGong,
        healthyGong,
        silentKafkaGong,
        backlogGong,
        poisonGong,
        unflaggedGong,
        brokenGong,
        outageGong,
        poisonEventGong,
        farStartGong);
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

    // and a late transcript is picked up once Gong has it, with one transcript request and one
    // extensive request (privacy is read again at every retry: the call may be private by now)
    backfillGong.advanceClock(Duration.ofHours(3));
    awaitPublished(connection, corpus.size() - privateCalls);
    assertThat(backfillGong.counters().endpoint("calls_extensive")).isEqualTo(3);
    assertThat(backfillGong.counters().endpoint("calls_transcript")).isEqualTo(3);
    Map<String, Long> perCall = callsOnTopic(connection, corpus.size() - privateCalls);
    assertThat(perCall).hasSize((int) (corpus.size() - privateCalls));
    assertThat(perCall.values()).containsOnly(1L);
    assertThat(perCall.keySet())
        .doesNotContainAnyElementsOf(
            corpus.stream().filter(CorpusCall::isPrivate).map(CorpusCall::id).toList());

    // and the progress gauges follow the fetchers after listing ended (no call to progress()
    // since the last chunk, as when nobody looks at the backfill)
    backfills.refreshGauges();
    assertThat(backfillGauge("pending", connection)).isZero();
    assertThat(backfillGauge("fetched", connection)).isEqualTo(corpus.size() - privateCalls);

    // and progress counts the window's calls by where they are
    BackfillProgress progress = backfills.progress(connection).orElseThrow();
    assertThat(progress.state()).isEqualTo("done");
    assertThat(progress.percent()).isEqualTo(100);
    assertThat(progress.callsFound()).isEqualTo(corpus.size());
    assertThat(progress.fetched()).isEqualTo(corpus.size() - privateCalls);
    assertThat(progress.skipped()).isEqualTo(privateCalls);
    assertThat(progress.pending()).isZero();
  }

  private double backfillGauge(String name, UUID connection) {
    return meters
        .get("earshot.ingest.backfill." + name)
        .tag("connection", connection.toString())
        .gauge()
        .value();
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
    awaitPublished(connection, corpus.size() - privateCalls);

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
    double duplicatesBefore = duplicates();
    send(connection, "org-hooks", call.id(), CallEventSource.WEBHOOK, body);
    send(connection, "org-hooks", call.id(), CallEventSource.POLL, null);
    send(connection, "org-hooks", call.id(), CallEventSource.WEBHOOK, body);

    // when the three sightings have reached the ledger (one row, two duplicates) and the fetcher
    // runs
    await().atMost(Duration.ofSeconds(20)).until(() -> duplicates() >= duplicatesBefore + 2);
    assertThat(ledger.known(connection, List.of(call.id()))).hasSize(1);
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

  /**
   * Field case 02: Gong's documented webhook sample has no isPrivate, another shape carries it only
   * at the top level, and some deliveries list no parties. Through the real intake and fetcher, the
   * private calls are looked up in calls/extensive and never named in a transcript request, and the
   * call without parties is published with the parties Gong's extensive lists.
   */
  @Test
  void fieldCase02WebhooksWithoutAnExplicitPublicFlagOrPartiesAreLookedUpBeforeAnyTranscript()
      throws Exception {
    assumeTrue(Files.isDirectory(FIELD_CASE_02), "field case 02 absent");
    // given two private calls and a public one of the workspace, announced in the case's shapes
    UUID connection = IngestTestSupport.connect(connecting, "org-field-02", fieldGong, null);
    List<CorpusCall> privateCalls =
        fieldGong.corpus().calls().stream().filter(CorpusCall::isPrivate).toList();
    assertThat(privateCalls).isNotEmpty();
    String noFlag = privateCalls.getFirst().id();
    String topLevel = privateCalls.getLast().id();
    CorpusCall open =
        fieldGong.corpus().calls().stream()
            .filter(c -> !c.isPrivate() && c.transcriptReady(fieldGong.now()))
            .reduce((a, b) -> b)
            .orElseThrow();
    fieldGong.counters().reset();
    send(
        connection,
        "org-field-02",
        noFlag,
        CallEventSource.WEBHOOK,
        fieldCase02("webhook-private-no-flag.json", noFlag));
    send(
        connection,
        "org-field-02",
        topLevel,
        CallEventSource.WEBHOOK,
        fieldCase02("webhook-private-top-level-flag.json", topLevel));
    send(
        connection,
        "org-field-02",
        open.id(),
        CallEventSource.WEBHOOK,
        fieldCase02("webhook-public-no-parties.json", open.id()));
    Set<String> ids = Set.of(noFlag, topLevel, open.id());

    // when they land in the ledger and are fetched
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> ledger.known(connection, ids).size() == ids.size());
    fetching.fetchDue();

    // then no transcript request named a private call, and they end PRIVATE, off gong.calls.v1
    assertThat(fieldGong.counters().privateCallIdsInTranscriptRequests()).isZero();
    assertThat(fieldGong.counters().endpoint("calls_extensive")).isEqualTo(1);
    assertThat(fieldGong.counters().endpoint("calls_transcript")).isEqualTo(1);
    assertThat(ledger.countsByState(connection).get(CallState.PRIVATE))
        .isEqualTo(Set.of(noFlag, topLevel).size());
    List<Call> published = callRecords(connection, 1);
    assertThat(published).extracting(Call::getCallId).containsExactly(open.id());

    // and the call announced without parties went out with the parties Gong lists
    assertThat(published.getFirst().getParties())
        .extracting(dev.earshot.events.Party::getId)
        .containsExactlyElementsOf(open.parties().stream().map(p -> p.id()).toList());
  }

  /**
   * A listing that omits isPrivate is not a public call: the extensive lookup decides, and an
   * extensive answer that still lacks the flag leaves the call private, counted apart.
   */
  @Test
  void aCallWhoseListingOrExtensiveMetadataLacksThePrivacyFlagIsNeverNamedForATranscript() {
    // given a workspace listing three calls without isPrivate; extensive says private for one,
    // nothing for another, and isPrivate:false for the third
    Instant started = Instant.now().minus(Duration.ofHours(2));
    unflaggedGong
        .listing(
            List.of(
                StubWorkspace.listedCall("7100000000000000001", started, 600, null),
                StubWorkspace.listedCall("7100000000000000002", started.plusSeconds(60), 600, null),
                StubWorkspace.listedCall(
                    "7100000000000000003", started.plusSeconds(120), 600, null)))
        .extensive(
            "7100000000000000001",
            StubWorkspace.extensiveCall("7100000000000000001", started, true, "[]"))
        .extensive(
            "7100000000000000002",
            StubWorkspace.extensiveCall("7100000000000000002", started, null, "[]"))
        .extensive(
            "7100000000000000003",
            StubWorkspace.extensiveCall("7100000000000000003", started, false, "[]"))
        .transcript(
            "7100000000000000003", StubWorkspace.transcriptOf("7100000000000000003", "Hello."));
    UUID connection = IngestTestSupport.connect(connecting, "org-unflagged", unflaggedGong, null);
    double unflaggedBefore = privateSkipped("metadata_unflagged");

    // when the poller lists them and the fetcher fetches them
    polling.pollDue();
    awaitLedger(connection, 3);
    fetching.fetchDue();

    // then only the call Gong said is public was named for a transcript and published
    assertThat(unflaggedGong.transcriptRequestIds()).containsExactly("7100000000000000003");
    assertThat(ledger.countsByState(connection).get(CallState.PRIVATE)).isEqualTo(2);
    assertThat(ledger.countsByState(connection).get(CallState.PUBLISHED)).isEqualTo(1);
    assertThat(privateSkipped("metadata_unflagged") - unflaggedBefore).isEqualTo(1.0);
  }

  /**
   * Review C1: one call Earshot cannot publish (an unreadable element of Gong's answer, a record
   * over the topic's limit) never holds back its batch-mates, which go out once; it is retried a
   * bounded number of times, then parked FAILED with its reason, shown by the ingestion API. CRM
   * values that do not fit the contract (an amount wider than decimal(18,2)) are dropped, counted.
   */
  @Test
  void oneUnpublishableCallIsParkedFailedWhileItsBatchMatesArePublishedOnce() throws Exception {
    // given a batch of good calls, one with an amount too wide for decimal(18,2), and three
    // calls that can never become a Call record
    Instant started = Instant.now().minus(Duration.ofHours(3));
    List<String> good = List.of("7200000000000000001", "7200000000000000002");
    String wide = "7200000000000000003";
    String unreadableMetadata = "7200000000000000004";
    String unreadableTranscript = "7200000000000000005";
    String tooLarge = "7200000000000000006";
    for (String id : good) {
      poisonGong
          .extensive(id, StubWorkspace.extensiveCall(id, started, false, "[]"))
          .transcript(id, StubWorkspace.transcriptOf(id, "Fine."));
    }
    poisonGong
        .extensive(
            wide,
            StubWorkspace.extensiveCall(
                wide,
                started,
                false,
                "[{\"system\":\"Salesforce\",\"objects\":[{\"objectType\":\"Opportunity\","
                    + "\"objectId\":\"006\",\"fields\":[{\"name\":\"Amount\","
                    + "\"value\":\"12345678901234567.00\"}]}]}]"))
        .transcript(wide, StubWorkspace.transcriptOf(wide, "Wide."))
        .extensive(
            unreadableMetadata,
            GongJson.mapper()
                .readTree(
                    "{\"metaData\":{\"id\":\""
                        + unreadableMetadata
                        + "\",\"isPrivate\":false,\"duration\":{\"seconds\":60}}}"))
        .extensive(
            unreadableTranscript,
            StubWorkspace.extensiveCall(unreadableTranscript, started, false, "[]"))
        .transcript(
            unreadableTranscript,
            GongJson.mapper()
                .readTree(
                    "{\"callId\":\""
                        + unreadableTranscript
                        + "\",\"transcript\":[{\"sentences\":\"nope\"}]}"))
        .extensive(tooLarge, StubWorkspace.extensiveCall(tooLarge, started, false, "[]"))
        .transcript(tooLarge, StubWorkspace.transcriptOf(tooLarge, "x".repeat(100).repeat(45_000)));
    UUID connection = IngestTestSupport.connect(connecting, "org-poison", poisonGong, null);
    List<String> all =
        List.of(good.get(0), good.get(1), wide, unreadableMetadata, unreadableTranscript, tooLarge);
    for (String id : all) {
      send(connection, "org-poison", id, CallEventSource.WEBHOOK, null);
    }
    await().atMost(Duration.ofSeconds(20)).until(() -> ledger.known(connection, all).size() == 6);
    double wideDropped = counter("earshot.ingest.calls.values_dropped", "field", "crm.dealAmount");

    // when the fetcher runs until nothing is due any more
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> {
              fetching.fetchDue();
              var counts = ledger.countsByState(connection);
              return counts.get(CallState.NEW) + counts.get(CallState.AWAITING_TRANSCRIPT) == 0;
            });

    // then the good calls and the wide one went out exactly once, the wide amount left out
    Map<String, Long> perCall = callsOnTopic(connection, 3);
    assertThat(perCall)
        .containsOnly(Map.entry(good.get(0), 1L), Map.entry(good.get(1), 1L), Map.entry(wide, 1L));
    assertThat(callRecords(connection, 3).stream().filter(c -> c.getCallId().equals(wide)))
        .singleElement()
        .satisfies(c -> assertThat(c.getCrm().getDealAmount()).isNull());
    assertThat(
            counter("earshot.ingest.calls.values_dropped", "field", "crm.dealAmount") - wideDropped)
        .isEqualTo(1.0);

    // and the three others were tried three times and parked FAILED with their reasons
    var counts = ledger.countsByState(connection);
    assertThat(counts.get(CallState.PUBLISHED)).isEqualTo(3);
    assertThat(counts.get(CallState.FAILED)).isEqualTo(3);
    Map<String, FailedCall> failed =
        ledger.latestFailed(connection, 10).stream()
            .collect(Collectors.toMap(FailedCall::callId, f -> f));
    assertThat(failed).containsOnlyKeys(unreadableMetadata, unreadableTranscript, tooLarge);
    assertThat(failed.values()).allSatisfy(f -> assertThat(f.failures()).isEqualTo(3));
    assertThat(failed.get(unreadableMetadata).reason()).contains("extensive").contains("duration");
    assertThat(failed.get(unreadableTranscript).reason()).contains("transcript");
    assertThat(failed.get(tooLarge).reason()).contains("bytes").contains(Topics.CALLS);
    assertThat(counter("earshot.ingest.calls.failed", "reason", "too_large")).isPositive();

    // and the ingestion API shows them
    String token = tokens.issue("org-poison", "member", "m", Duration.ofMinutes(5));
    HttpResponse<String> state = ApiCalls.get(port, "/api/v1/connections/current/ingestion", token);
    assertThat(state.statusCode()).isEqualTo(200);
    assertThat(state.body())
        .contains("\"failed\":3")
        .contains("\"published\":3")
        .contains(tooLarge)
        .contains("-byte limit");
  }

  /** Review C1: a connection whose batch fails for any reason never keeps the others waiting. */
  @Test
  void aConnectionThatCannotBeFetchedNeverKeepsAnotherFromItsCalls() throws Exception {
    // given a connection whose stored credentials cannot be opened, and a healthy one
    Instant started = Instant.now().minus(Duration.ofHours(1));
    brokenGong
        .extensive(
            "7300000000000000001",
            StubWorkspace.extensiveCall("7300000000000000001", started, false, "[]"))
        .transcript(
            "7300000000000000001", StubWorkspace.transcriptOf("7300000000000000001", "Hi."));
    UUID broken = IngestTestSupport.connect(connecting, "org-broken", brokenGong, null);
    UUID healthy = IngestTestSupport.connect(connecting, "org-healthy", healthyGong, null);
    CorpusCall call =
        healthyGong.corpus().calls().stream()
            .filter(c -> !c.isPrivate() && c.transcriptReady(healthyGong.now()))
            .findFirst()
            .orElseThrow();
    jdbc.sql("update connection set credentials = :junk where id = :id")
        .param("junk", new byte[] {1, 2, 3})
        .param("id", broken)
        .update();
    send(broken, "org-broken", "7300000000000000001", CallEventSource.WEBHOOK, null);
    send(healthy, "org-healthy", call.id(), CallEventSource.WEBHOOK, null);
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                ledger.known(broken, List.of("7300000000000000001")).size()
                        + ledger.known(healthy, List.of(call.id())).size()
                    == 2);

    // when the fetcher runs
    fetching.fetchDue();

    // then the healthy connection's call went out, and the broken one's stays due
    assertThat(ledger.countsByState(healthy).get(CallState.PUBLISHED)).isEqualTo(1);
    assertThat(ledger.countsByState(broken).get(CallState.NEW)).isEqualTo(1);
    assertThat(callsOnTopic(healthy, 1)).containsExactly(Map.entry(call.id(), 1L));
  }

  /**
   * Kafka does not answer for a batch's calls (down, or slower than the publish timeout): the calls
   * are not the cause, so they stay due without an attempt counted, but they wait {@link
   * FetchingCalls#UNANSWERED_WAIT} before Gong is asked for them again — fetched at every run
   * instead, a Kafka outage spent two Gong requests per connection every few seconds.
   */
  @Test
  void callsKafkaDidNotAnswerForWaitBeforeGongIsAskedForThemAgain() throws Exception {
    // given a connected workspace whose calls are in the ledger, and Kafka silent for its calls
    UUID connection = IngestTestSupport.connect(connecting, "org-silent", silentKafkaGong, null);
    List<CorpusCall> ready =
        silentKafkaGong.corpus().calls().stream()
            .filter(c -> !c.isPrivate() && c.transcriptReady(silentKafkaGong.now()))
            .toList();
    for (CorpusCall call : ready) {
      send(connection, "org-silent", call.id(), CallEventSource.WEBHOOK, null);
    }
    awaitLedger(connection, ready.size());
    kafkaSilentFor(ready.stream().map(CorpusCall::id).collect(Collectors.toSet()));
    silentKafkaGong.counters().reset();
    clock.set(Instant.now());
    try {
      // when the fetcher runs three times
      Instant before = clock.instant();
      fetching.fetchDue();
      fetching.fetchDue();
      fetching.fetchDue();

      // then Gong was asked once, and the calls wait, no attempt counted
      assertThat(silentKafkaGong.counters().endpoint("calls_extensive")).isEqualTo(1);
      assertThat(silentKafkaGong.counters().endpoint("calls_transcript")).isEqualTo(1);
      assertThat(ledger.countsByState(connection).get(CallState.NEW)).isEqualTo(ready.size());
      assertThat(
              jdbc.sql(
                      "select min(next_attempt_at) from call where connection_id = :c"
                          + " and state = 'NEW'")
                  .param("c", connection)
                  .query(java.sql.Timestamp.class)
                  .single()
                  .toInstant())
          .isAfter(before.plus(FetchingCalls.UNANSWERED_WAIT).minusSeconds(5));
      assertThat(
              jdbc.sql("select max(attempts) from call where connection_id = :c")
                  .param("c", connection)
                  .query(Integer.class)
                  .single())
          .isZero();

      // and once Kafka answers and the wait is over, they are published
      org.mockito.Mockito.reset(publisher);
      clock.advance(FetchingCalls.UNANSWERED_WAIT.plusSeconds(1));
      awaitPublished(connection, ready.size());
    } finally {
      clock.reset();
    }
  }

  /**
   * A Kafka outage while a connection has more due calls than one batch (a backfill): Kafka is
   * shared, so after the first batch it did not answer for, the replica fetches nothing until the
   * wait has passed — the next batches were taken one per run instead, each spending two Gong
   * requests, until the whole backlog had been tried once.
   */
  @Test
  void aKafkaOutageWithABacklogOfSeveralBatchesCostsTwoGongRequestsPerWait() throws Exception {
    // given a connection with more than two batches of due calls, and Kafka silent for them
    UUID connection = IngestTestSupport.connect(connecting, "org-backlog", backlogGong, null);
    List<CorpusCall> ready =
        backlogGong.corpus().calls().stream()
            .filter(c -> !c.isPrivate() && c.transcriptReady(backlogGong.now()))
            .toList();
    assertThat(ready).hasSizeGreaterThan(2 * 100);
    for (CorpusCall call : ready) {
      send(connection, "org-backlog", call.id(), CallEventSource.WEBHOOK, null);
    }
    awaitLedger(connection, ready.size());
    kafkaSilentFor(ready.stream().map(CorpusCall::id).collect(Collectors.toSet()));
    backlogGong.counters().reset();
    double unansweredBefore = counter("earshot.ingest.fetch.kafka_unanswered");
    clock.set(Instant.now());
    try {
      // when the fetcher runs five times
      repeat(5, fetching::fetchDue);

      // then Gong was asked for one batch only: the rest of the backlog is due but not fetched
      assertThat(backlogGong.counters().endpoint("calls_extensive")).isEqualTo(1);
      assertThat(backlogGong.counters().endpoint("calls_transcript")).isEqualTo(1);
      assertThat(dueBy(connection, clock.instant())).isEqualTo(ready.size() - 100);
      assertThat(meters.get("earshot.ingest.fetch.waiting_for_kafka").gauge().value()).isOne();
      assertThat(counter("earshot.ingest.fetch.kafka_unanswered")).isEqualTo(unansweredBefore + 1);

      // and each time the wait passes with Kafka still silent, one batch more: 2 requests a wait
      for (int wait = 2; wait <= 3; wait++) {
        clock.advance(FetchingCalls.UNANSWERED_WAIT.plusSeconds(1));
        repeat(5, fetching::fetchDue);
        assertThat(backlogGong.counters().endpoint("calls_extensive")).isEqualTo(wait);
        assertThat(backlogGong.counters().endpoint("calls_transcript")).isEqualTo(wait);
      }
      assertThat(ledger.countsByState(connection).get(CallState.PUBLISHED)).isZero();

      // and once Kafka answers and the wait is over, fetching resumes and publishes every call
      org.mockito.Mockito.reset(publisher);
      clock.advance(FetchingCalls.UNANSWERED_WAIT.plusSeconds(1));
      awaitPublished(connection, ready.size());
      assertThat(meters.get("earshot.ingest.fetch.waiting_for_kafka").gauge().value()).isZero();
      assertThat(callsOnTopic(connection, ready.size())).hasSize(ready.size());
    } finally {
      clock.reset();
    }
  }

  /** The publisher answers nothing for batches holding any of these calls (Kafka silent). */
  private void kafkaSilentFor(Set<String> ids) {
    doAnswer(
            call -> {
              List<Call> calls = new ArrayList<>();
              ((Iterable<Call>) call.getArgument(0)).forEach(calls::add);
              if (calls.stream().anyMatch(c -> ids.contains(c.getCallId()))) {
                return new CallPublisher.Sent(
                    Set.of(),
                    Map.of(),
                    calls.stream().map(Call::getCallId).collect(Collectors.toSet()));
              }
              return call.callRealMethod();
            })
        .when(publisher)
        .send(any());
  }

  /** Calls of the connection waiting for their first publication and due by {@code at}. */
  private long dueBy(UUID connection, Instant at) {
    return jdbc.sql(
            "select count(*) from call where connection_id = :c"
                + " and state in ('NEW', 'AWAITING_TRANSCRIPT') and next_attempt_at <= :at")
        .param("c", connection)
        .param("at", java.sql.Timestamp.from(at))
        .query(Long.class)
        .single();
  }

  /**
   * Review C2: PostgreSQL goes away for longer than the old retry budget (3.5 s) while call events
   * arrive. Intake retries until it is back, nothing lands on gong.call-events.v1.dlt, and every
   * call ends in the ledger.
   */
  @Test
  void aPostgresOutageWhileCallEventsArriveDeadLettersNothingAndLosesNoCall() throws Exception {
    // given a connected org and the dead letters so far
    UUID connection = IngestTestSupport.connect(connecting, "org-outage", outageGong, null);
    List<String> calls = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      calls.add("7400000000000000" + String.format("%03d", i));
    }
    double deadLettersBefore = counter("earshot.kafka.dead.letters", "topic", Topics.CALL_EVENTS);
    double transientBefore = transientFailures();

    // when PostgreSQL stops, the events arrive, and it stays down well past 3.5 s
    postgres.stop();
    Instant stoppedAt = Instant.now();
    try {
      for (String call : calls) {
        send(connection, "org-outage", call, CallEventSource.WEBHOOK, null);
      }
      await()
          .atMost(Duration.ofSeconds(90))
          .until(
              () ->
                  transientFailures() >= transientBefore + 3
                      && Instant.now().isAfter(stoppedAt.plusSeconds(6)));
    } finally {
      postgres.restart();
    }

    // then every call lands in the ledger once PostgreSQL is back, and nothing was dead-lettered
    // (this test's own reads may meet the pool's dead connections first)
    await()
        .atMost(Duration.ofSeconds(90))
        .ignoreExceptions()
        .until(() -> ledger.known(connection, calls).size() == calls.size());
    assertThat(counter("earshot.kafka.dead.letters", "topic", Topics.CALL_EVENTS))
        .isEqualTo(deadLettersBefore);
    assertThat(deadLettered(connection, Duration.ofSeconds(3))).isEmpty();
  }

  /**
   * A batch of call events with one that can never be recorded (its connection id is not a UUID, or
   * it is not a CallEvent): that record alone goes to gong.call-events.v1.dlt, its batch-mates land
   * in the ledger.
   */
  @Test
  void anUnrecordableCallEventIsDeadLetteredAloneAndItsBatchMatesAreRecorded() throws Exception {
    UUID connection =
        IngestTestSupport.connect(connecting, "org-poison-event", poisonEventGong, null);
    List<String> good =
        List.of("7500000000000000001", "7500000000000000002", "7500000000000000003");

    var sends =
        List.of(
            kafka.send(Topics.CALL_EVENTS, connection.toString(), event(connection, good.get(0))),
            kafka.send(
                Topics.CALL_EVENTS,
                connection.toString(),
                CallEvent.newBuilder(event(connection, "7500000000000000009"))
                    .setConnectionId("not-a-uuid")
                    .build()),
            kafka.send(Topics.CALL_EVENTS, connection.toString(), event(connection, good.get(1))),
            kafka.send(Topics.CALL_EVENTS, connection.toString(), event(connection, good.get(2))));
    CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).get();

    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> ledger.known(connection, good).size() == good.size());
    assertThat(callEventDeadLetters("org-poison-event"))
        .extracting(CallEvent::getCallId)
        .containsExactly("7500000000000000009");
  }

  /**
   * A batch of call events with one whose value PostgreSQL refuses (a start past what {@code
   * timestamptz} holds, which the gateway passes on from a webhook's {@code callData}): the JDBC
   * batch fails whole, and without isolation every record of the poll, of any connection, went to
   * the dead-letter topic. That record alone goes there; its batch-mates land in the ledger.
   */
  @Test
  void aCallEventPostgresCannotStoreIsDeadLetteredAloneAndItsBatchMatesAreRecorded()
      throws Exception {
    UUID connection = IngestTestSupport.connect(connecting, "org-far-start", farStartGong, null);
    List<String> good =
        List.of("7600000000000000001", "7600000000000000002", "7600000000000000003");
    CallEvent farStart =
        CallEvent.newBuilder(event(connection, "7600000000000000009"))
            .setOrgId("org-far-start")
            .setCallStartedAt(Instant.parse("+300000-01-01T00:00:00Z"))
            .build();

    var sends =
        List.of(
            kafka.send(
                Topics.CALL_EVENTS, connection.toString(), farEvent(connection, good.get(0))),
            kafka.send(Topics.CALL_EVENTS, connection.toString(), farStart),
            kafka.send(
                Topics.CALL_EVENTS, connection.toString(), farEvent(connection, good.get(1))),
            kafka.send(
                Topics.CALL_EVENTS, connection.toString(), farEvent(connection, good.get(2))));
    CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).get();

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(ledger.known(connection, good))
                    .as("the batch-mates recorded in the ledger")
                    .containsExactlyInAnyOrderElementsOf(good));
    assertThat(callEventDeadLetters("org-far-start"))
        .extracting(CallEvent::getCallId)
        .containsExactly("7600000000000000009");
  }

  /** The org's records on gong.call-events.v1.dlt. */
  private List<CallEvent> callEventDeadLetters(String org) {
    return IngestTestSupport.consume(
            broker, Topics.deadLetterOf(Topics.CALL_EVENTS), 1, Duration.ofSeconds(15))
        .stream()
        .filter(r -> r instanceof CallEvent e && e.getOrgId().equals(org))
        .map(r -> (CallEvent) r)
        .toList();
  }

  private static CallEvent farEvent(UUID connection, String callId) {
    return CallEvent.newBuilder(event(connection, callId)).setOrgId("org-far-start").build();
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
    Instant warmedUp = Instant.now();
    // Gong's window is one second: wait until the warm-up requests have left it
    await().until(() -> Instant.now().isAfter(warmedUp.plusMillis(1_100)));
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
          ApiCalls.post(port, "/api/v1/connections/current/backfill", token, body);
      assertThat(response.statusCode()).as(body).isEqualTo(400);
      assertThat(response.body()).as(body).contains("days");
    }
    // the backfill chosen at connect (5 days) is running, so another one conflicts
    HttpResponse<String> again =
        ApiCalls.post(port, "/api/v1/connections/current/backfill", token, "{\"days\":7}");
    assertThat(again.statusCode()).isEqualTo(409);
    HttpResponse<String> progress =
        ApiCalls.get(port, "/api/v1/connections/current/backfill", token);
    assertThat(progress.statusCode()).isEqualTo(200);
    assertThat(progress.body()).contains("\"days\":5").contains("\"state\":\"running\"");
  }

  // ---- helpers ----

  private static String fieldCase02(String file, String callId) throws Exception {
    return Files.readString(FIELD_CASE_02.resolve(file))
        .replace("REPLACE_WITH_PRIVATE_CALL_ID", callId)
        .replace("REPLACE_WITH_PUBLIC_CALL_ID", callId);
  }

  /**
   * Runs the fetcher until the connection has {@code expected} calls published: a call retried with
   * a short backoff is due only once the backoff has passed.
   */
  private void awaitPublished(UUID connection, long expected) {
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () -> {
              fetching.fetchDue();
              return ledger.countsByState(connection).get(CallState.PUBLISHED) >= expected;
            });
  }

  private static CallEvent event(UUID connection, String callId) {
    return IngestTestSupport.callEvent(
        connection, "org-poison-event", callId, CallEventSource.WEBHOOK, null);
  }

  /** Retried attempts of listeners of gong.call-events.v1 that met an outage. */
  private double transientFailures() {
    return meters
        .find("earshot.kafka.transient.failures")
        .tag("topic", Topics.CALL_EVENTS)
        .counters()
        .stream()
        .mapToDouble(c -> c.count())
        .sum();
  }

  /** Records of one connection on gong.call-events.v1.dlt. */
  private List<SpecificRecord> deadLettered(UUID connection, Duration within) {
    return IngestTestSupport.consume(broker, Topics.deadLetterOf(Topics.CALL_EVENTS), 1, within)
        .stream()
        .filter(r -> r instanceof CallEvent e && e.getConnectionId().equals(connection.toString()))
        .toList();
  }

  /** Sightings the ledger dropped as duplicates, of every source. */
  private double duplicates() {
    return meters.find("earshot.ingest.calls.duplicates").counters().stream()
        .mapToDouble(c -> c.count())
        .sum();
  }

  private double privateSkipped(String stage) {
    return counter("earshot.ingest.calls.private_skipped", "stage", stage);
  }

  private double counter(String name) {
    var counter = meters.find(name).counter();
    return counter == null ? 0 : counter.count();
  }

  private double counter(String name, String tag, String value) {
    var counter = meters.find(name).tag(tag, value).counter();
    return counter == null ? 0 : counter.count();
  }

  /** gong.calls.v1 records of one connection. */
  private List<Call> callRecords(UUID connection, long atLeast) {
    return IngestTestSupport.consume(broker, Topics.CALLS, atLeast, Duration.ofSeconds(15)).stream()
        .filter(r -> r instanceof Call c && c.getConnectionId().equals(connection.toString()))
        .map(r -> (Call) r)
        .toList();
  }

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
            IngestTestSupport.callEvent(connection, org, callId, source, payload))
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
    return IngestConfiguration.sharedRateLimiter(
        dataSource, new IngestProperties.GongLimits(3, 10_000, 1));
  }

  private static void repeat(int times, Runnable action) {
    for (int i = 0; i < times; i++) {
      action.run();
    }
  }
}
