package dev.earshot.ingest.poll;

import dev.earshot.events.CallEvent;
import dev.earshot.events.Topics;
import dev.earshot.ingest.IngestProperties;
import dev.earshot.ingest.fetch.KafkaWait;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.KafkaException;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Sends listed calls' {@code CallEvent}s to gong.call-events.v1, keyed by connection, all at once,
 * and waits up to {@code earshot.ingest.fetch.publish-timeout} for Kafka to acknowledge every one.
 * When Kafka does not answer (a timeout, the broker away), the replica's {@link KafkaWait} begins:
 * its loops ask Gong nothing until it ends, as the listing would only be listed again.
 */
@Component
class CallEventPublisher {

  private final KafkaTemplate<String, SpecificRecord> kafka;
  private final IngestProperties.Fetch settings;
  private final KafkaWait kafkaWait;
  private final MeterRegistry meters;
  private final Clock clock;

  CallEventPublisher(
      KafkaTemplate<String, SpecificRecord> kafka,
      IngestProperties properties,
      KafkaWait kafkaWait,
      MeterRegistry meters,
      Clock clock) {
    this.kafka = kafka;
    this.settings = properties.fetch();
    this.kafkaWait = kafkaWait;
    this.meters = meters;
    this.clock = clock;
  }

  /**
   * @throws IllegalStateException when Kafka did not acknowledge them all in time (this replica's
   *     wait for Kafka begins, and the listing is retried once it has passed), Kafka refused one
   *     for the record's sake, or the thread was interrupted
   */
  void publishAll(List<CallEvent> events) {
    List<CompletableFuture<?>> sends = new ArrayList<>();
    try {
      for (CallEvent event : events) {
        sends.add(kafka.send(Topics.CALL_EVENTS, event.getConnectionId(), event));
      }
      CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new))
          .get(settings.publishTimeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while publishing call events", e);
    } catch (TimeoutException e) {
      throw unanswered(e);
    } catch (ExecutionException | KafkaException | org.springframework.kafka.KafkaException e) {
      Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
      if (KafkaWait.unanswered(cause)) {
        throw unanswered(cause);
      }
      throw new IllegalStateException(
          "Kafka refused a call event; the listing will be retried", cause);
    }
  }

  private IllegalStateException unanswered(Throwable cause) {
    Instant until = kafkaWait.begin(clock.instant());
    meters.counter("earshot.ingest.fetch.kafka_unanswered").increment();
    return new IllegalStateException(
        "Kafka did not answer the listing's call events; this replica lists nothing until "
            + until
            + ", and the listing is retried then",
        cause);
  }
}
