package dev.earshot.ingest.fetch;

import dev.earshot.events.CallEvent;
import dev.earshot.events.CallEventSource;
import dev.earshot.events.Topics;
import dev.earshot.ingest.webhook.RecordingWebhookDeliveries;
import dev.earshot.kit.kafka.PoisonRecord;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Every sighting from gong.call-events.v1 lands in the ledger once, a JDBC batch per poll in one
 * transaction; duplicates (webhook and poll, redeliveries) are counted and dropped by the ledger's
 * key. A record that can never be recorded (not a {@code CallEvent}, one whose ids do not parse, or
 * one holding a value PostgreSQL refuses) fails the batch at its index as a {@link PoisonRecord}:
 * the records before it are kept and it alone goes to the dead-letter topic. A database outage
 * fails the batch without naming a record: service-kit retries it whole for as long as the outage
 * lasts and dead-letters nothing, and the transaction leaves nothing half-recorded in between.
 */
@Component
class CallEventListener {

  private final CallLedger ledger;
  private final RecordingWebhookDeliveries deliveries;
  private final MeterRegistry meters;

  private final TransactionTemplate transactions;

  CallEventListener(
      CallLedger ledger,
      RecordingWebhookDeliveries deliveries,
      MeterRegistry meters,
      TransactionTemplate transactions) {
    this.ledger = ledger;
    this.deliveries = deliveries;
    this.meters = meters;
    this.transactions = transactions;
  }

  @KafkaListener(topics = Topics.CALL_EVENTS, groupId = "ingest-fetcher", batch = "true")
  void on(List<ConsumerRecord<String, SpecificRecord>> records) {
    List<Sighting> sightings = new ArrayList<>();
    for (int index = 0; index < records.size(); index++) {
      switch (sighting(records.get(index).value())) {
        case Readable readable -> sightings.add(readable.sighting());
        case Poison poison -> {
          recordBatch(sightings);
          throw new BatchListenerFailedException(
              poison.record().getMessage(), poison.record(), index);
        }
      }
    }
    recordBatch(sightings);
  }

  /**
   * Records the sightings (those of the batch's first records, in order: sighting {@code i} is
   * record {@code i}) in one transaction; when PostgreSQL refuses a value in it (a {@link
   * DataIntegrityViolationException}: a start past what {@code timestamptz} holds, a NUL in a
   * text…), which fails the whole JDBC batch, they are recorded one transaction each, and the first
   * one refused fails the batch at its index as a {@link PoisonRecord}: the ones before it are
   * kept, it alone is dead-lettered, the ones after it are delivered again. An outage is not a
   * DataIntegrityViolationException and still fails the batch whole, to be retried.
   */
  private void recordBatch(List<Sighting> sightings) {
    try {
      transactions.executeWithoutResult(tx -> record(sightings));
    } catch (DataIntegrityViolationException refused) {
      for (int index = 0; index < sightings.size(); index++) {
        Sighting sighting = sightings.get(index);
        try {
          transactions.executeWithoutResult(tx -> record(List.of(sighting)));
        } catch (DataIntegrityViolationException alone) {
          PoisonRecord poison =
              new PoisonRecord(
                  "a CallEvent PostgreSQL cannot store (" + alone.getClass().getSimpleName() + ")",
                  alone);
          throw new BatchListenerFailedException(poison.getMessage(), poison, index);
        }
      }
    }
  }

  /** A record read as a sighting, or why it never can be. */
  private sealed interface Read permits Readable, Poison {}

  private record Readable(Sighting sighting) implements Read {}

  private record Poison(PoisonRecord record) implements Read {}

  private static Read sighting(SpecificRecord value) {
    if (!(value instanceof CallEvent event)) {
      return new Poison(new PoisonRecord("not a CallEvent"));
    }
    try {
      return new Readable(Sighting.of(event));
    } catch (RuntimeException unreadable) { // its ids or payload: the record's own fault
      return new Poison(
          new PoisonRecord(
              "a CallEvent that cannot be recorded (" + unreadable.getClass().getSimpleName() + ")",
              unreadable));
    }
  }

  private void record(List<Sighting> sightings) {
    List<Boolean> added = ledger.recordAll(sightings);
    meters
        .counter("earshot.ingest.calls.private_skipped", "stage", "turned_private")
        .increment(ledger.markPrivate(sightings));
    Map<UUID, List<Instant>> webhooks = new HashMap<>();
    for (int i = 0; i < sightings.size(); i++) {
      Sighting s = sightings.get(i);
      String source = s.source().name().toLowerCase(Locale.ROOT);
      meters
          .counter(
              added.get(i) ? "earshot.ingest.calls.seen" : "earshot.ingest.calls.duplicates",
              "source",
              source)
          .increment();
      if (added.get(i) && s.state() == CallState.PRIVATE) {
        meters.counter("earshot.ingest.calls.private_skipped", "stage", "webhook").increment();
      }
      if (s.source() == CallEventSource.WEBHOOK) {
        webhooks.computeIfAbsent(s.connectionId(), c -> new ArrayList<>()).add(s.seenAt());
      }
    }
    webhooks.forEach(
        (connection, seen) ->
            deliveries.delivered(
                connection, seen.size(), seen.stream().max(Instant::compareTo).orElseThrow()));
  }
}
