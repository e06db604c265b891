package dev.earshot.events.serde;

import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.message.BadHeaderException;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.MissingSchemaException;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads any Earshot event written by {@link AvroEventSerializer}. The fingerprint in the header
 * names the writer schema (current or released); the record is resolved to the current generated
 * class, so consumers always see today's shape. A null value (a tombstone) stays null.
 *
 * <p>Configured with {@link RegistryWireFormat#REGISTRY_URL} it also reads the registry wire format
 * ({@link RegistryEventSerializer}): a value starting with byte 0 is decoded with the writer schema
 * the registry holds under its id, resolved to the current generated class the same way. The two
 * formats never collide (single-object starts with {@code C3 01}), so a topic may hold both while
 * producers move from one to the other.
 */
public final class AvroEventDeserializer implements Deserializer<SpecificRecord> {

  private static final int HEADER_LENGTH = 10;

  private final EventSchemas schemas = EventSchemas.get();
  private final Map<Class<?>, BinaryMessageDecoder<SpecificRecord>> decoders =
      new ConcurrentHashMap<>();
  private AvroKafkaDeserializer<Object> registry;

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    if (configs.get(RegistryWireFormat.REGISTRY_URL) != null) {
      AvroKafkaDeserializer<Object> apicurio = new AvroKafkaDeserializer<>();
      apicurio.configure(RegistryWireFormat.completed(configs), isKey);
      registry = apicurio;
    }
  }

  @Override
  public SpecificRecord deserialize(String topic, byte[] data) {
    if (data == null) {
      return null;
    }
    if (RegistryWireFormat.isRegistryFormat(data)) {
      return fromRegistry(topic, data);
    }
    try {
      Schema writer = writerSchema(data);
      Class<? extends SpecificRecord> type =
          schemas
              .typeOf(writer)
              .orElseThrow(
                  () ->
                      new SerializationException("not an Earshot event: " + writer.getFullName()));
      return decoders.computeIfAbsent(type, this::decoderFor).decode(data);
    } catch (BadHeaderException | MissingSchemaException e) {
      throw new SerializationException("unreadable record on " + topic + ": " + e.getMessage(), e);
    } catch (IOException | RuntimeException e) {
      if (e instanceof SerializationException se) {
        throw se;
      }
      throw new SerializationException("cannot decode record on " + topic, e);
    }
  }

  private SpecificRecord fromRegistry(String topic, byte[] data) {
    if (registry == null) {
      throw new SerializationException(
          "record on "
              + topic
              + " is in the registry wire format but no registry is configured (set "
              + RegistryWireFormat.REGISTRY_URL
              + ")");
    }
    Object value;
    try {
      value = registry.deserialize(topic, data);
    } catch (SerializationException e) {
      throw e;
    } catch (RuntimeException e) {
      throw RegistryWireFormat.failure("cannot decode registry-format record on " + topic, e);
    }
    if (value instanceof SpecificRecord event && schemas.typeOf(event.getSchema()).isPresent()) {
      return event;
    }
    throw new SerializationException(
        "not an Earshot event on " + topic + ": " + value.getClass().getName());
  }

  @Override
  public void close() {
    if (registry != null) {
      registry.close();
    }
  }

  private Schema writerSchema(byte[] data) {
    if (data.length < HEADER_LENGTH) {
      throw new BadHeaderException("record shorter than the single-object header");
    }
    long fingerprint = ByteBuffer.wrap(data, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    Schema writer = schemas.store().findByFingerprint(fingerprint);
    if (writer == null) {
      throw new MissingSchemaException(
          "unknown schema fingerprint " + Long.toHexString(fingerprint));
    }
    return writer;
  }

  private BinaryMessageDecoder<SpecificRecord> decoderFor(Class<?> type) {
    Schema reader = SpecificData.get().getSchema(type);
    return new BinaryMessageDecoder<>(SpecificData.getForSchema(reader), reader, schemas.store());
  }

  /** The fingerprint Avro writes for a schema; exposed for tests and tooling. */
  public static long fingerprintOf(Schema schema) {
    return SchemaNormalization.parsingFingerprint64(schema);
  }
}
