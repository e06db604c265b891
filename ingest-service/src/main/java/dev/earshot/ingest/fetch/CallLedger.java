package dev.earshot.ingest.fetch;

import dev.earshot.events.CallEventSource;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The ledger of calls per connection; the (connection, call) key makes every sighting count once,
 * whichever path saw the call and however often Kafka redelivers it.
 */
@Repository
public class CallLedger {

  /**
   * A call due for fetching, locked for this worker.
   *
   * @param dueSince when it became due: how long it has waited for a batch to fill
   * @param extensive the stored extensive call JSON once metadata was fetched, else null
   * @param failures how many times the call could not become a {@code Call} record so far
   * @param summaryPendingSince when the call was published without Gong's brief, for a {@link
   *     #summaryRecheck() summary re-check}; null for a call not published yet
   * @param summaryChecks how many summary re-checks asked Gong for the call so far
   */
  public record DueCall(
      String callId,
      CallState state,
      int attempts,
      Instant firstSeenAt,
      Instant dueSince,
      String extensive,
      int failures,
      Instant summaryPendingSince,
      int summaryChecks) {

    /** Whether this is a published call whose brief is looked for again, not a first fetch. */
    public boolean summaryRecheck() {
      return summaryPendingSince != null;
    }
  }

  /**
   * What makes a call due: waiting for its first publication ({@code NEW}, {@code
   * AWAITING_TRANSCRIPT}) or published with its summary pending, once {@code next_attempt_at} has
   * come. Two branches, so each uses its partial index.
   */
  private static final String DUE =
      """
      ((state in ('NEW', 'AWAITING_TRANSCRIPT') and next_attempt_at <= :now)
        or (summary_pending_since is not null and next_attempt_at <= :now))
      """;

  /** Ids per IN list: far below PostgreSQL's 32,767 bind parameters. */
  private static final int IN_LIST_LIMIT = 1_000;

  private final JdbcClient jdbc;
  private final JdbcTemplate batch;

  CallLedger(JdbcClient jdbc, JdbcTemplate batch) {
    this.jdbc = jdbc;
    this.batch = batch;
  }

  /**
   * What recording a listing's private calls did.
   *
   * @param added calls the ledger did not hold, recorded private
   * @param turnedPrivate calls it held unsettled that are private now ({@link #markPrivate})
   */
  public record PrivateRecorded(int added, int turnedPrivate) {}

  /**
   * Records calls a listing showed to be private, so nothing more is ever asked of Gong about them,
   * including calls seen public before and not settled yet.
   */
  public PrivateRecorded recordPrivate(
      UUID connectionId,
      String orgId,
      CallEventSource source,
      Map<String, Instant> startedById,
      Instant now) {
    List<Sighting> sightings =
        startedById.entrySet().stream()
            .map(
                e ->
                    new Sighting(
                        connectionId,
                        e.getKey(),
                        orgId,
                        source,
                        CallState.PRIVATE,
                        null,
                        e.getValue(),
                        now))
            .toList();
    int added = (int) recordAll(sightings).stream().filter(Boolean::booleanValue).count();
    return new PrivateRecorded(added, markPrivate(sightings));
  }

  /**
   * Records sightings in one JDBC batch; for each, whether it was new (false: a duplicate). A
   * webhook's call data is kept as the call's metadata. A private sighting of a call held already
   * changes nothing here: {@link #markPrivate} is for that.
   */
  List<Boolean> recordAll(List<Sighting> sightings) {
    if (sightings.isEmpty()) {
      return List.of();
    }
    int[] counts =
        batch.batchUpdate(
            """
            insert into call (connection_id, call_id, org_id, source, state, extensive, started_at,
              first_seen_at, next_attempt_at, updated_at)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            on conflict (connection_id, call_id) do nothing
            """,
            sightings.stream()
                .map(
                    s -> {
                      Timestamp now = Timestamp.from(s.seenAt());
                      return new Object[] {
                        s.connectionId(),
                        s.callId(),
                        s.orgId(),
                        s.source().name(),
                        s.state().name(),
                        s.extensive(),
                        s.startedAt() == null ? null : Timestamp.from(s.startedAt()),
                        now,
                        now,
                        now
                      };
                    })
                .toList());
    List<Boolean> added = new java.util.ArrayList<>(counts.length);
    for (int count : counts) {
      added.add(count == 1);
    }
    return added;
  }

