package dev.earshot.gateway.webhook;

import dev.earshot.events.CallEvent;
import dev.earshot.events.Topics;
import dev.earshot.gateway.GatewayProperties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Sends a webhook's {@code CallEvent} to gong.call-events.v1, keyed by connection, and waits up to
 * {@code earshot.gateway.publish-timeout} for Kafka to acknowledge it (acks=all), so the gateway
 * answers 2xx only for an event that is stored.
 */
@Component
class CallEventPublisher {

  private static final Logger log = LoggerFactory.getLogger(CallEventPublisher.class);

  private final KafkaTemplate<String, SpecificRecord> kafka;
  private final GatewayProperties properties;

  CallEventPublisher(KafkaTemplate<String, SpecificRecord> kafka, GatewayProperties properties) {
    this.kafka = kafka;
    this.properties = properties;
  }

  /**
   * @return true once Kafka acknowledged the event; false when it did not within the timeout or
   *     refused it (logged with the connection and call ids), so the caller answers that Gong
   *     should retry
   */
  boolean publish(CallEvent event) {
    try {
      kafka
          .send(Topics.CALL_EVENTS, event.getConnectionId(), event)
          .get(properties.publishTimeout().toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (ExecutionException
        | TimeoutException
        | KafkaException
        | org.springframework.kafka.KafkaException failure) {
      log.atWarn()
          .addKeyValue("connectionId", event.getConnectionId())
          .addKeyValue("callId", event.getCallId())
          .addKeyValue("error", failure.getClass().getSimpleName())
          .log("Kafka did not take the webhook; answering 503 so Gong retries");
      return false;
    }
  }
}
