package dev.earshot.dedup.outbox;

import dev.earshot.events.PostEvent;
import dev.earshot.events.serde.AvroEventSerializer;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The outbox table. Writes an event in the caller's transaction, so it exists if and only if the
 * change it describes committed, stored as the bytes that go on the topic; and gives {@link
 * OutboxPublisher} what it needs to publish them in order (its lock, the next rows, marking them
 * published or set aside, pruning, the count pending).
 */
@Repository
public class Outbox {

  private static final long LOCK_KEY = 0x0ea5_0_0b0_0L;

  private final JdbcClient jdbc;
  private final AvroEventSerializer serializer = new AvroEventSerializer();

  Outbox(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  @Transactional(propagation = Propagation.MANDATORY)
  public void append(PostEvent event, Instant now) {
    jdbc.sql("insert into outbox (post_id, event, created_at) values (:post, :event, :now)")
        .param("post", UUID.fromString(event.getPostId()))
        .param("event", serializer.serialize(dev.earshot.events.Topics.POSTS, event))
        .param("now", Timestamp.from(now))
        .update();
  }

  /** One unsettled outbox row: its id (the order), the post it is about, the event's bytes. */
  public record Row(long id, UUID postId, byte[] event) {}

  /**
   * Takes the publisher's lock for the current transaction (a PostgreSQL advisory lock); false when
   * another instance holds it.
   */
  public boolean lockForPublishing() {
    return jdbc.sql("select pg_try_advisory_xact_lock(:key)")
        .param("key", LOCK_KEY)
        .query(Boolean.class)
        .single();
  }

  /** Up to {@code limit} rows neither published nor set aside, in id order. */
  public List<Row> unsettled(int limit) {
    return jdbc.sql(
            "select id, post_id, event from outbox where published_at is null"
                + " and set_aside_at is null order by id limit :limit")
        .param("limit", limit)
        .query(
            (rs, n) ->
                new Row(
                    rs.getLong("id"), rs.getObject("post_id", UUID.class), rs.getBytes("event")))
        .list();
  }

  /** Marks the rows {@code ids} published at {@code now}. */
  public void markPublished(List<Long> ids, Instant now) {
    jdbc.sql("update outbox set published_at = :now where id in (:ids)")
        .param("now", Timestamp.from(now))
        .param("ids", ids)
        .update();
  }

  /** Sets row {@code id} aside at {@code now} with the reason Kafka can never take it. */
  public void setAside(long id, String reason, Instant now) {
    jdbc.sql("update outbox set set_aside_at = :now, set_aside_reason = :reason where id = :id")
        .param("now", Timestamp.from(now))
        .param("reason", reason)
        .param("id", id)
        .update();
  }

  /** Deletes rows published before {@code before}. */
  public void prunePublishedBefore(Instant before) {
    jdbc.sql("delete from outbox where published_at < :before")
        .param("before", Timestamp.from(before))
        .update();
  }

  /** Events written but not yet acknowledged by Kafka (set-aside ones not counted). */
  public long pending() {
    return jdbc.sql(
            "select count(*) from outbox where published_at is null and set_aside_at is null")
        .query(Long.class)
        .single();
  }
}