  /**
   * A call the ledger holds that a later listing or webhook shows private: one still to be fetched
   * or waiting for its transcript becomes {@code PRIVATE} (its stored metadata dropped), and a
   * published one's summary re-checks stop, so nothing more is asked of Gong about it. Settled
   * calls stay as they are (a published call was public when it was read). Sightings that are not
   * private, and calls recorded private just now, change nothing. Returns how many changed.
   */
  int markPrivate(List<Sighting> all) {
    List<Sighting> sightings = all.stream().filter(s -> s.state() == CallState.PRIVATE).toList();
    if (sightings.isEmpty()) {
      return 0;
    }
    int[] counts =
        batch.batchUpdate(
            """
            update call set state = case when state in ('NEW', 'AWAITING_TRANSCRIPT')
                then 'PRIVATE' else state end,
              extensive = null, summary_pending_since = null, updated_at = ?
             where connection_id = ? and call_id = ?
               and (state in ('NEW', 'AWAITING_TRANSCRIPT') or summary_pending_since is not null)
            """,
            sightings.stream()
                .map(s -> new Object[] {Timestamp.from(s.seenAt()), s.connectionId(), s.callId()})
                .toList());
    return Arrays.stream(counts).sum();
  }

  /** Which of these calls the ledger already holds, a query per thousand ids. */
  public Set<String> known(UUID connectionId, Collection<String> callIds) {
    Set<String> known = new HashSet<>();
    List<String> ids = List.copyOf(callIds);
    for (int i = 0; i < ids.size(); i += IN_LIST_LIMIT) {
      known.addAll(
          jdbc.sql("select call_id from call where connection_id = :c and call_id in (:ids)")
              .param("c", connectionId)
              .param("ids", ids.subList(i, Math.min(ids.size(), i + IN_LIST_LIMIT)))
              .query(String.class)
              .list());
    }
    return known;
  }

  /**
   * Connections with calls due by {@code now} (first fetches and summary re-checks), the one whose
   * oldest due call waited longest first.
   */
  List<UUID> connectionsWithDueCalls(Instant now) {
    return jdbc.sql(
            "select connection_id from call where "
                + DUE
                + " group by connection_id order by min(next_attempt_at), connection_id")
        .param("now", Timestamp.from(now))
        .query(UUID.class)
        .list();
  }

  /**
   * Locks up to {@code limit} due calls of a connection (first fetches and summary re-checks),
   * oldest first; other replicas skip them.
   */
  List<DueCall> lockDue(UUID connectionId, Instant now, int limit) {
    return jdbc.sql(
            """
            select call_id, state, attempts, first_seen_at, next_attempt_at, extensive, failures,
              summary_pending_since, summary_checks from call
             where connection_id = :c and\s"""
                + DUE
                + " order by next_attempt_at limit :limit for update skip locked")
        .param("c", connectionId)
        .param("now", Timestamp.from(now))
        .param("limit", limit)
        .query(
            (rs, row) ->
                new DueCall(
                    rs.getString("call_id"),
                    CallState.valueOf(rs.getString("state")),
                    rs.getInt("attempts"),
                    rs.getTimestamp("first_seen_at").toInstant(),
                    rs.getTimestamp("next_attempt_at").toInstant(),
                    rs.getString("extensive"),
                    rs.getInt("failures"),
                    instantOrNull(rs.getTimestamp("summary_pending_since")),
                    rs.getInt("summary_checks")))
        .list();
  }

  private static Instant instantOrNull(Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }

  /**
   * Settles calls for good: the stored metadata is no longer needed, and a pending summary is no
   * longer looked for (a republished call had it; see {@link #awaitSummary}).
   */
  void moveTo(UUID connectionId, Collection<String> callIds, CallState state, Instant now) {
    List<String> ids = List.copyOf(callIds);
    for (int i = 0; i < ids.size(); i += IN_LIST_LIMIT) {
      jdbc.sql(
              """
              update call set state = :state, extensive = null, summary_pending_since = null,
                updated_at = :now where connection_id = :c and call_id in (:ids)
              """)
          .param("state", state.name())
          .param("now", Timestamp.from(now))
          .param("c", connectionId)
          .param("ids", ids.subList(i, Math.min(ids.size(), i + IN_LIST_LIMIT)))
          .update();
    }
  }

