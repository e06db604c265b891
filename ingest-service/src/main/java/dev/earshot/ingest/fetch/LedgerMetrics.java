package dev.earshot.ingest.fetch;

import dev.earshot.ingest.IngestProperties;
import dev.earshot.ingest.connection.OpeningGongSessions;
import dev.earshot.ingest.connection.WorkspaceConnection;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * {@code earshot.ingest.calls{state}}: how many calls the ledger holds in each state, and {@code
 * earshot.ingest.calls.held}: how many of the pending ones ({@code new}, {@code
 * awaiting_transcript}) belong to connections that cannot call Gong now (unauthorized, missing a
 * scope, paused, or disconnected: a reconnect makes a new connection, so those calls stay with the
 * old one for good). Pending minus held growing is the first sign of a stuck fetcher. {@code
 * earshot.ingest.calls.summary_pending}: published calls whose Gong brief is still re-checked for.
 * Refreshed on a schedule rather than per scrape.
 */
@Component
class LedgerMetrics {

  private final CallLedger ledger;
  private final OpeningGongSessions sessions;
  private final MultiGauge byState;
  private final AtomicLong held = new AtomicLong();
  private final AtomicLong summaryPending = new AtomicLong();

  LedgerMetrics(CallLedger ledger, OpeningGongSessions sessions, MeterRegistry meters) {
    this.ledger = ledger;
    this.sessions = sessions;
    this.byState =
        MultiGauge.builder("earshot.ingest.calls")
            .description("calls in the ledger by state")
            .register(meters);
    Gauge.builder("earshot.ingest.calls.held", held, AtomicLong::get)
        .description("pending calls of connections that cannot call Gong now")
        .register(meters);
    Gauge.builder("earshot.ingest.calls.summary_pending", summaryPending, AtomicLong::get)
        .description("published calls whose Gong summary is still re-checked for")
        .register(meters);
  }

  @Scheduled(fixedDelayString = "#{" + IngestProperties.BEAN + ".metrics().ledgerInterval()}")
  void refresh() {
    byState.register(
        ledger.countsByState(null).entrySet().stream()
            .map(
                e ->
                    MultiGauge.Row.of(
                        Tags.of("state", e.getKey().name().toLowerCase(Locale.ROOT)), e.getValue()))
            .toList(),
        true);
    held.set(held());
    summaryPending.set(ledger.summaryPending(null));
  }

  /** Pending calls of connections Earshot may not call Gong through now. */
  long held() {
    Set<UUID> usable =
        sessions.usable().stream().map(WorkspaceConnection::id).collect(Collectors.toSet());
    return ledger.pendingByConnection().entrySet().stream()
        .filter(e -> !usable.contains(e.getKey()))
        .mapToLong(e -> e.getValue())
        .sum();
  }
}
