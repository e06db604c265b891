package dev.earshot.dedup.outbox;

import dev.earshot.dedup.DedupProperties;
import dev.earshot.events.Topics;
import dev.earshot.events.serde.AvroEventDeserializer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.avro.specific.SpecificRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Publishes the outbox to feedback.posts.v1, keyed by post id, in the order rows were written. One
 * publisher at a time (a PostgreSQL advisory lock held by the transaction), a batch sent and
 * acknowledged by Kafka before its rows are marked published: a crash in between sends the batch
 * again (at least once; consumers dedup by {@code eventId}), never out of order per post.
 */
@Component
public class OutboxPublisher {

  private static final Logger log = LoggerFactory.getLogger(OutboxPublisher.class);
  private static final long LOCK_KEY = 0x0ea5_0_0b0_0L;

  private final JdbcClient jdbc;
  private final TransactionTemplate transactions;
  private final KafkaTemplate<String, SpecificRecord> kafka;
  private final DedupProperties.Outbox settings;
  private final Clock clock;
  private final AvroEventDeserializer deserializer = new AvroEventDeserializer();
  private final Counter published;

  OutboxPublisher(
      JdbcClient jdbc,
      TransactionTemplate transactions,
      KafkaTemplate<String, SpecificRecord> kafka,
      DedupProperties properties,
      Clock clock,
      MeterRegistry meters) {
    this.jdbc = jdbc;
    this.transactions = transactions;
    this.kafka = kafka;
    this.settings = properties.outbox();
    this.clock = clock;
    this.published = meters.counter("earshot.dedup.outbox.published");
    Gauge.builder("earshot.dedup.outbox.pending", this, OutboxPublisher::pending)
        .description("post events written but not yet acknowledged by Kafka")
        .register(meters);
  }

  private record Row(long id, UUID postId, byte[] event) {}

  @Scheduled(fixedDelayString = "${earshot.dedup.outbox.interval:250ms}")
  void tick() {
    if (!settings.enabled()) {
      return;
    }
    try {
      while (publishBatch() == settings.batchSize()) {
        // a full batch: more may be waiting
      }
    } catch (RuntimeException e) {
      log.atWarn().setCause(e).log("outbox publishing failed; will retry");
    }
  }

  /**
   * Publishes one batch; returns how many events it published (0 when another instance holds it).
   */
  public int publishBatch() {
    Integer count =
        transactions.execute(
            status -> {
              boolean mine =
                  jdbc.sql("select pg_try_advisory_xact_lock(:key)")
                      .param("key", LOCK_KEY)
                      .query(Boolean.class)
                      .single();
              if (!mine) {
                return 0;
              }
              List<Row> rows =
                  jdbc.sql(
                          "select id, post_id, event from outbox where published_at is null"
                              + " order by id limit :limit")
                      .param("limit", settings.batchSize())
                      .query(
                          (rs, n) ->
                              new Row(
                                  rs.getLong("id"),
                                  rs.getObject("post_id", UUID.class),
                                  rs.getBytes("event")))
                      .list();
              if (rows.isEmpty()) {
                return 0;
              }
              send(rows);
              jdbc.sql("update outbox set published_at = :now where id in (:ids)")
                  .param("now", Timestamp.from(clock.instant()))
                  .param("ids", rows.stream().map(Row::id).toList())
                  .update();
              return rows.size();
            });
    int sent = count == null ? 0 : count;
    published.increment(sent);
    return sent;
  }

  private void send(List<Row> rows) {
    List<CompletableFuture<SendResult<String, SpecificRecord>>> sends = new ArrayList<>();
    for (Row row : rows) {
      SpecificRecord event = deserializer.deserialize(Topics.POSTS, row.event());
      sends.add(kafka.send(Topics.POSTS, row.postId().toString(), event));
    }
    kafka.flush();
    try {
      CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new))
          .get(settings.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while publishing the outbox", e);
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("Kafka did not acknowledge the outbox batch", e);
    }
  }

  /** Deletes published rows older than the retention. */
  @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT1M")
  void prune() {
    jdbc.sql("delete from outbox where published_at < :before")
        .param("before", Timestamp.from(clock.instant().minus(settings.retention())))
        .update();
  }

  /** Events written but not yet acknowledged by Kafka. */
  public long pending() {
    return jdbc.sql("select count(*) from outbox where published_at is null")
        .query(Long.class)
        .single();
  }
}
