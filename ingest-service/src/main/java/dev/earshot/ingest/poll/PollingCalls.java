package dev.earshot.ingest.poll;

import dev.earshot.events.CallEventSource;
import dev.earshot.gong.api.CallMetadata;
import dev.earshot.gong.client.GongApiException;
import dev.earshot.gong.limit.GongRateLimiter;
import dev.earshot.ingest.IngestProperties;
import dev.earshot.ingest.connection.Connection;
import dev.earshot.ingest.connection.OpeningGongSessions;
import dev.earshot.ingest.fetch.RefusedRequests;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
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
 * which then is not polled (its poll stays due) until an admin fixes it or the pause ends.
 */
@Service
public class PollingCalls {

  private static final Logger log = LoggerFactory.getLogger(PollingCalls.class);

  private record Due(Instant watermark, Instant reconciledAt) {}

  private final JdbcClient jdbc;
  private final OpeningGongSessions sessions;
  private final CallSightings sightings;
  private final RefusedRequests refusals;
  private final TransactionTemplate transactions;
  private final IngestProperties.Poll settings;
  private final MeterRegistry meters;
  private final Clock clock;

  PollingCalls(
      JdbcClient jdbc,
      OpeningGongSessions sessions,
      CallSightings sightings,
      RefusedRequests refusals,
      TransactionTemplate transactions,
      IngestProperties properties,
      MeterRegistry meters,
      Clock clock) {
    this.jdbc = jdbc;
    this.sessions = sessions;
    this.sightings = sightings;
    this.refusals = refusals;
    this.transactions = transactions;
    this.settings = properties.poll();
    this.meters = meters;
    this.clock = clock;
  }

  @Scheduled(
      fixedDelayString = "${earshot.ingest.poll.tick:30s}",
      initialDelayString = "${earshot.ingest.poll.tick:30s}")
  public void scheduled() {
    pollDue();
  }

  /**
   * Polls every due connection this replica can lock; returns how many call events it published.
   */
  public int pollDue() {
    int published = 0;
    for (Connection connection : sessions.usable()) {
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

  private int poll(Connection connection) {
    Instant now = clock.instant();
    jdbc.sql(
            """
            insert into poll_state (connection_id, watermark, next_poll_at) values (:c, :watermark, :now)
            on conflict (connection_id) do nothing
            """)
        .param("c", connection.id())
        .param("watermark", Timestamp.from(now.minus(settings.initialLookback())))
        .param("now", Timestamp.from(now))
        .update();
    List<Due> due =
        jdbc.sql(
                """
            select watermark, reconciled_at from poll_state where connection_id = :c and next_poll_at <= :now
            for update skip locked
            """)
            .param("c", connection.id())
            .param("now", Timestamp.from(now))
            .query(
                (rs, row) ->
                    new Due(
                        rs.getTimestamp("watermark").toInstant(),
                        instant(rs.getTimestamp("reconciled_at"))))
            .list();
    if (due.isEmpty()) {
      return 0;
    }
    var session = sessions.open(connection.id());
    if (session.isEmpty()) {
      return 0;
    }
    Instant watermark = due.getFirst().watermark();
    PollWindow window = PollWindow.of(watermark, due.getFirst().reconciledAt(), now, settings);
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
      jdbc.sql(
              """
              update poll_state set watermark = :watermark, listed_from = :from, last_poll_at = :now,
                last_found = :found, next_poll_at = :next,
                reconciled_at = case when :reconciled or reconciled_at is null then :now else reconciled_at end
               where connection_id = :c
              """)
          .param("watermark", Timestamp.from(latest))
          .param("from", Timestamp.from(window.from()))
          .param("now", Timestamp.from(now))
          .param("found", tally.found())
          .param("next", Timestamp.from(now.plus(settings.interval())))
          .param("reconciled", window.reconciles())
          .param("c", connection.id())
          .update();
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

  public java.util.Optional<PollState> stateOf(UUID connectionId) {
    return jdbc.sql("select * from poll_state where connection_id = :c")
        .param("c", connectionId)
        .query(
            (rs, row) ->
                new PollState(
                    rs.getTimestamp("watermark").toInstant(),
                    instant(rs.getTimestamp("listed_from")),
                    instant(rs.getTimestamp("last_poll_at")),
                    rs.getInt("last_found"),
                    rs.getTimestamp("next_poll_at").toInstant(),
                    instant(rs.getTimestamp("reconciled_at"))))
        .optional();
  }

  private static Instant instant(Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }
}
