package dev.earshot.ingest.poll;

import dev.earshot.events.CallEventSource;
import dev.earshot.gong.api.CallMetadata;
import dev.earshot.gong.client.GongApiException;
import dev.earshot.gong.limit.GongRateLimiter;
import dev.earshot.ingest.IngestProperties;
import dev.earshot.ingest.connection.OpeningGongSessions;
import dev.earshot.ingest.connection.WorkspaceConnection;
import dev.earshot.ingest.fetch.KafkaWait;
import dev.earshot.ingest.fetch.RefusedRequests;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Polls each connected workspace every interval (default 15 minutes). A poll lists from {@code
 * min(watermark, now - processingMargin) - overlap} and, every {@code reconcileEvery}, from {@code
 * now - reconcileWindow} ({@link PollWindow}): Gong lists a call only once it ended and was
 * processed, so a long call is listed after later, shorter ones; the ledger absorbs re-sightings.
 * One poller per connection across replicas: the connection's poll_state row is locked {@code FOR
 * UPDATE SKIP LOCKED} while polling. Each connection is polled in its own transaction, and a
 * failure stays with it; Gong's refusals hold or pause the connection ({@link RefusedRequests}),
 * which then is not polled (its poll stays due) until an admin fixes it or the pause ends. While
 * this replica waits for Kafka ({@link KafkaWait}: it did not answer a publish, such as a poll's
 * call events) nothing is polled: the listing could not be published and would be listed again at
 * every tick. The polls stay due, their watermarks where they were, and run once the wait is over.
 */
@Service
public class PollingCalls {

  private static final Logger log = LoggerFactory.getLogger(PollingCalls.class);

  private final Watermarks watermarks;
  private final OpeningGongSessions sessions;
  private final CallSightings sightings;
  private final RefusedRequests refusals;
  private final TransactionTemplate transactions;
  private final KafkaWait kafkaWait;
  private final IngestProperties.Poll settings;
  private final MeterRegistry meters;
  private final Clock clock;

  PollingCalls(
      Watermarks watermarks,
      OpeningGongSessions sessions,
      CallSightings sightings,
      RefusedRequests refusals,
      TransactionTemplate transactions,
      KafkaWait kafkaWait,
      IngestProperties properties,
      MeterRegistry meters,
      Clock clock) {
    this.watermarks = watermarks;
    this.sessions = sessions;
    this.sightings = sightings;
    this.refusals = refusals;
    this.transactions = transactions;
    this.kafkaWait = kafkaWait;
    this.settings = properties.poll();
    this.meters = meters;
    this.clock = clock;
  }

  @Scheduled(
      fixedDelayString = "#{" + IngestProperties.BEAN + ".poll().tick()}",
      initialDelayString = "#{" + IngestProperties.BEAN + ".poll().tick()}")
  public void scheduled() {
    pollDue();
  }

  /**
   * Polls every due connection this replica can lock; returns how many call events it published.
   * Polls nothing while this replica waits for Kafka (counted in {@code
   * earshot.ingest.poll.skipped_for_kafka}), and stops at the poll whose call events Kafka did not
   * answer.
   */
  public int pollDue() {
    if (kafkaWait.holds(clock.instant())) {
      meters.counter("earshot.ingest.poll.skipped_for_kafka").increment();
      return 0;
    }
    int published = 0;
    for (WorkspaceConnection connection : sessions.usable()) {
      if (kafkaWait.holds(clock.instant())) {
        break; // Kafka did not answer this tick's call events: the other polls stay due
      }
      try {
        Integer n = transactions.execute(tx -> poll(connection));
        published += n == null ? 0 : n;
      } catch (RuntimeException failure) { // the boundary of one connection: the others go on
        meters.counter("earshot.ingest.poll.failures", "status", "error").increment();
        log.atWarn()
            .addKeyValue("connectionId", connection.id())
            .addKeyValue("error", failure.getClass().getSimpleName())
            .setCause(failure)
            .log("polling failed; will retry next tick");
      }
    }
    return published;
  }

  private int poll(WorkspaceConnection connection) {
    Instant now = clock.instant();
    watermarks.createIfAbsent(connection.id(), now.minus(settings.initialLookback()), now);
    Optional<Watermarks.Due> due = watermarks.lockDue(connection.id(), now);
    if (due.isEmpty()) {
      return 0;
    }
    var session = sessions.open(connection.id());
    if (session.isEmpty()) {
      return 0;
    }
    Instant watermark = due.get().watermark();
    PollWindow window = PollWindow.of(watermark, due.get().reconciledAt(), now, settings);
    try {
      List<CallMetadata> calls = session.get().client().allCalls(window.from(), now);
      CallSightings.Tally tally =
          sightings.report(connection.id(), connection.orgId(), calls, CallEventSource.POLL, now);
      Instant latest =
          calls.stream()
              .map(CallMetadata::started)
              .filter(Objects::nonNull)
              .max(Instant::compareTo)
              .filter(t -> t.isAfter(watermark))
              .orElse(watermark);
      watermarks.polled(
          connection.id(),
          latest,
          window.from(),
          tally.found(),
          now.plus(settings.interval()),
          window.reconciles(),
          now);
      meters.counter("earshot.ingest.poll.calls_found").increment(tally.found());
      meters.counter("earshot.ingest.poll.polls").increment();
      if (window.reconciles()) {
        meters.counter("earshot.ingest.poll.reconciliations").increment();
      }
      return tally.published();
    } catch (GongApiException failure) {
      refusals.gongFailed(connection.id(), "poll", failure);
      return 0;
    } catch (GongRateLimiter.QuotaExhausted exhausted) {
      refusals.quotaSpent(connection.id(), "poll", exhausted);
      return 0;
    }
  }

  /**
   * The poll state shown with the connection.
   *
   * @param watermark the newest call start seen
   * @param listedFrom where the last poll's listing started ({@link PollWindow})
   * @param reconciledAt when the last wider reconciliation listing ran
   */
  public record PollState(
      Instant watermark,
      Instant listedFrom,
      Instant lastPollAt,
      int lastFound,
      Instant nextPollAt,
      Instant reconciledAt) {}

  /** The connection's poll state, if it was ever polled. */
  public Optional<PollState> stateOf(UUID connectionId) {
    return watermarks.stateOf(connectionId);
  }
}
