package dev.earshot.ingest.fetch;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.util.Locale;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * {@code earshot.ingest.calls{state}}: how many calls the ledger holds in each state (pending ones
 * growing is the first sign of a stuck fetcher), refreshed on a schedule rather than per scrape.
 */
@Component
class LedgerMetrics {

  private final CallLedger ledger;
  private final MultiGauge byState;

  LedgerMetrics(CallLedger ledger, MeterRegistry meters) {
    this.ledger = ledger;
    this.byState =
        MultiGauge.builder("earshot.ingest.calls")
            .description("calls in the ledger by state")
            .register(meters);
  }

  @Scheduled(fixedDelayString = "${earshot.ingest.metrics.ledger-interval:30s}")
  void refresh() {
    byState.register(
        ledger.countsByState(null).entrySet().stream()
            .map(
                e ->
                    MultiGauge.Row.of(
                        Tags.of("state", e.getKey().name().toLowerCase(Locale.ROOT)), e.getValue()))
            .toList(),
        true);
  }
}
