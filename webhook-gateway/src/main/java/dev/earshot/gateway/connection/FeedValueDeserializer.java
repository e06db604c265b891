package dev.earshot.gateway.connection;

import dev.earshot.events.serde.AvroEventDeserializer;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads gong.connections.v1 values without ever throwing: bytes that no known writer schema decodes
 * become a {@link FeedRecord.Undecodable} (with the reason, never the bytes), so the feed sets the
 * record aside instead of failing its poll on it. A tombstone stays null.
 */
final class FeedValueDeserializer implements Deserializer<Object> {

  private final AvroEventDeserializer events = new AvroEventDeserializer();

  /** Passes the feed's settings on, so a configured schema registry is read from too. */
  @Override
  public void configure(java.util.Map<String, ?> configs, boolean isKey) {
    events.configure(configs, isKey);
  }

  @Override
  public void close() {
    events.close();
  }

  @Override
  public Object deserialize(String topic, byte[] data) {
    try {
      return events.deserialize(topic, data);
    } catch (SerializationException unreadable) {
      return new FeedRecord.Undecodable(unreadable.getMessage());
    }
  }
}
