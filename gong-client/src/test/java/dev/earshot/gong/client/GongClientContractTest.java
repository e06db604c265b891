package dev.earshot.gong.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.earshot.gong.api.CallMetadata;
import dev.earshot.gong.api.CallTranscript;
import dev.earshot.gong.api.ContentSelector;
import dev.earshot.gong.api.ExtensiveCall;
import dev.earshot.gong.auth.GongCredentials;
import dev.earshot.gong.limit.Bucket4jRateLimiter;
import dev.earshot.gong.limit.RateLimits;
import dev.earshot.gong.simulator.GongSimulator;
import dev.earshot.gong.simulator.SimulatorConfig;
import dev.earshot.gong.simulator.corpus.CorpusCall;
import dev.earshot.gong.url.BaseUrlGuard;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * gong-client against the simulator, with limits raised so the contract runs fast; the 3 req/s
 * behaviour has its own test ({@link GongRateLimitContractTest}).
 */
class GongClientContractTest {

  static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
  static GongSimulator simulator;

  SimpleMeterRegistry meters;
  GongClient client;

  @BeforeAll
  static void startSimulator() throws Exception {
    simulator =
        GongSimulator.start(
            SimulatorConfig.defaults()
                .withCorpus(260, 11)
                .withNow(NOW)
                .withLimits(1_000, 1_000_000)
                .withPageSize(100));
  }

  @AfterAll
  static void stopSimulator() {
    simulator.close();
  }

  @BeforeEach
  void newClient() {
    simulator.clearFaults();
    simulator.counters().reset();
    meters = new SimpleMeterRegistry();
    client = client(basic(), fastRetries());
  }

  static GongCredentials basic() {
    return new GongCredentials.AccessKey(
        SimulatorConfig.DEMO_ACCESS_KEY, SimulatorConfig.DEMO_ACCESS_SECRET);
  }

  static RetrySettings fastRetries() {
    return new RetrySettings(
        4,
        Duration.ofMillis(5),
        Duration.ofMillis(50),
        0.1,
        Duration.ofSeconds(5),
        Duration.ofSeconds(5));
  }

  GongClient client(GongCredentials credentials, RetrySettings retry) {
    return GongClient.builder()
        .baseUrl(BaseUrlGuard.allowingLocal(Set.of(simulator.baseUrl())).check(simulator.baseUrl()))
        .credentials(credentials)
        .connectionKey("contract")
        .rateLimiter(
            Bucket4jRateLimiter.inMemory(new RateLimits(500, 1_000_000, Duration.ofSeconds(5))))
        .meterRegistry(meters)
        .retry(retry)
        .build();
  }

  @Test
  void listsEveryUserAcrossPages() {
    assertThat(client.allUsers()).hasSize(simulator.corpus().reps().size());
    assertThat(simulator.counters().endpoint("users")).isEqualTo(1);
  }

  @Test
  void listsEveryFinishedCallInADateRangeWithOneRequestPerHundred() {
    List<CallMetadata> calls =
        client.allCalls(NOW.minus(Duration.ofDays(61)), NOW.plusSeconds(3600));

    assertThat(calls).hasSize(260);
    assertThat(calls).extracting(CallMetadata::id).doesNotHaveDuplicates();
    assertThat(simulator.counters().endpoint("calls")).isEqualTo(3);
    assertThat(calls).filteredOn(CallMetadata::isPrivate).isNotEmpty();
  }

