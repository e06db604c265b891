package dev.earshot.ingest.poll;

import dev.earshot.events.CallEvent;
import dev.earshot.events.Topics;
import dev.earshot.ingest.IngestProperties;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.avro.specific.SpecificRecord;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Sends listed calls' {@code CallEvent}s to gong.call-events.v1, keyed by connection, all at once,
 * and waits up to {@code earshot.ingest.fetch.publish-timeout} for Kafka to acknowledge every one.
 */
@Component
class CallEventPublisher {

  private final KafkaTemplate<String, SpecificRecord> kafka;
  private final IngestProperties.Fetch settings;

  CallEventPublisher(KafkaTemplate<String, SpecificRecord> kafka, IngestProperties properties) {
    this.kafka = kafka;
    this.settings = properties.fetch();
  }

  /**
   * @throws IllegalStateException when Kafka did not acknowledge them all in time (the listing is
   *     retried), or the thread was interrupted
   */
  void publishAll(List<CallEvent> events) {
    List<CompletableFuture<?>> sends = new ArrayList<>();
    for (CallEvent event : events) {
      sends.add(kafka.send(Topics.CALL_EVENTS, event.getConnectionId(), event));
    }
    try {
      CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new))
          .get(settings.publishTimeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while publishing call events", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException(
          "publishing call events failed; the listing will be retried", e);
    }
  }
}
