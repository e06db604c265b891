package dev.earshot.ingest.poll;

import dev.earshot.events.CallEvent;
import dev.earshot.events.CallEventSource;
import dev.earshot.gong.api.CallMetadata;
import dev.earshot.ingest.fetch.CallLedger;
import dev.earshot.ingest.fetch.PrivateCallPolicy;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * What the poller and backfills do with listed calls: a private call goes straight into the ledger
 * as private (its listing is all Earshot ever reads of it); a call the ledger does not know yet
 * becomes a {@code CallEvent} on gong.call-events.v1, keyed by connection. All events of a listing
 * are sent at once ({@link CallEventPublisher}) and acknowledged before the caller moves its
 * watermark.
 */
@Component
class CallSightings {

  /** Counts of one listing. */
  record Tally(int found, int published, int privateSkipped) {}

  private final CallLedger ledger;
  private final CallEventPublisher publisher;
  private final MeterRegistry meters;

  CallSightings(CallLedger ledger, CallEventPublisher publisher, MeterRegistry meters) {
    this.ledger = ledger;
    this.publisher = publisher;
    this.meters = meters;
  }

  Tally report(
      UUID connectionId,
      String orgId,
      List<CallMetadata> calls,
      CallEventSource source,
      Instant now) {
    Map<String, Instant> privateCalls = new LinkedHashMap<>();
    List<CallMetadata> open = new ArrayList<>();
    for (CallMetadata call : calls) {
      if (PrivateCallPolicy.recordedPrivate(call.privacy())) {
        privateCalls.put(call.id(), call.started());
      } else {
        open.add(call);
      }
    }
    CallLedger.PrivateRecorded recorded =
        ledger.recordPrivate(connectionId, orgId, source, privateCalls, now);
    int privateSkipped = recorded.added();
    meters
        .counter("earshot.ingest.calls.private_skipped", "stage", "turned_private")
        .increment(recorded.turnedPrivate());
    Set<String> known = ledger.known(connectionId, open.stream().map(CallMetadata::id).toList());
    List<CallEvent> events = new ArrayList<>();
    for (CallMetadata call : open) {
      if (known.contains(call.id())) {
        continue;
      }
      CallEvent event =
          CallEvent.newBuilder()
              .setEventId(UUID.randomUUID().toString())
              .setConnectionId(connectionId.toString())
              .setOrgId(orgId)
              .setCallId(call.id())
              .setSource(source)
              .setSeenAt(now)
              .setCallStartedAt(call.started())
              .build();
      events.add(event);
    }
    publisher.publishAll(events);
    String tag = source.name().toLowerCase(Locale.ROOT);
    meters.counter("earshot.ingest.sightings.published", "source", tag).increment(events.size());
    meters
        .counter("earshot.ingest.calls.private_skipped", "stage", "listing")
        .increment(privateSkipped);
    return new Tally(calls.size(), events.size(), privateSkipped);
  }
}
