package dev.earshot.ingest.poll;

import dev.earshot.events.CallEventSource;
import dev.earshot.gong.client.GongApiException;
import dev.earshot.gong.limit.GongRateLimiter;
import dev.earshot.ingest.IngestProperties;
import dev.earshot.ingest.connection.BackfillWindow;
import dev.earshot.ingest.connection.Connection;
import dev.earshot.ingest.connection.ConnectionMade;
import dev.earshot.ingest.connection.OpeningGongSessions;
import dev.earshot.ingest.fetch.CallLedger;
import dev.earshot.ingest.fetch.CallState;
import dev.earshot.kit.web.ApiProblem;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Backfills the last 1-60 days of a workspace chunk by chunk. Each chunk lists [cursor, cursor +
 * span), reports its calls and moves the cursor in one transaction, so a restart resumes at the
 * first unfinished chunk and repeats nothing (calls the ledger knows are not sent again). The span
 * starts at a day and doubles or halves toward {@code targetCallsPerChunk} calls, so a quiet
 * workspace costs a few listing requests and a busy one advances in small, resumable steps.
 */
@Service
public class BackfillingCalls {

  private static final Logger log = LoggerFactory.getLogger(BackfillingCalls.class);
  private static final Duration MIN_CHUNK = Duration.ofHours(1);

  private record Running(
      UUID id, UUID connectionId, Instant from, Instant to, Instant next, Duration span) {}

  private final JdbcClient jdbc;
  private final OpeningGongSessions sessions;
  private final CallSightings sightings;
  private final CallLedger ledger;
  private final TransactionTemplate transactions;
  private final IngestProperties.Backfill settings;
  private final MeterRegistry meters;
  private final Clock clock;
  private final Map<UUID, BackfillProgress> latest = new ConcurrentHashMap<>();

  BackfillingCalls(
      JdbcClient jdbc,
      OpeningGongSessions sessions,
      CallSightings sightings,
      CallLedger ledger,
      TransactionTemplate transactions,
      IngestProperties properties,
      MeterRegistry meters,
      Clock clock) {
    this.jdbc = jdbc;
    this.sessions = sessions;
    this.sightings = sightings;
    this.ledger = ledger;
    this.transactions = transactions;
    this.settings = properties.backfill();
    this.meters = meters;
    this.clock = clock;
  }

  /** Starts a backfill of the last {@code days} days (1-60) for the org's connection. */
  public BackfillProgress start(String orgId, Integer days) {
    int window = BackfillWindow.require(days);
    Connection connection =
        sessions
            .liveOf(orgId)
            .filter(c -> c.status().usable())
            .orElseThrow(
                () ->
                    new ApiProblem(
                        HttpStatus.NOT_FOUND,
                        "no-connection",
                        "No Gong connection",
                        "This org has no usable Gong connection. Connect one first."));
    UUID id = insert(connection.id(), window);
    return progress(connection.id()).filter(p -> p.id().equals(id)).orElseThrow();
  }

  /** The backfill the admin chose when connecting, committed with the connection. */
  @EventListener
  void onConnectionMade(ConnectionMade made) {
    if (made.backfillDays() != null) {
      insert(made.connectionId(), BackfillWindow.require(made.backfillDays()));
    }
  }

  private UUID insert(UUID connectionId, int days) {
    Instant now = clock.instant();
    UUID id = UUID.randomUUID();
    try {
      jdbc.sql(
              """
              insert into backfill (id, connection_id, days, from_time, to_time, next_chunk_from,
                chunk_seconds, state, created_at, updated_at)
              values (:id, :c, :days, :from, :to, :from, :span, 'RUNNING', :now, :now)
              """)
          .param("id", id)
          .param("c", connectionId)
          .param("days", days)
          .param("from", Timestamp.from(now.minus(Duration.ofDays(days))))
          .param("to", Timestamp.from(now))
          .param("span", settings.initialChunk().toSeconds())
          .param("now", Timestamp.from(now))
          .update();
    } catch (DuplicateKeyException e) {
      throw new ApiProblem(
          HttpStatus.CONFLICT,
          "backfill-running",
          "A backfill is running",
          "This connection already has a backfill running; follow its progress on GET"
              + " /api/v1/connections/current/backfill.");
    }
    meters.counter("earshot.ingest.backfill.started").increment();
    return id;
  }

  @Scheduled(fixedDelayString = "${earshot.ingest.backfill.tick:5s}")
  public void scheduled() {
    workAll();
  }

  /** Runs every backfill this replica can lock to its end; returns chunks completed. */
  public int workAll() {
    return work(Integer.MAX_VALUE);
  }

  /** Completes at most {@code maxChunks} chunks; returns how many it completed. */
  public int work(int maxChunks) {
    int chunks = 0;
    while (chunks < maxChunks) {
      Boolean done = transactions.execute(tx -> nextChunk());
      if (done == null || !done) {
        return chunks;
      }
      chunks++;
    }
    return chunks;
  }

