package dev.earshot.ingest.poll;

import dev.earshot.events.CallEventSource;
import dev.earshot.gong.client.GongApiException;
import dev.earshot.gong.limit.GongRateLimiter;
import dev.earshot.ingest.IngestProperties;
import dev.earshot.ingest.connection.BackfillWindow;
import dev.earshot.ingest.connection.ConnectionMade;
import dev.earshot.ingest.connection.OpeningGongSessions;
import dev.earshot.ingest.connection.WorkspaceConnection;
import dev.earshot.ingest.fetch.CallLedger;
import dev.earshot.ingest.fetch.CallState;
import dev.earshot.ingest.fetch.KafkaWait;
import dev.earshot.ingest.fetch.RefusedRequests;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
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
 * whose connection is held or paused waits, still running, and resumes by itself. While this
 * replica waits for Kafka ({@link KafkaWait}: it did not answer a publish, such as a chunk's call
 * events) no chunk is listed, as it could not be published and would be listed again at every tick;
 * the backfills keep their cursor and go on once the wait is over.
 */
@Service
public class BackfillingCalls {

  private static final Logger log = LoggerFactory.getLogger(BackfillingCalls.class);
  private static final Duration MIN_CHUNK = Duration.ofHours(1);

  /** How often unsettled backfills' progress gauges are recomputed from the ledger. */
  static final Duration GAUGE_REFRESH = Duration.ofSeconds(30);

  private final Backfills backfills;
  private final OpeningGongSessions sessions;
  private final CallSightings sightings;
  private final CallLedger ledger;
  private final RefusedRequests refusals;
  private final TransactionTemplate transactions;
  private final KafkaWait kafkaWait;
  private final IngestProperties.Backfill settings;
  private final MeterRegistry meters;
  private final Clock clock;
  private final Map<UUID, BackfillProgress> latest = new ConcurrentHashMap<>();
  private volatile long gaugesRefreshedAt = System.nanoTime();

  BackfillingCalls(
      Backfills backfills,
      OpeningGongSessions sessions,
      CallSightings sightings,
      CallLedger ledger,
      RefusedRequests refusals,
      TransactionTemplate transactions,
      KafkaWait kafkaWait,
      IngestProperties properties,
      MeterRegistry meters,
      Clock clock) {
    this.backfills = backfills;
    this.sessions = sessions;
    this.sightings = sightings;
    this.ledger = ledger;
    this.refusals = refusals;
    this.transactions = transactions;
    this.kafkaWait = kafkaWait;
    this.settings = properties.backfill();
    this.meters = meters;
    this.clock = clock;
  }

