package dev.earshot.events.serde;

import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes any Earshot event in the {@link RegistryWireFormat} (byte 0, 4-byte schema id, Avro
 * binary), registering its schema under {@code <topic>-value} on first use. Configure it with
 * {@link RegistryWireFormat#REGISTRY_URL}; the format's other settings default to {@link
 * RegistryWireFormat#settings}. A registry that refuses the schema (an incompatible change) fails
 * the send with a {@link SerializationException}; one that cannot be reached with a {@link
 * RegistryUnavailableException} (retriable).
 */
public final class RegistryEventSerializer implements Serializer<SpecificRecord> {

  static {
    EventSchemas.trustEventClasses();
  }

  private final AvroKafkaSerializer<SpecificRecord> apicurio = new AvroKafkaSerializer<>();
  private boolean configured;

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    if (configs.get(RegistryWireFormat.REGISTRY_URL) == null) {
      throw new IllegalArgumentException(
          RegistryWireFormat.REGISTRY_URL + " is required by the registry wire format");
    }
    apicurio.configure(RegistryWireFormat.completed(configs), isKey);
    configured = true;
  }

  /**
   * @throws IllegalStateException when used before {@link #configure} named a registry
   */
  @Override
  public byte[] serialize(String topic, SpecificRecord record) {
    return serialize(topic, null, record);
  }

  @Override
  public byte[] serialize(String topic, Headers headers, SpecificRecord record) {
    if (record == null) {
      return null;
    }
    if (!configured) {
      throw new IllegalStateException("configure the registry serializer with a registry first");
    }
    try {
      return apicurio.serialize(topic, null, record);
    } catch (SerializationException e) {
      throw e;
    } catch (RuntimeException e) {
      throw RegistryWireFormat.failure(
          "cannot register or encode " + record.getSchema().getFullName() + " for topic " + topic,
          e);
    }
  }

  @Override
  public void close() {
    if (configured) {
      apicurio.close();
    }
  }
}