  /** One chunk of the oldest running backfill nobody else holds; false when there is none. */
  private boolean nextChunk() {
    List<Running> running =
        jdbc.sql(
                """
                select id, connection_id, from_time, to_time, next_chunk_from, chunk_seconds from backfill
                 where state = 'RUNNING' order by created_at limit 1 for update skip locked
                """)
            .query(BackfillingCalls::running)
            .list();
    if (running.isEmpty()) {
      return false;
    }
    Running job = running.getFirst();
    Instant now = clock.instant();
    var session = sessions.open(job.connectionId());
    if (session.isEmpty()) {
      update(job, "update backfill set state = 'STOPPED', updated_at = :now where id = :id", now);
      return true;
    }
    Instant end =
        job.next().plus(job.span()).isAfter(job.to()) ? job.to() : job.next().plus(job.span());
    try {
      var calls = session.get().client().allCalls(job.next(), end);
      var tally =
          sightings.report(
              job.connectionId(), session.get().orgId(), calls, CallEventSource.BACKFILL, now);
      jdbc.sql(
              """
              update backfill set next_chunk_from = :next, chunk_seconds = :span,
                chunks_done = chunks_done + 1, calls_found = calls_found + :found, last_error = null,
                state = case when :next >= to_time then 'DONE' else 'RUNNING' end, updated_at = :now
               where id = :id
              """)
          .param("next", Timestamp.from(end))
          .param("span", nextSpan(job.span(), tally.found()).toSeconds())
          .param("found", tally.found())
          .param("now", Timestamp.from(now))
          .param("id", job.id())
          .update();
      meters.counter("earshot.ingest.backfill.chunks").increment();
      meters.counter("earshot.ingest.backfill.calls_found").increment(tally.found());
      progress(job.connectionId());
      return true;
    } catch (GongApiException | GongRateLimiter.QuotaExhausted failure) {
      meters.counter("earshot.ingest.backfill.failures").increment();
      log.atWarn()
          .addKeyValue("backfill", job.id())
          .addKeyValue("connectionId", job.connectionId())
          .log("backfill chunk failed; it will be retried");
      jdbc.sql("update backfill set last_error = :error, updated_at = :now where id = :id")
          .param("error", failure.getMessage())
          .param("now", Timestamp.from(now))
          .param("id", job.id())
          .update();
      return false;
    }
  }

  /** Doubles a span that found too few calls, halves one that found too many. */
  Duration nextSpan(Duration span, int found) {
    int target = settings.targetCallsPerChunk();
    if (found < target / 2) {
      Duration doubled = span.multipliedBy(2);
      return doubled.compareTo(settings.maxChunk()) > 0 ? settings.maxChunk() : doubled;
    }
    if (found > target * 2) {
      Duration halved = span.dividedBy(2);
      return halved.compareTo(MIN_CHUNK) < 0 ? MIN_CHUNK : halved;
    }
    return span;
  }

  /** The latest backfill of a connection, with the ledger's counts for its window. */
  public Optional<BackfillProgress> progress(UUID connectionId) {
    Optional<BackfillProgress> progress =
        jdbc.sql(
                """
                select id, state, days, from_time, to_time, next_chunk_from, chunks_done, calls_found,
                  last_error from backfill where connection_id = :c order by created_at desc limit 1
                """)
            .param("c", connectionId)
            .query(
                (rs, row) -> {
                  Instant from = rs.getTimestamp("from_time").toInstant();
                  Instant to = rs.getTimestamp("to_time").toInstant();
                  Instant next = rs.getTimestamp("next_chunk_from").toInstant();
                  Map<CallState, Long> counts = ledger.countsByState(connectionId, from, to);
                  long total = Duration.between(from, to).toMillis();
                  long done = Duration.between(from, next).toMillis();
                  return new BackfillProgress(
                      rs.getObject("id", UUID.class),
                      rs.getString("state").toLowerCase(Locale.ROOT),
                      rs.getInt("days"),
                      from,
                      to,
                      total <= 0 ? 100 : (int) Math.min(100, done * 100 / total),
                      rs.getInt("chunks_done"),
                      rs.getLong("calls_found"),
                      counts.get(CallState.PUBLISHED),
                      counts.get(CallState.PRIVATE),
                      counts.get(CallState.NEW) + counts.get(CallState.AWAITING_TRANSCRIPT),
                      counts.get(CallState.GAVE_UP),
                      counts.get(CallState.FAILED),
                      rs.getString("last_error"));
                })
            .optional();
    progress.ifPresent(p -> publishGauges(connectionId, p));
    return progress;
  }

  private void publishGauges(UUID connectionId, BackfillProgress progress) {
    if (latest.put(connectionId, progress) == null) {
      Tags tags = Tags.of("connection", connectionId.toString());
      meters.gauge(
          "earshot.ingest.backfill.percent", tags, latest, m -> m.get(connectionId).percent());
      meters.gauge(
          "earshot.ingest.backfill.pending", tags, latest, m -> m.get(connectionId).pending());
      meters.gauge(
          "earshot.ingest.backfill.fetched", tags, latest, m -> m.get(connectionId).fetched());
    }
  }

  private void update(Running job, String sql, Instant now) {
    jdbc.sql(sql).param("now", Timestamp.from(now)).param("id", job.id()).update();
  }

  private static Running running(ResultSet rs, int row) throws SQLException {
    return new Running(
        rs.getObject("id", UUID.class),
        rs.getObject("connection_id", UUID.class),
        rs.getTimestamp("from_time").toInstant(),
        rs.getTimestamp("to_time").toInstant(),
        rs.getTimestamp("next_chunk_from").toInstant(),
        Duration.ofSeconds(rs.getLong("chunk_seconds")));
  }
}
