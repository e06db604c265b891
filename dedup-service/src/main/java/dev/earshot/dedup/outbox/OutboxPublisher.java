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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.avro.specific.SpecificRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Publishes the outbox to feedback.posts.v1, keyed by post id, in the order rows were written. One
 * publisher at a time (a PostgreSQL advisory lock held by the transaction), a batch sent and
 * acknowledged by Kafka before its rows are marked published: a crash in between sends the batch
 * again (at least once; consumers dedup by {@code eventId}), never out of order per post. A row
 * Kafka can never take is set aside (columns {@code set_aside_at}, {@code set_aside_reason}; metric
 * {@code earshot.dedup.outbox.set_aside}) so it never blocks the events of other posts and orgs;
 * the post's next event carries its whole state anyway.
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
  private final Counter setAside;

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
    this.setAside =
        Counter.builder("earshot.dedup.outbox.set_aside")
            .description("post events Kafka can never take, set aside with their reason")
            .register(meters);
    Gauge.builder("earshot.dedup.outbox.pending", this, OutboxPublisher::pending)
        .description("post events written but not yet acknowledged by Kafka")
        .register(meters);
  }

  private record Row(long id, UUID postId, byte[] event) {}

  /** What became of a row in one batch. */
  private sealed interface Outcome {
    record Published() implements Outcome {}

    record SetAside(String reason) implements Outcome {}

    record Transient(Throwable failure) implements Outcome {}
  }

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
   * Publishes one batch in id order; returns how many rows it settled (published or set aside), 0
   * when another instance holds the outbox. A row Kafka can never take ({@link Unpublishable}) is
   * set aside with its reason and the rows after it are published; at the first transient failure
   * the batch stops, what came before it is settled, and the rest is sent again next time, in
   * order.
   */
  public int publishBatch() {
    Settled settled =
        transactions.execute(
            status -> {
              boolean mine =
                  jdbc.sql("select pg_try_advisory_xact_lock(:key)")
                      .param("key", LOCK_KEY)
                      .query(Boolean.class)
                      .single();
              if (!mine) {
                return Settled.NOTHING;
              }
              List<Row> rows =
                  jdbc.sql(
                          "select id, post_id, event from outbox where published_at is null"
                              + " and set_aside_at is null order by id limit :limit")
                      .param("limit", settings.batchSize())
                      .query(
                          (rs, n) ->
                              new Row(
                                  rs.getLong("id"),
                                  rs.getObject("post_id", UUID.class),
                                  rs.getBytes("event")))
                      .list();
              return rows.isEmpty() ? Settled.NOTHING : settle(rows, send(rows));
            });
    if (settled == null) {
      return 0;
    }
    published.increment(settled.published());
    setAside.increment(settled.setAside());
    return settled.published() + settled.setAside();
  }

  /** Rows a batch published and set aside (counted once its transaction committed). */
  private record Settled(int published, int setAside) {
    static final Settled NOTHING = new Settled(0, 0);
  }

  /** Marks what was published or set aside, up to the first transient failure. */
  private Settled settle(List<Row> rows, List<Outcome> outcomes) {
    Timestamp now = Timestamp.from(clock.instant());
    List<Long> sent = new ArrayList<>();
    int asides = 0;
    for (int i = 0; i < rows.size(); i++) {
      Row row = rows.get(i);
      switch (outcomes.get(i)) {
        case Outcome.Published p -> sent.add(row.id());
        case Outcome.SetAside aside -> {
          setAside(row, aside.reason(), now);
          asides++;
        }
        case Outcome.Transient t -> {
          markPublished(sent, now);
          log.atWarn()
              .addKeyValue("outboxId", row.id())
              .addKeyValue("postId", row.postId())
              .setCause(t.failure())
              .log("Kafka did not take an outbox event; it and the rows after it are retried");
          return new Settled(sent.size(), asides);
        }
      }
    }
    markPublished(sent, now);
    return new Settled(sent.size(), asides);
  }

  private void markPublished(List<Long> ids, Timestamp now) {
    if (ids.isEmpty()) {
      return;
    }
    jdbc.sql("update outbox set published_at = :now where id in (:ids)")
        .param("now", now)
        .param("ids", ids)
        .update();
  }

  private void setAside(Row row, String reason, Timestamp now) {
    jdbc.sql("update outbox set set_aside_at = :now, set_aside_reason = :reason where id = :id")
        .param("now", now)
        .param("reason", reason)
        .param("id", row.id())
        .update();
    log.atError()
        .addKeyValue("outboxId", row.id())
        .addKeyValue("postId", row.postId())
        .addKeyValue("reason", reason)
        .log("post event set aside: Kafka can never take it; later events are published");
  }

  /** Sends every row, then waits for Kafka's answers; one outcome per row, in order. */
  private List<Outcome> send(List<Row> rows) {
    List<CompletableFuture<?>> sends = new ArrayList<>(rows.size());
    for (Row row : rows) {
      CompletableFuture<?> sending;
      try {
        SpecificRecord event = deserializer.deserialize(Topics.POSTS, row.event());
        sending = kafka.send(Topics.POSTS, row.postId().toString(), event);
      } catch (RuntimeException refused) {
        sending = CompletableFuture.failedFuture(refused);
      }
      sends.add(sending);
    }
    kafka.flush();
    try {
      CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new))
          .get(settings.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while publishing the outbox", e);
    } catch (ExecutionException | TimeoutException someFailed) {
      // each send is looked at below
    }
    return sends.stream().map(OutboxPublisher::outcome).toList();
  }

  private static Outcome outcome(CompletableFuture<?> send) {
    if (!send.isDone()) {
      return new Outcome.Transient(new TimeoutException("Kafka did not acknowledge in time"));
    }
    if (!send.isCompletedExceptionally()) {
      return new Outcome.Published();
    }
    Throwable failure = send.exceptionNow();
    return Unpublishable.reason(failure)
        .<Outcome>map(Outcome.SetAside::new)
        .orElseGet(() -> new Outcome.Transient(failure));
  }

  /** Deletes published rows older than the retention. */
  @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT1M")
  void prune() {
    jdbc.sql("delete from outbox where published_at < :before")
        .param("before", Timestamp.from(clock.instant().minus(settings.retention())))
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
