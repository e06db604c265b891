package dev.earshot.ingest.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.earshot.events.Topics;
import dev.earshot.ingest.IngestServiceTest;
import dev.earshot.ingest.IngestTestSupport;
import dev.earshot.ingest.StubWorkspace;
import dev.earshot.ingest.connection.ConnectingWithApiKey;
import dev.earshot.ingest.poll.PollingCalls;
import dev.earshot.testing.EmbeddedDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * A call Gong listed public whose transcript is late, then made private (a rep marks it private in
 * Gong meanwhile): it is never named in a transcript request and never published, whether Gong says
 * so only in its metadata or also in a later listing.
 */
@IngestServiceTest
@TestPropertySource(
    properties = {
      "earshot.ingest.fetch.transcript-retry-initial=50ms",
      "earshot.ingest.fetch.transcript-retry-max=50ms",
      "earshot.ingest.fetch.batch-wait=0s",
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
class CallTurnedPrivateIT {

  @AutoClose static final EmbeddedDatabase postgres = IngestTestSupport.postgres();
  static final StubWorkspace metadataOnly = StubWorkspace.start();
  static final StubWorkspace listedPrivate = StubWorkspace.start();

  @Autowired ConnectingWithApiKey connecting;
  @Autowired PollingCalls polling;
  @Autowired FetchingCalls fetching;
  @Autowired CallLedger ledger;
  @Autowired JdbcClient jdbc;
  @Autowired MeterRegistry meters;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    IngestTestSupport.register(registry, postgres, List.of(), List.of(metadataOnly, listedPrivate));
  }

  @AfterAll
  static void stop() {
    metadataOnly.close();
    listedPrivate.close();
  }

  /** Lists the call public with public metadata and no transcript; fetches it once: awaiting. */
  private UUID awaitingTranscript(StubWorkspace gong, String org, String id, Instant started) {
    gong.listing(List.of(StubWorkspace.listedCall(id, started, 600, false)))
        .extensive(id, StubWorkspace.extensiveCall(id, started, false, "[]"));
    UUID connection = IngestTestSupport.connect(connecting, org, gong, null);
    polling.pollDue();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> !ledger.known(connection, List.of(id)).isEmpty());
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> {
              fetching.fetchDue();
              return ledger.countsByState(connection).get(CallState.AWAITING_TRANSCRIPT) == 1;
            });
    return connection;
  }

  @Test
  void aCallWhoseMetadataNowSaysPrivateIsNotReadThoughItsFirstMetadataSaidPublic() {
    // given a call awaiting its transcript, its public metadata stored
    String id = "7310000000000000001";
    Instant started = Instant.now().minus(Duration.ofHours(2));
    UUID connection = awaitingTranscript(metadataOnly, "org-turned-metadata", id, started);
    int before = metadataOnly.transcriptRequestIds().size();
    // when the rep marks it private in Gong (no listing says so yet) and its transcript is ready
    metadataOnly
        .extensive(id, StubWorkspace.extensiveCall(id, started, true, "[]"))
        .transcript(id, StubWorkspace.transcriptOf(id, "Our pricing is confidential."));
    jdbc.sql("update call set next_attempt_at = now() - interval '1 minute' where call_id = :id")
        .param("id", id)
        .update();
    fetching.fetchDue();
    // then the next attempt reads Gong's metadata again, and the call ends private, unread
    List<String> asked = metadataOnly.transcriptRequestIds();
    assertThat(asked.subList(before, asked.size())).doesNotContain(id);
    assertThat(ledger.countsByState(connection).get(CallState.PRIVATE)).isEqualTo(1);
    assertThat(ledger.countsByState(connection).get(CallState.PUBLISHED)).isZero();
  }

  @Test
  void aListingThatShowsAHeldCallPrivateMakesItPrivateAtOnce() {
    // given a call awaiting its transcript
    String id = "7320000000000000001";
    Instant started = Instant.now().minus(Duration.ofHours(2));
    UUID connection = awaitingTranscript(listedPrivate, "org-turned-listed", id, started);
    long extensiveBefore = listedPrivate.requests(StubWorkspace.EXTENSIVE);
    double turned = turnedPrivate();
    // when the next listing shows it private
    listedPrivate.listing(List.of(StubWorkspace.listedCall(id, started, 600, true)));
    jdbc.sql("update poll_state set next_poll_at = now() - interval '1 minute'").update();
    polling.pollDue();
    // then the ledger holds it private before any further fetch: nothing more is asked about it
    assertThat(ledger.countsByState(connection).get(CallState.PRIVATE)).isEqualTo(1);
    assertThat(ledger.countsByState(connection).get(CallState.AWAITING_TRANSCRIPT)).isZero();
    assertThat(turnedPrivate() - turned).isEqualTo(1);
    jdbc.sql("update call set next_attempt_at = now() - interval '1 minute' where call_id = :id")
        .param("id", id)
        .update();
    fetching.fetchDue();
    assertThat(listedPrivate.requests(StubWorkspace.EXTENSIVE)).isEqualTo(extensiveBefore);
  }

  private double turnedPrivate() {
    var counter =
        meters
            .find("earshot.ingest.calls.private_skipped")
            .tag("stage", "turned_private")
            .counter();
    return counter == null ? 0 : counter.count();
  }
}
