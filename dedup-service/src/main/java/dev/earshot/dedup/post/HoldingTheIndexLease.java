package dev.earshot.dedup.post;

import dev.earshot.dedup.DedupProperties;
import dev.earshot.dedup.lease.IndexLease;
import dev.earshot.dedup.vector.VectorIndexUnavailable;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * With the embedded index, items are consumed only while this process holds the index's lease
 * ({@link IndexLease}; taken at start, or the service refuses to start). Should the lease be lost
 * (its connection ended by a database restart or failover), consuming stops and readiness turns
 * DOWN at once; when the lease is taken again, posts indexed since it was last known held (less
 * {@link IndexedPosts#CLOCK_SKEW}, for the other replica's clock) are indexed again (another
 * process may have held it meanwhile), then consuming resumes. Gauge {@code
 * earshot.dedup.index.lease.held} (1 or 0).
 */
@Service
class HoldingTheIndexLease {

  private static final Logger log = LoggerFactory.getLogger(HoldingTheIndexLease.class);

  private final ObjectProvider<IndexLease> lease;
  private final IndexedPosts indexed;
  private final KafkaListenerEndpointRegistry listeners;
  private final ApplicationEventPublisher events;
  private final Clock clock;
  private volatile Instant lastHeld;
  private volatile boolean lost;

  HoldingTheIndexLease(
      ObjectProvider<IndexLease> lease,
      IndexedPosts indexed,
      KafkaListenerEndpointRegistry listeners,
      ApplicationEventPublisher events,
      Clock clock,
      MeterRegistry meters) {
    this.lease = lease;
    this.indexed = indexed;
    this.listeners = listeners;
    this.events = events;
    this.clock = clock;
    this.lastHeld = clock.instant();
    if (lease.getIfAvailable() != null) {
      Gauge.builder("earshot.dedup.index.lease.held", this, h -> h.lost ? 0 : 1)
          .description("1 while this process holds the embedded index's lease")
          .register(meters);
    }
  }

  @Scheduled(
      fixedDelayString = "#{" + DedupProperties.BEAN + ".index().lucene().leaseCheckInterval()}",
      initialDelayString = "#{" + DedupProperties.BEAN + ".index().lucene().leaseCheckInterval()}")
  void check() {
    IndexLease held = lease.getIfAvailable();
    if (held == null) {
      return;
    }
    if (!lost && held.held()) {
      lastHeld = clock.instant();
      return;
    }
    if (!lost) {
      lost = true;
      AvailabilityChangeEvent.publish(events, this, ReadinessState.REFUSING_TRAFFIC);
      container().stop();
      log.atError()
          .addKeyValue("lastHeld", lastHeld)
          .log("lost the embedded index's lease: stopped consuming until it is taken again");
    }
    if (takenAgain(held)) {
      // another replica may have held it and marked posts by its own clock, a little behind ours
      indexed.forgetIndexedAfter(
          lastHeld.minus(IndexedPosts.CLOCK_SKEW), "the index's lease was lost meanwhile");
      int reindexed = indexed.reconcileAll();
      lost = false;
      lastHeld = clock.instant();
      AvailabilityChangeEvent.publish(events, this, ReadinessState.ACCEPTING_TRAFFIC);
      container().start();
      log.atInfo()
          .addKeyValue("reindexed", reindexed)
          .log("took the embedded index's lease again: consuming");
    }
  }

  private static boolean takenAgain(IndexLease lease) {
    try {
      return lease.tryAcquire();
    } catch (VectorIndexUnavailable databaseAway) {
      log.atWarn().log("cannot reach the database to take the index's lease again; will retry");
      return false;
    }
  }

  private MessageListenerContainer container() {
    MessageListenerContainer container = listeners.getListenerContainer(FeedbackItemListener.ID);
    if (container == null) {
      throw new IllegalStateException("no listener " + FeedbackItemListener.ID);
    }
    return container;
  }
}
