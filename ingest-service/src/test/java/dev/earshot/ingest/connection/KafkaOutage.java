package dev.earshot.ingest.connection;

import dev.earshot.events.Topics;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.ProducerInterceptor;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Test interceptor: while {@link #begin()} is in force, every connection state is sent to a
 * partition gong.connections.v1 does not have, so the real producer waits for metadata that never
 * comes and fails the send after {@code max.block.ms}, as it does while the brokers are down.
 */
public class KafkaOutage implements ProducerInterceptor<Object, Object> {

  private static volatile boolean down;
  private static final AtomicInteger failedSends = new AtomicInteger();

  static void begin() {
    down = true;
  }

  static void end() {
    down = false;
  }

  /** Connection states sent while Kafka was down. */
  static int failedSends() {
    return failedSends.get();
  }

  @Override
  public ProducerRecord<Object, Object> onSend(ProducerRecord<Object, Object> record) {
    if (!down || !Topics.CONNECTIONS.equals(record.topic())) {
      return record;
    }
    failedSends.incrementAndGet();
    return new ProducerRecord<>(
        record.topic(), 999, record.timestamp(), record.key(), record.value(), record.headers());
  }

  @Override
  public void onAcknowledgement(RecordMetadata metadata, Exception exception) {}

  @Override
  public void close() {}

  @Override
  public void configure(Map<String, ?> configs) {}
}