  /**
   * Due calls that wait until {@code next} without counting an attempt: their fetch did not fail,
   * Kafka did not answer for them ({@link FetchingCalls#UNANSWERED_WAIT}).
   */
  void postpone(UUID connectionId, Collection<String> callIds, Instant next, Instant now) {
    List<String> ids = List.copyOf(callIds);
    for (int i = 0; i < ids.size(); i += IN_LIST_LIMIT) {
      jdbc.sql(
              "update call set next_attempt_at = :next, updated_at = :now"
                  + " where connection_id = :c and call_id in (:ids)")
          .param("next", Timestamp.from(next))
          .param("now", Timestamp.from(now))
          .param("c", connectionId)
          .param("ids", ids.subList(i, Math.min(ids.size(), i + IN_LIST_LIMIT)))
          .update();
    }
  }

  /**
   * Marks published calls as published without Gong's brief: they are re-checked from {@code next},
   * their pending time counted from {@code now}. Runs after {@link #moveTo} in the transaction that
   * published them, so a crash leaves either both or neither.
   */
  void awaitSummary(UUID connectionId, Collection<String> callIds, Instant next, Instant now) {
    List<String> ids = List.copyOf(callIds);
    for (int i = 0; i < ids.size(); i += IN_LIST_LIMIT) {
      jdbc.sql(
              """
              update call set summary_pending_since = :now, summary_checks = 0,
                next_attempt_at = :next, updated_at = :now
               where connection_id = :c and call_id in (:ids) and state = 'PUBLISHED'
              """)
          .param("now", Timestamp.from(now))
          .param("next", Timestamp.from(next))
          .param("c", connectionId)
          .param("ids", ids.subList(i, Math.min(ids.size(), i + IN_LIST_LIMIT)))
          .update();
    }
  }

  /** A summary re-check that found no brief: the next one at {@code next}. */
  void recheckSummaryLater(
      UUID connectionId, String callId, int checks, Instant next, Instant now) {
    jdbc.sql(
            """
            update call set summary_checks = :checks, next_attempt_at = :next, updated_at = :now
             where connection_id = :c and call_id = :call
            """)
        .param("checks", checks)
        .param("next", Timestamp.from(next))
        .param("now", Timestamp.from(now))
        .param("c", connectionId)
        .param("call", callId)
        .update();
  }

  /**
   * No more summary re-checks for this call (given up, or it turned private); it stays {@code
   * PUBLISHED} as it was published.
   */
  void stopSummaryRechecks(UUID connectionId, String callId, int checks, Instant now) {
    jdbc.sql(
            """
            update call set summary_pending_since = null, summary_checks = :checks,
              updated_at = :now where connection_id = :c and call_id = :call
            """)
        .param("checks", checks)
        .param("now", Timestamp.from(now))
        .param("c", connectionId)
        .param("call", callId)
        .update();
  }

  /** Published calls whose summary is still looked for, of one connection or (null) all. */
  long summaryPending(UUID connectionId) {
    Long n =
        jdbc.sql(
                """
                select count(*) from call where summary_pending_since is not null
                 and (cast(:c as uuid) is null or connection_id = :c)
                """)
            .param("c", connectionId)
            .query(Long.class)
            .single();
    return n == null ? 0 : n;
  }

  /** Keeps the fetched metadata (if any) and schedules the next attempt. */
  void retryLater(
      UUID connectionId,
      String callId,
      CallState state,
      String extensive,
      int attempts,
      Instant next,
      Instant now) {
    jdbc.sql(
            """
            update call set state = :state, extensive = coalesce(:extensive, extensive), attempts = :attempts,
              next_attempt_at = :next, updated_at = :now where connection_id = :c and call_id = :call
            """)
        .param("state", state.name())
        .param("extensive", extensive)
        .param("attempts", attempts)
        .param("next", Timestamp.from(next))
        .param("now", Timestamp.from(now))
        .param("c", connectionId)
        .param("call", callId)
        .update();
  }

