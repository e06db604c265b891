package dev.earshot.ingest.poll;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code poll_state} table: per connection, the watermark (the newest call start seen), where
 * the last listing started, when it ran and found how many calls, when the next poll is due and
 * when the wider reconciliation listing last ran.
 */
@Repository
class Watermarks {

  /** A connection whose poll is due, locked for this transaction. */
  record Due(Instant watermark, Instant reconciledAt) {}

  private final JdbcClient jdbc;

  Watermarks(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Creates the connection's row, due now, unless it exists. */
  void createIfAbsent(UUID connectionId, Instant initialWatermark, Instant now) {
    jdbc.sql(
            """
            insert into poll_state (connection_id, watermark, next_poll_at) values (:c, :watermark, :now)
            on conflict (connection_id) do nothing
            """)
        .param("c", connectionId)
        .param("watermark", Timestamp.from(initialWatermark))
        .param("now", Timestamp.from(now))
        .update();
  }

  /**
   * The connection's watermark, locked for this transaction, if its poll is due and no other
   * replica holds it ({@code FOR UPDATE SKIP LOCKED}).
   */
  Optional<Due> lockDue(UUID connectionId, Instant now) {
    return jdbc
        .sql(
            """
        select watermark, reconciled_at from poll_state where connection_id = :c and next_poll_at <= :now
        for update skip locked
        """)
        .param("c", connectionId)
        .param("now", Timestamp.from(now))
        .query(
            (rs, row) ->
                new Due(
                    rs.getTimestamp("watermark").toInstant(),
                    instant(rs.getTimestamp("reconciled_at"))))
        .list()
        .stream()
        .findFirst();
  }

  /**
   * A poll done: the watermark moves to {@code watermark}, the listing's start and count are kept,
   * the next poll is due at {@code nextPollAt}, and a reconciling listing (or the first) stamps
   * {@code reconciled_at}.
   */
  void polled(
      UUID connectionId,
      Instant watermark,
      Instant listedFrom,
      int found,
      Instant nextPollAt,
      boolean reconciled,
      Instant now) {
    jdbc.sql(
            """
            update poll_state set watermark = :watermark, listed_from = :from, last_poll_at = :now,
              last_found = :found, next_poll_at = :next,
              reconciled_at = case when :reconciled or reconciled_at is null then :now else reconciled_at end
             where connection_id = :c
            """)
        .param("watermark", Timestamp.from(watermark))
        .param("from", Timestamp.from(listedFrom))
        .param("now", Timestamp.from(now))
        .param("found", found)
        .param("next", Timestamp.from(nextPollAt))
        .param("reconciled", reconciled)
        .param("c", connectionId)
        .update();
  }

  /** The connection's poll state, if it was ever polled. */
  Optional<PollingCalls.PollState> stateOf(UUID connectionId) {
    return jdbc.sql("select * from poll_state where connection_id = :c")
        .param("c", connectionId)
        .query(
            (rs, row) ->
                new PollingCalls.PollState(
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