  /** Starts a backfill of the last {@code days} days (1-60) for the org's connection. */
  public BackfillProgress start(String orgId, Integer days) {
    int window = BackfillWindow.require(days);
    WorkspaceConnection connection =
        sessions
            .liveOf(orgId)
            .filter(c -> c.status().usable())
            .orElseThrow(IngestionProblems::noUsableConnection);
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
      backfills.insert(id, connectionId, orgId, days, settings.initialChunk(), now);
    } catch (DuplicateKeyException e) {
      throw IngestionProblems.backfillRunning();
    }
    meters.counter("earshot.ingest.backfill.started").increment();
    return id;
  }

  @Scheduled(fixedDelayString = "#{" + IngestProperties.BEAN + ".backfill().tick()}")
  public void scheduled() {
    workAll();
    long now = System.nanoTime();
    if (now - gaugesRefreshedAt >= GAUGE_REFRESH.toNanos()) {
      gaugesRefreshedAt = now;
      refreshGauges();
    }
  }

  /**
   * Recomputes the progress gauges ({@code earshot.ingest.backfill.percent}, {@code .pending},
   * {@code .fetched}, tagged by connection) of every backfill this replica reports that is not
   * settled yet (running, or with calls still pending): listing ends long before the fetchers have
   * fetched what it found, and the gauges would otherwise keep the counts of the last chunk (the
   * {@code EarshotBackfillStalled} alert reads them). Every replica reads the same ledger, so their
   * gauges agree. Called on the backfill tick, at most every {@link #GAUGE_REFRESH}; a failure (the
   * database away) leaves the gauges as they were until the next refresh.
   */
  public void refreshGauges() {
    for (var reported : latest.entrySet()) {
      BackfillProgress last = reported.getValue();
      if (!"running".equals(last.state()) && last.pending() <= 0) {
        continue;
      }
      try {
        progress(reported.getKey());
      } catch (RuntimeException e) {
        log.atWarn()
            .addKeyValue("connectionId", reported.getKey())
            .setCause(e)
            .log("could not refresh a backfill's progress gauges");
      }
    }
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
   * run and the others go on. While this replica waits for Kafka no chunk is listed (the tick is
   * counted in {@code earshot.ingest.backfill.skipped_for_kafka}), and a chunk whose call events
   * Kafka did not answer ends the run. Returns how many chunks it completed.
   */
  public int work(int maxChunks) {
    if (waitingForKafka()) {
      meters.counter("earshot.ingest.backfill.skipped_for_kafka").increment();
      return 0;
    }
    Set<UUID> callable =
        sessions.usable().stream().map(WorkspaceConnection::id).collect(Collectors.toSet());
    Deque<Backfills.Running> turns = new ArrayDeque<>();
    for (Backfills.Running job : backfills.running()) {
      if (callable.contains(job.connectionId())) {
        turns.add(job);
      } else {
        stopIfGone(job);
      }
    }
    int chunks = 0;
    while (chunks < maxChunks && !turns.isEmpty() && !kafkaWait.holds(clock.instant())) {
      Backfills.Running job = turns.poll();
      Chunk chunk = chunkAlone(job.id());
      if (chunk != Chunk.DONE && chunk != Chunk.MORE) {
        continue;
      }
      chunks++;
      if (chunk == Chunk.MORE) {
        turns.add(job);
      }
    }
    waitingForKafka(); // a chunk whose call events Kafka did not answer began the wait
    return chunks;
  }

  /**
   * Whether this replica waits for Kafka now; if so, every running backfill says so in its {@code
   * lastError} (the database is shared, so whichever replica answers the API shows it), until a
   * chunk is listed again.
   */
  private boolean waitingForKafka() {
    Optional<Instant> until = kafkaWait.holdsUntil(clock.instant());
    if (until.isEmpty()) {
      return false;
    }
    try {
      backfills.noteRunning(
          "waiting for Kafka: it did not answer a publish, so no chunk is listed until "
              + until.get()
              + " (the chunk is listed again then)",
          clock.instant());
    } catch (RuntimeException e) { // the note is for the API only; the wait holds regardless
      log.atWarn().setCause(e).log("could not note the wait for Kafka on the running backfills");
    }
    return true;
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

  /** A backfill whose org has no live connection, or another one, will never resume: stopped. */
  private void stopIfGone(Backfills.Running job) {
    if (job.orgId() == null) {
      return;
    }
    boolean gone =
        sessions.liveOf(job.orgId()).map(c -> !c.id().equals(job.connectionId())).orElse(true);
    if (gone) {
      backfills.stop(job.id(), clock.instant());
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
    Optional<Backfills.Running> locked = backfills.lockRunning(backfillId);
    if (locked.isEmpty()) {
      return Chunk.SKIPPED;
    }
    Backfills.Running job = locked.get();
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
      backfills.chunkDone(job.id(), end, nextSpan(job.span(), tally.found()), tally.found(), now);
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

  private void lastError(Backfills.Running job, String error, Instant now) {
    backfills.lastError(job.id(), error, now);
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
        backfills
            .latest(connectionId)
            .map(
                stored -> {
                  Map<CallState, Long> counts =
                      ledger.countsByState(connectionId, stored.from(), stored.to());
                  long total = Duration.between(stored.from(), stored.to()).toMillis();
                  long done = Duration.between(stored.from(), stored.next()).toMillis();
                  return new BackfillProgress(
                      stored.id(),
                      stored.state().toLowerCase(Locale.ROOT),
                      stored.days(),
                      stored.from(),
                      stored.to(),
                      total <= 0 ? 100 : (int) Math.min(100, done * 100 / total),
                      stored.chunksDone(),
                      stored.callsFound(),
                      counts.get(CallState.PUBLISHED),
                      counts.get(CallState.PRIVATE),
                      counts.get(CallState.NEW) + counts.get(CallState.AWAITING_TRANSCRIPT),
                      counts.get(CallState.GAVE_UP),
                      counts.get(CallState.FAILED),
                      stored.lastError(),
                      null);
                });
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
}
