package dev.earshot.ingest.webhook;

import dev.earshot.events.Topics;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.producer.ProducerInterceptor;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Test interceptor: the first state sent for each connection is held back 400 ms inside {@code
 * send}, like a producer fetching metadata, so a change made meanwhile races the publication.
 */
public class SlowFirstConnectionState implements ProducerInterceptor<Object, Object> {

  private static final Set<Object> seen = ConcurrentHashMap.newKeySet();
  private static final Set<Object> sending = ConcurrentHashMap.newKeySet();

  /** Whether the first state of this connection is being held back right now. */
  static boolean holdingFirstStateOf(String connectionId) {
    return sending.contains(connectionId);
  }

  @Override
  public ProducerRecord<Object, Object> onSend(ProducerRecord<Object, Object> record) {
    if (Topics.CONNECTIONS.equals(record.topic()) && seen.add(record.key())) {
      sending.add(record.key());
      try {
        Thread.sleep(400);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        sending.remove(record.key());
      }
    }
    return record;
  }

  @Override
  public void onAcknowledgement(RecordMetadata metadata, Exception exception) {}

  @Override
  public void close() {}

  @Override
  public void configure(Map<String, ?> configs) {}
}