  /**
   * A call that could not become a {@code Call} record waits until {@code next} and tries again;
   * its state and stored metadata (if any) stay as they are.
   */
  void failLater(
      UUID connectionId, String callId, int failures, String reason, Instant next, Instant now) {
    jdbc.sql(
            """
            update call set failures = :failures, failure_reason = :reason, next_attempt_at = :next,
              updated_at = :now where connection_id = :c and call_id = :call
            """)
        .param("failures", failures)
        .param("reason", reason)
        .param("next", Timestamp.from(next))
        .param("now", Timestamp.from(now))
        .param("c", connectionId)
        .param("call", callId)
        .update();
  }

  /** Parks a call {@link CallState#FAILED} with the reason of its last attempt. */
  void park(UUID connectionId, String callId, int failures, String reason, Instant now) {
    jdbc.sql(
            """
            update call set state = 'FAILED', failures = :failures, failure_reason = :reason,
              extensive = null, updated_at = :now where connection_id = :c and call_id = :call
            """)
        .param("failures", failures)
        .param("reason", reason)
        .param("now", Timestamp.from(now))
        .param("c", connectionId)
        .param("call", callId)
        .update();
  }

  /** The connection's most recently parked failed calls, newest first. */
  public List<FailedCall> latestFailed(UUID connectionId, int limit) {
    return jdbc.sql(
            """
            select call_id, failures, failure_reason, updated_at from call
             where connection_id = :c and state = 'FAILED' order by updated_at desc, call_id limit :limit
            """)
        .param("c", connectionId)
        .param("limit", limit)
        .query(
            (rs, row) ->
                new FailedCall(
                    rs.getString("call_id"),
                    rs.getInt("failures"),
                    rs.getString("failure_reason"),
                    rs.getTimestamp("updated_at").toInstant()))
        .list();
  }

  /** Calls waiting for metadata or a transcript, per connection. */
  Map<UUID, Long> pendingByConnection() {
    Map<UUID, Long> pending = new java.util.HashMap<>();
    jdbc.sql(
            """
            select connection_id, count(*) as n from call
             where state in ('NEW', 'AWAITING_TRANSCRIPT') group by connection_id
            """)
        .query((rs, row) -> Map.entry(rs.getObject("connection_id", UUID.class), rs.getLong("n")))
        .list()
        .forEach(e -> pending.put(e.getKey(), e.getValue()));
    return pending;
  }

  /** Calls of a connection that started in [from, to), by state: a backfill's progress. */
  public Map<CallState, Long> countsByState(UUID connectionId, Instant from, Instant to) {
    Map<CallState, Long> counts = zeroes();
    jdbc.sql(
            """
            select state, count(*) as n from call
             where connection_id = :c and started_at >= :from and started_at < :to group by state
            """)
        .param("c", connectionId)
        .param("from", Timestamp.from(from))
        .param("to", Timestamp.from(to))
        .query((rs, row) -> Map.entry(CallState.valueOf(rs.getString("state")), rs.getLong("n")))
        .list()
        .forEach(e -> counts.put(e.getKey(), e.getValue()));
    return counts;
  }

  private static Map<CallState, Long> zeroes() {
    Map<CallState, Long> counts = new EnumMap<>(CallState.class);
    for (CallState state : CallState.values()) {
      counts.put(state, 0L);
    }
    return counts;
  }

  /** Calls by state, for one connection or (null) all. */
  public Map<CallState, Long> countsByState(UUID connectionId) {
    Map<CallState, Long> counts = zeroes();
    jdbc.sql(
            "select state, count(*) as n from call where (cast(:c as uuid) is null or connection_id = :c) group by state")
        .param("c", connectionId)
        .query((rs, row) -> Map.entry(CallState.valueOf(rs.getString("state")), rs.getLong("n")))
        .list()
        .forEach(e -> counts.put(e.getKey(), e.getValue()));
    return counts;
  }
}
