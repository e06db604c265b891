package dev.earshot.dedup.outbox;

import dev.earshot.dedup.DedupProperties;
import dev.earshot.events.Topics;
import dev.earshot.events.serde.AvroEventDeserializer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.avro.specific.SpecificRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Publishes the outbox to feedback.posts.v1, keyed by post id, in the order rows were written. One
 * publisher at a time (a PostgreSQL advisory lock held by the transaction), a batch sent and
 * acknowledged by Kafka before its rows are marked published: a crash in between sends the batch
 * again (at least once; consumers dedup by {@code eventId}), never out of order per post: a post's
 * events are sent one after another, each once Kafka took the one before, so a repeat of an event
 * never follows a later event of its post that was published before it. A row Kafka can never take
 * is set aside (columns {@code set_aside_at}, {@code set_aside_reason}; metric {@code
 * earshot.dedup.outbox.set_aside}) so it never blocks the events of other posts and orgs; the
 * post's next event carries its whole state anyway.
 */
@Component
public class OutboxPublisher {

  private static final Logger log = LoggerFactory.getLogger(OutboxPublisher.class);

  private final Outbox outbox;
  private final TransactionTemplate transactions;
  private final KafkaTemplate<String, SpecificRecord> kafka;
  private final DedupProperties.Outbox settings;
  private final Clock clock;
  private final AvroEventDeserializer deserializer = new AvroEventDeserializer();
  private final Counter published;
  private final Counter setAside;

  OutboxPublisher(
      Outbox outbox,
      TransactionTemplate transactions,
      KafkaTemplate<String, SpecificRecord> kafka,
      DedupProperties properties,
      Clock clock,
      MeterRegistry meters) {
    this.outbox = outbox;
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

  /** What became of a row in one batch. */
  private sealed interface Outcome {
    record Published() implements Outcome {}

    record SetAside(String reason) implements Outcome {}

    record Transient(Throwable failure) implements Outcome {}
  }

  @Scheduled(fixedDelayString = "#{" + DedupProperties.BEAN + ".outbox().interval()}")
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
              if (!outbox.lockForPublishing()) {
                return Settled.NOTHING;
              }
              List<Outbox.Row> rows = outbox.unsettled(settings.batchSize());
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
  private Settled settle(List<Outbox.Row> rows, List<Outcome> outcomes) {
    Instant now = clock.instant();
    List<Long> sent = new ArrayList<>();
    int asides = 0;
    for (int i = 0; i < rows.size(); i++) {
      Outbox.Row row = rows.get(i);
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

  private void markPublished(List<Long> ids, Instant now) {
    if (ids.isEmpty()) {
      return;
    }
    outbox.markPublished(ids, now);
  }

  private void setAside(Outbox.Row row, String reason, Instant now) {
    outbox.setAside(row.id(), reason, now);
    log.atError()
        .addKeyValue("outboxId", row.id())
        .addKeyValue("postId", row.postId())
        .addKeyValue("reason", reason)
        .log("post event set aside: Kafka can never take it; later events are published");
  }

  /**
   * Sends the rows and waits for Kafka's answers; one outcome per row, in order. A post's events go
   * out one at a time: its next row is sent only once Kafka took the one before, so a row that
   * fails is never overtaken on the topic by a later event of its post (sent again next time, it
   * would come after that later one, and a consumer dropping repeated event ids would end on the
   * older state). Rows of different posts go out together: the first row of every post, then the
   * second, and so on, all within {@code send-timeout}.
   */
  private List<Outcome> send(List<Outbox.Row> rows) {
    long deadline = System.nanoTime() + settings.sendTimeout().toNanos();
    List<Outcome> outcomes = new ArrayList<>(Collections.nCopies(rows.size(), null));
    Map<UUID, Integer> before = new HashMap<>();
    int[] turn = new int[rows.size()];
    int turns = 0;
    for (int i = 0; i < rows.size(); i++) {
      turn[i] = before.merge(rows.get(i).postId(), 1, Integer::sum) - 1;
      turns = Math.max(turns, turn[i] + 1);
    }
    Set<UUID> stopped = new HashSet<>();
    for (int t = 0; t < turns; t++) {
      Map<Integer, CompletableFuture<?>> sends = new LinkedHashMap<>();
      for (int i = 0; i < rows.size(); i++) {
        if (turn[i] != t) {
          continue;
        }
        Outbox.Row row = rows.get(i);
        if (stopped.contains(row.postId())) {
          outcomes.set(
              i,
              new Outcome.Transient(
                  new IllegalStateException("an earlier event of its post was not taken")));
          continue;
        }
        CompletableFuture<?> sending;
        try {
          SpecificRecord event = deserializer.deserialize(Topics.POSTS, row.event());
          sending = kafka.send(Topics.POSTS, row.postId().toString(), event);
        } catch (RuntimeException refused) {
          sending = CompletableFuture.failedFuture(refused);
        }
        sends.put(i, sending);
      }
      kafka.flush();
      try {
        CompletableFuture.allOf(sends.values().toArray(CompletableFuture[]::new))
            .get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while publishing the outbox", e);
      } catch (ExecutionException | TimeoutException someFailed) {
        // each send is looked at below
      }
      sends.forEach(
          (i, send) -> {
            Outcome outcome = outcome(send);
            outcomes.set(i, outcome);
            if (outcome instanceof Outcome.Transient) {
              stopped.add(rows.get(i).postId());
            }
          });
    }
    return outcomes;
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
    outbox.prunePublishedBefore(clock.instant().minus(settings.retention()));
  }

  /** Events written but not yet acknowledged by Kafka (set-aside ones not counted). */
  public long pending() {
    return outbox.pending();
  }
}
