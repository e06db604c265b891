package dev.earshot.ingest.poll;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code backfill} table: one row per backfill, its window, the cursor of the next chunk and
 * the chunk span, its counts and state (RUNNING, DONE, STOPPED). At most one RUNNING backfill per
 * connection (a unique index: a second insert throws {@link
 * org.springframework.dao.DuplicateKeyException}).
 */
@Repository
class Backfills {

  /** A running backfill: its window [from, to), the next chunk's start and span. */
  record Running(
      UUID id,
      UUID connectionId,
      String orgId,
      Instant from,
      Instant to,
      Instant next,
      Duration span) {}

  /** The latest backfill of a connection as stored; state as in the table (upper case). */
  record Latest(
      UUID id,
      String state,
      int days,
      Instant from,
      Instant to,
      Instant next,
      int chunksDone,
      long callsFound,
      String lastError) {}

  private final JdbcClient jdbc;

  Backfills(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * A RUNNING backfill of [now - days, now), its first chunk {@code span} long.
   *
   * @throws org.springframework.dao.DuplicateKeyException when the connection has one running
   */
  void insert(UUID id, UUID connectionId, String orgId, int days, Duration span, Instant now) {
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
        .param("span", span.toSeconds())
        .param("now", Timestamp.from(now))
        .update();
  }

  /** Every running backfill, oldest first. */
  List<Running> running() {
    return jdbc.sql(
            """
            select id, connection_id, org_id, from_time, to_time, next_chunk_from, chunk_seconds
              from backfill where state = 'RUNNING' order by created_at
            """)
        .query(Backfills::runningRow)
        .list();
  }

  /** Stops a running backfill; returns whether it was running. */
  boolean stop(UUID id, Instant now) {
    return jdbc.sql(
                """
                update backfill set state = 'STOPPED', updated_at = :now
                 where id = :id and state = 'RUNNING'
                """)
            .param("now", Timestamp.from(now))
            .param("id", id)
            .update()
        > 0;
  }

  /**
   * The backfill, locked for this transaction, if it is still running and no other replica holds it
   * ({@code FOR UPDATE SKIP LOCKED}).
   */
  Optional<Running> lockRunning(UUID id) {
    return jdbc
        .sql(
            """
            select id, connection_id, org_id, from_time, to_time, next_chunk_from, chunk_seconds
              from backfill where id = :id and state = 'RUNNING' for update skip locked
            """)
        .param("id", id)
        .query(Backfills::runningRow)
        .list()
        .stream()
        .findFirst();
  }

  /**
   * One chunk done: the cursor moves to {@code next}, the span becomes {@code span}, the counts
   * grow, the last error clears, and the backfill is DONE once the cursor reached its end.
   */
  void chunkDone(UUID id, Instant next, Duration span, int found, Instant now) {
    jdbc.sql(
            """
            update backfill set next_chunk_from = :next, chunk_seconds = :span,
              chunks_done = chunks_done + 1, calls_found = calls_found + :found, last_error = null,
              state = case when :next >= to_time then 'DONE' else 'RUNNING' end, updated_at = :now
             where id = :id
            """)
        .param("next", Timestamp.from(next))
        .param("span", span.toSeconds())
        .param("found", found)
        .param("now", Timestamp.from(now))
        .param("id", id)
        .update();
  }

  /** Notes why the backfill's last chunk failed. */
  void lastError(UUID id, String error, Instant now) {
    jdbc.sql("update backfill set last_error = :error, updated_at = :now where id = :id")
        .param("error", error)
        .param("now", Timestamp.from(now))
        .param("id", id)
        .update();
  }

  /**
   * Notes {@code note} as the last error of every running backfill that does not say it already
   * (one statement, no write when nothing changes); one another replica holds is left as it is.
   */
  void noteRunning(String note, Instant now) {
    jdbc.sql(
            """
            update backfill set last_error = :note, updated_at = :now
             where id in (select id from backfill
                           where state = 'RUNNING' and last_error is distinct from :note
                           for update skip locked)
            """)
        .param("note", note)
        .param("now", Timestamp.from(now))
        .update();
  }

  /** The connection's most recent backfill, whatever its state. */
  Optional<Latest> latest(UUID connectionId) {
    return jdbc.sql(
            """
            select id, state, days, from_time, to_time, next_chunk_from, chunks_done, calls_found,
              last_error from backfill where connection_id = :c order by created_at desc limit 1
            """)
        .param("c", connectionId)
        .query(
            (rs, row) ->
                new Latest(
                    rs.getObject("id", UUID.class),
                    rs.getString("state"),
                    rs.getInt("days"),
                    rs.getTimestamp("from_time").toInstant(),
                    rs.getTimestamp("to_time").toInstant(),
                    rs.getTimestamp("next_chunk_from").toInstant(),
                    rs.getInt("chunks_done"),
                    rs.getLong("calls_found"),
                    rs.getString("last_error")))
        .optional();
  }

  private static Running runningRow(ResultSet rs, int row) throws SQLException {
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
