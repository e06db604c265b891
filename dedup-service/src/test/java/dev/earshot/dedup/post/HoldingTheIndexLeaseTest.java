package dev.earshot.dedup.post;

import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.earshot.dedup.lease.IndexLease;
import dev.earshot.testing.SettableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

/** Taking the index's lease again re-indexes what another replica may have marked meanwhile. */
class HoldingTheIndexLeaseTest {

  @Test
  @SuppressWarnings("unchecked")
  void postsMarkedSinceTheLeaseWasLastHeldLessTheClockSkewAreIndexedAgain() {
    // given a process holding the lease at 10:00:00
    IndexLease lease = mock(IndexLease.class);
    ObjectProvider<IndexLease> provider = mock(ObjectProvider.class);
    when(provider.getIfAvailable()).thenReturn(lease);
    IndexedPosts indexed = mock(IndexedPosts.class);
    KafkaListenerEndpointRegistry listeners = mock(KafkaListenerEndpointRegistry.class);
    when(listeners.getListenerContainer(FeedbackItemListener.ID))
        .thenReturn(mock(MessageListenerContainer.class));
    SettableClock clock = new SettableClock(Instant.parse("2026-12-03T10:00:00Z"));
    HoldingTheIndexLease holding =
        new HoldingTheIndexLease(
            provider,
            indexed,
            listeners,
            mock(ApplicationEventPublisher.class),
            clock,
            new SimpleMeterRegistry());
    Instant lastHeld = clock.instant();
    when(lease.held()).thenReturn(true, false);
    when(lease.tryAcquire()).thenReturn(true);
    holding.check();
    // when it finds the lease lost a minute later and takes it again
    clock.pass(Duration.ofMinutes(1));
    holding.check();
    // then posts marked indexed after it last held it, by a clock up to CLOCK_SKEW behind, are
    // indexed again (another replica's marks, made while it held the lease)
    verify(indexed).forgetIndexedAfter(eq(lastHeld.minus(IndexedPosts.CLOCK_SKEW)), anyString());
    verify(indexed).reconcileAll();
  }
}
