package dev.earshot.ingest.connection;

import dev.earshot.ingest.IngestProperties;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.modulith.events.FailedEventPublications;
import org.springframework.modulith.events.ResubmissionOptions;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * Connection state reaches Kafka while the service runs, not only at its next start (review M2): a
 * {@link ConnectionChanged} publication that failed (Kafka did not acknowledge within {@code
 * earshot.ingest.outbox.publish-timeout}) is resubmitted every {@code
 * earshot.ingest.outbox.resubmit-interval} through Spring Modulith's {@link
 * FailedEventPublications}, until Kafka takes it. One replica resubmits a publication (Modulith
 * marks it resubmitted with a conditional update), and the listener sends the row's current state,
 * so a late resubmission never overwrites a newer state. Publications left in flight by a replica
 * that died are marked failed after {@code spring.modulith.events.staleness.*} and resubmitted the
 * same way. {@code earshot.ingest.outbox.pending} gauges the publications not yet acknowledged.
 */
@Service
class RepublishingConnectionState {

  private final FailedEventPublications failed;
  private final IngestProperties.Outbox settings;

  RepublishingConnectionState(
      FailedEventPublications failed,
      IngestProperties properties,
      ConnectionRepository connections,
      MeterRegistry meters) {
    this.failed = failed;
    this.settings = properties.outbox();
    Gauge.builder(
            "earshot.ingest.outbox.pending", connections, ConnectionRepository::pendingPublications)
        .description("connection-state publications Kafka has not acknowledged yet")
        .register(meters);
  }

  @Scheduled(
      fixedDelayString = "#{" + IngestProperties.BEAN + ".outbox().resubmitInterval()}",
      initialDelayString = "#{" + IngestProperties.BEAN + ".outbox().resubmitInterval()}")
  void resubmitFailed() {
    failed.resubmit(
        ResubmissionOptions.defaults()
            .withMinAge(settings.resubmitMinAge())
            .withMaxInFlight(settings.maxInFlight())
            .withFilter(publication -> publication.getEvent() instanceof ConnectionChanged));
  }
}
