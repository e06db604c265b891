package dev.earshot.events.serde;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes any Earshot event as Avro single-object encoding: {@code C3 01}, the schema's 8-byte
 * CRC-64-AVRO fingerprint, then Avro binary. No registry is needed; see docs/adr/0001.
 */
public final class AvroEventSerializer implements Serializer<SpecificRecord> {

  static {
    EventSchemas.trustEventClasses();
  }

  private final Map<Schema, BinaryMessageEncoder<SpecificRecord>> encoders =
      new ConcurrentHashMap<>();

  @Override
  public byte[] serialize(String topic, SpecificRecord record) {
    if (record == null) {
      return null;
    }
    BinaryMessageEncoder<SpecificRecord> encoder =
        encoders.computeIfAbsent(
            record.getSchema(),
            schema -> new BinaryMessageEncoder<>(SpecificData.getForSchema(schema), schema));
    try {
      ByteBuffer buffer = encoder.encode(record);
      byte[] bytes = new byte[buffer.remaining()];
      buffer.get(bytes);
      return bytes;
    } catch (IOException | RuntimeException e) {
      throw new SerializationException(
          "cannot encode " + record.getSchema().getFullName() + " for topic " + topic, e);
    }
  }
}
