package dev.earshot.ingest.fetch;

import dev.earshot.events.CallEvent;
import dev.earshot.events.CallEventSource;
import dev.earshot.events.Topics;
import dev.earshot.ingest.webhook.WebhookDeliveries;
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
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.stereotype.Component;

/**
 * Every sighting from gong.call-events.v1 lands in the ledger once, a JDBC batch per poll;
 * duplicates (webhook and poll, redeliveries) are counted and dropped by the ledger's key. A record
 * that is not a {@code CallEvent} fails the batch at its index, so the records before it are kept
 * and it alone goes to the dead-letter topic.
 */
@Component
class CallIntake {

  private final CallLedger ledger;
  private final WebhookDeliveries deliveries;
  private final MeterRegistry meters;

  CallIntake(CallLedger ledger, WebhookDeliveries deliveries, MeterRegistry meters) {
    this.ledger = ledger;
    this.deliveries = deliveries;
    this.meters = meters;
  }

  @KafkaListener(topics = Topics.CALL_EVENTS, groupId = "ingest-fetcher", batch = "true")
  void on(List<ConsumerRecord<String, SpecificRecord>> records) {
    List<Sighting> sightings = new ArrayList<>();
    int poison = -1;
    for (int i = 0; i < records.size(); i++) {
      if (records.get(i).value() instanceof CallEvent event) {
        sightings.add(Sighting.of(event));
      } else {
        poison = i;
        break;
      }
    }
    record(sightings);
    if (poison >= 0) {
      throw new BatchListenerFailedException("not a CallEvent", poison);
    }
  }

  private void record(List<Sighting> sightings) {
    List<Boolean> added = ledger.recordAll(sightings);
    Map<UUID, List<Instant>> webhooks = new HashMap<>();
    for (int i = 0; i < sightings.size(); i++) {
      Sighting s = sightings.get(i);
      String source = s.source().toLowerCase(Locale.ROOT);
      meters
          .counter(
              added.get(i) ? "earshot.ingest.calls.seen" : "earshot.ingest.calls.duplicates",
              "source",
              source)
          .increment();
      if (added.get(i) && s.state() == CallState.PRIVATE) {
        meters.counter("earshot.ingest.calls.private_skipped", "stage", "webhook").increment();
      }
      if (CallEventSource.WEBHOOK.name().equals(s.source())) {
        webhooks.computeIfAbsent(s.connectionId(), c -> new ArrayList<>()).add(s.seenAt());
      }
    }
    webhooks.forEach(
        (connection, seen) ->
            deliveries.delivered(
                connection, seen.size(), seen.stream().max(Instant::compareTo).orElseThrow()));
  }
}