  @Test
  void anEmptyRangeIsAnEmptyListNotAnError() {
    assertThat(client.allCalls(NOW.plus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(2))))
        .isEmpty();
  }

  @Test
  void fetchesExtensiveDataForManyCallsInBatchesOfAHundred() {
    List<String> ids = simulator.corpus().calls().stream().map(CorpusCall::id).toList();

    List<ExtensiveCall> calls = client.extensiveFor(ids, ContentSelector.everythingEarshotUses());

    assertThat(calls).hasSize(260);
    assertThat(simulator.counters().endpoint("calls_extensive")).isEqualTo(3);
    ExtensiveCall call = calls.getFirst();
    CorpusCall truth = simulator.corpus().call(call.metaData().id());
    assertThat(call.parties())
        .extracting(ExtensiveCall.Party::speakerId)
        .containsExactlyElementsOf(truth.parties().stream().map(p -> p.speakerId()).toList());
    ExtensiveCall.CrmObject account = call.context().getFirst().objects().getFirst();
    assertThat(account.field("Name")).isEqualTo(truth.company().name());
    assertThat(call.context().getFirst().objects().get(1).field("Amount"))
        .isEqualTo(Long.toString(truth.company().dealAmount()));
    assertThat(call.content().brief()).contains(truth.company().name());
  }

  @Test
  void fetchesTranscriptsInBatchesAndLeavesOutCallsWhoseTranscriptIsNotReady() {
    List<CorpusCall> all = simulator.corpus().calls();
    List<String> ids = all.stream().map(CorpusCall::id).toList();
    long ready = all.stream().filter(c -> c.transcriptReady(simulator.now())).count();

    List<CallTranscript> transcripts = client.transcriptsFor(ids);

    assertThat(transcripts).hasSize((int) ready).hasSizeLessThan(260);
    assertThat(simulator.counters().endpoint("calls_transcript")).isEqualTo(3);
    assertThat(transcripts.getFirst().transcript().getFirst().sentences().getFirst().end())
        .isPositive();
  }

  @Test
  void anExpiredCursorRestartsPagingWithoutLosingOrRepeatingCalls() {
    simulator.faults(Map.of("expire_next_cursors", 1));

    List<CallMetadata> calls =
        client.allCalls(NOW.minus(Duration.ofDays(61)), NOW.plusSeconds(3600));

    assertThat(calls).hasSize(260);
    assertThat(calls).extracting(CallMetadata::id).doesNotHaveDuplicates();
    assertThat(simulator.counters().get("status.400")).isEqualTo(1);
  }

  @Test
  void wrongCredentialsAreATypedUnauthorizedError() {
    GongClient wrong =
        client(
            new GongCredentials.AccessKey(SimulatorConfig.DEMO_ACCESS_KEY, "nope"), fastRetries());

    assertThatThrownBy(wrong::allUsers)
        .isInstanceOf(GongApiException.Unauthorized.class)
        .hasMessageContaining("Unauthorized")
        .hasMessageNotContaining("nope");
  }

  @Test
  void retriesServerErrorsWithBackoffUntilTheyPass() {
    simulator.faults(Map.of("error_rate", 0.5));

    assertThat(client.allUsers()).isNotEmpty();
    assertThat(client.allCalls(NOW.minus(Duration.ofDays(61)), NOW)).hasSize(260);

    simulator.clearFaults();
    assertThat(simulator.counters().get("status.503")).isPositive();
    assertThat(
            meters.get("gong.client.retries").counters().stream()
                .mapToDouble(io.micrometer.core.instrument.Counter::count)
                .sum())
        .isPositive();
    // every request is counted against its connection (a tenant's own Gong quota)
    assertThat(meters.get("gong.client.requests").counters())
        .allSatisfy(c -> assertThat(c.getId().getTag("connection")).isNotBlank());
  }

  @Test
  void givesUpOnAPersistentOutageWithATypedError() {
    simulator.faults(Map.of("error_rate", 1.0));

    assertThatThrownBy(client::allUsers)
        .isInstanceOfSatisfying(
            GongApiException.Unavailable.class, e -> assertThat(e.status()).isEqualTo(503));
    assertThat(simulator.counters().endpoint("users")).isEqualTo(5);
  }

  @Test
  void aTimeoutIsRetriedAndThenReportedAsUnavailable() {
    simulator.faults(Map.of("timeout_rate", 1.0, "timeout_ms", 1_500));
    GongClient impatient =
        client(
            basic(),
            new RetrySettings(
                1,
                Duration.ofMillis(5),
                Duration.ofMillis(10),
                0,
                Duration.ofSeconds(1),
                Duration.ofMillis(200)));

    assertThatThrownBy(impatient::allUsers)
        .isInstanceOfSatisfying(
            GongApiException.Unavailable.class, e -> assertThat(e.status()).isZero());
    assertThat(
            meters
                .get("gong.client.requests")
                .tag("endpoint", "users")
                .tag("status", "0")
                .counter()
                .count())
        .isEqualTo(2);
  }

  @Test
  void a429StormIsWaitedOutUsingRetryAfter() {
    simulator.faults(Map.of("rate_limit_storm", 2));

    assertThat(client.allUsers()).isNotEmpty();

    assertThat(simulator.counters().rateLimited()).isEqualTo(2);
    assertThat(meters.get("gong.client.rate_limited").tag("endpoint", "users").counter().count())
        .isEqualTo(2);
    assertThat(
            meters
                .get("gong.client.requests")
                .tag("endpoint", "users")
                .tag("status", "200")
                .counter()
                .count())
        .isEqualTo(1);
  }

  @Test
  void rejectsMoreThanAHundredIdsInOneRawRequest() {
    List<String> ids = simulator.corpus().calls().stream().limit(101).map(CorpusCall::id).toList();

    assertThatThrownBy(
            () ->
                client.transcripts(
                    new dev.earshot.gong.api.TranscriptRequest(
                        dev.earshot.gong.api.CallsFilter.ofIds(ids), null)))
        .isInstanceOfSatisfying(
            GongApiException.Rejected.class, e -> assertThat(e.status()).isEqualTo(400))
        .hasMessageContaining("at most 100");
  }
}
