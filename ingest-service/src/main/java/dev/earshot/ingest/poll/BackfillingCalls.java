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
import dev.earshot.ingest.fetch.RefusedRequests;
import dev.earshot.kit.web.ApiProblem;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
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
 * Backfills take turns, a chunk each, so a long one never holds back another org's; a backfill
 * whose connection is held or paused waits, still running, and resumes by itself.
 */
@Service
public class BackfillingCalls {

  private static final Logger log = LoggerFactory.getLogger(BackfillingCalls.class);
  private static final Duration MIN_CHUNK = Duration.ofHours(1);

  private record Running(
      UUID id,
      UUID connectionId,
      String orgId,
      Instant from,
      Instant to,
      Instant next,
      Duration span) {}

  private final JdbcClient jdbc;
  private final OpeningGongSessions sessions;
  private final CallSightings sightings;
  private final CallLedger ledger;
  private final RefusedRequests refusals;
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
      RefusedRequests refusals,
      TransactionTemplate transactions,
      IngestProperties properties,
      MeterRegistry meters,
      Clock clock) {
    this.jdbc = jdbc;
    this.sessions = sessions;
    this.sightings = sightings;
    this.ledger = ledger;
    this.refusals = refusals;
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
    UUID id = insert(connection.id(), orgId, window);
    return progress(connection.id()).filter(p -> p.id().equals(id)).orElseThrow();
  }

  /** The backfill the admin chose when connecting, committed with the connection. */
  @EventListener
  void onConnectionMade(ConnectionMade made) {
    if (made.backfillDays() != null) {
      insert(made.connectionId(), made.orgId(), BackfillWindow.require(made.backfillDays()));
    }
  }

  private UUID insert(UUID connectionId, String orgId, int days) {
    Instant now = clock.instant();
    UUID id = UUID.randomUUID();
    try {
      jdbc.sql(
              """
              insert into backfill (id, connection_id, org_id, days, from_time, to_time,
                next_chunk_from, chunk_seconds, state, created_at, updated_at)
              values (:id, :c, :org, :days, :from, :to, :from, :span, 'RUNNING', :now, :now)
              """)
          .param("id", id)
          .param("c", connectionId)
          .param("org", orgId)
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

  /**
   * Runs every running backfill this replica can lock to its end, in turns; returns chunks
   * completed.
   */
  public int workAll() {
    return work(Integer.MAX_VALUE);
  }

  /**
   * Completes at most {@code maxChunks} chunks, in turns: one chunk of each running backfill whose
   * connection may call Gong now, then the next round, so no backfill waits for an older one to
   * finish. A backfill whose connection is held or paused is skipped and stays running (it resumes
   * by itself once the pause ends or an admin fixes the connection); one whose connection is gone
   * (disconnected, or replaced by a reconnect) is stopped. A backfill whose chunk fails leaves the
   * run and the others go on. Returns how many chunks it completed.
   */
  public int work(int maxChunks) {
    Set<UUID> callable = sessions.usable().stream().map(Connection::id).collect(Collectors.toSet());
    Deque<Running> turns = new ArrayDeque<>();
    for (Running job : runningBackfills()) {
      if (callable.contains(job.connectionId())) {
        turns.add(job);
      } else {
        stopIfGone(job);
      }
    }
    int chunks = 0;
    while (chunks < maxChunks && !turns.isEmpty()) {
      Running job = turns.poll();
      Chunk chunk = chunkAlone(job.id());
      if (chunk != Chunk.DONE && chunk != Chunk.MORE) {
        continue;
      }
      chunks++;
      if (chunk == Chunk.MORE) {
        turns.add(job);
      }
    }
    return chunks;
  }

  /** What one chunk came to. */
  private enum Chunk {
    /** Listed and committed; the backfill has more to do. */
    MORE,
    /** Listed and committed; the backfill is done. */
    DONE,
    /**
     * Not now: another replica holds it, it is no longer running, or its connection cannot call.
     */
    SKIPPED,
    /** Gong or anything else failed; retried on a later tick. */
    FAILED
  }

  private List<Running> runningBackfills() {
    return jdbc.sql(
            """
            select id, connection_id, org_id, from_time, to_time, next_chunk_from, chunk_seconds
              from backfill where state = 'RUNNING' order by created_at
            """)
        .query(BackfillingCalls::running)
        .list();
  }

  /** A backfill whose org has no live connection, or another one, will never resume: stopped. */
  private void stopIfGone(Running job) {
    if (job.orgId() == null) {
      return;
    }
    boolean gone =
        sessions.liveOf(job.orgId()).map(c -> !c.id().equals(job.connectionId())).orElse(true);
    if (gone) {
      jdbc.sql(
              """
              update backfill set state = 'STOPPED', updated_at = :now
               where id = :id and state = 'RUNNING'
              """)
          .param("now", Timestamp.from(clock.instant()))
          .param("id", job.id())
          .update();
      meters.counter("earshot.ingest.backfill.stopped").increment();
    }
  }

  /** One chunk of one backfill in its own transaction; whatever fails stays with it. */
  private Chunk chunkAlone(UUID backfillId) {
    try {
      Chunk chunk = transactions.execute(tx -> nextChunk(backfillId));
      return chunk == null ? Chunk.FAILED : chunk;
    } catch (RuntimeException failure) { // the boundary of one backfill: the others go on
      meters.counter("earshot.ingest.backfill.failures", "status", "error").increment();
      log.atWarn()
          .addKeyValue("backfill", backfillId)
          .addKeyValue("error", failure.getClass().getSimpleName())
          .setCause(failure)
          .log("backfill chunk failed; it will be retried");
      return Chunk.FAILED;
    }
  }

  /** The next chunk of this backfill, unless another replica holds it. */
  private Chunk nextChunk(UUID backfillId) {
    List<Running> locked =
        jdbc.sql(
                """
                select id, connection_id, org_id, from_time, to_time, next_chunk_from, chunk_seconds
                  from backfill where id = :id and state = 'RUNNING' for update skip locked
                """)
            .param("id", backfillId)
            .query(BackfillingCalls::running)
            .list();
    if (locked.isEmpty()) {
      return Chunk.SKIPPED;
    }
    Running job = locked.getFirst();
    Instant now = clock.instant();
    var session = sessions.open(job.connectionId());
    if (session.isEmpty()) {
      return Chunk.SKIPPED; // held or paused meanwhile: it stays running and resumes later
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
      return end.isBefore(job.to()) ? Chunk.MORE : Chunk.DONE;
    } catch (GongApiException failure) {
      refusals.gongFailed(job.connectionId(), "backfill", failure);
      lastError(job, failure.getMessage(), now);
      return Chunk.FAILED;
    } catch (GongRateLimiter.QuotaExhausted exhausted) {
      refusals.quotaSpent(job.connectionId(), "backfill", exhausted);
      lastError(job, exhausted.getMessage(), now);
      return Chunk.FAILED;
    }
  }

  private void lastError(Running job, String error, Instant now) {
    jdbc.sql("update backfill set last_error = :error, updated_at = :now where id = :id")
        .param("error", error)
        .param("now", Timestamp.from(now))
        .param("id", job.id())
        .update();
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
                      rs.getString("last_error"),
                      null);
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

  private static Running running(ResultSet rs, int row) throws SQLException {
    return new Running(
        rs.getObject("id", UUID.class),
        rs.getObject("connection_id", UUID.class),
        rs.getString("org_id"),
        rs.getTimestamp("from_time").toInstant(),
        rs.getTimestamp("to_time").toInstant(),
        rs.getTimestamp("next_chunk_from").toInstant(),
        Duration.ofSeconds(rs.getLong("chunk_seconds")));
  }
}
