package dev.earshot.events.serde;

import io.apicurio.registry.rest.client.exception.RateLimitedClientException;
import io.apicurio.registry.rest.client.exception.RestClientException;
import io.apicurio.registry.serde.SerdeConfig;
import io.apicurio.registry.serde.avro.AvroKafkaSerdeConfig;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;

/**
 * The schema-registry wire format, Confluent-compatible: byte {@code 0}, the schema's 4-byte
 * big-endian id in the registry, then the record in Avro binary. Apicurio's Avro serde writes and
 * reads it in its Confluent mode ({@code apicurio.registry.as-confluent}); the id is the registry's
 * <b>content id</b>, the number Apicurio's Confluent-compatible API ({@code /apis/ccompat/v7})
 * serves as the schema id, so Confluent's own deserializer reads these records too. Schemas
 * register under {@code <topic>-value} (Apicurio's {@code TopicIdStrategy}, group {@code default}),
 * inlined (no references), and a producer reuses any version already holding its schema; the
 * registry's compatibility rule (BACKWARD, set on the registry) refuses an incompatible one.
 */
public final class RegistryWireFormat {

  /** The first byte of every record value in this format. */
  public static final byte MAGIC_BYTE = 0;

  /**
   * The setting naming the registry: its base URL, with or without Apicurio's v2 API path (e.g.
   * {@code http://schema-registry:8080/apis/registry/v2}).
   */
  public static final String REGISTRY_URL = SerdeConfig.REGISTRY_URL;

  private RegistryWireFormat() {}

  /**
   * The serde settings of this format for a registry; merge them into a producer's or consumer's
   * configuration.
   *
   * @param registryUrl the registry's base URL (see {@link #REGISTRY_URL})
   * @return a new mutable map of {@code apicurio.registry.*} settings
   */
  public static Map<String, Object> settings(String registryUrl) {
    Map<String, Object> settings = new HashMap<>();
    settings.put(REGISTRY_URL, registryUrl);
    settings.put(SerdeConfig.ENABLE_CONFLUENT_ID_HANDLER, true);
    settings.put(SerdeConfig.USE_ID, "contentId");
    settings.put(SerdeConfig.ENABLE_HEADERS, false);
    settings.put(SerdeConfig.AUTO_REGISTER_ARTIFACT, true);
    settings.put(SerdeConfig.AUTO_REGISTER_ARTIFACT_IF_EXISTS, "RETURN_OR_UPDATE");
    settings.put("apicurio.registry.dereference-schema", true);
    settings.put(AvroKafkaSerdeConfig.USE_SPECIFIC_AVRO_READER, true);
    return settings;
  }

  /**
   * A client configuration completed with this format's settings where it names a registry and
   * leaves them unset; without {@link #REGISTRY_URL} it is returned unchanged.
   */
  static Map<String, Object> completed(Map<String, ?> configs) {
    Map<String, Object> all = new HashMap<>(configs);
    Object url = configs.get(REGISTRY_URL);
    if (url != null) {
      settings(url.toString()).forEach(all::putIfAbsent);
    }
    return all;
  }

  /**
   * What a failed registry call becomes: {@link RegistryUnavailableException} when the registry
   * could not be asked (no HTTP answer, 5xx, 429), else a {@link SerializationException}.
   *
   * @param what the attempted step, for the message (e.g. "cannot encode X for topic T")
   */
  static RuntimeException failure(String what, RuntimeException e) {
    return unavailable(e)
        ? new RegistryUnavailableException(
            what + ": the schema registry is unavailable (" + e.getMessage() + ")", e)
        : new SerializationException(what + ": " + e.getMessage(), e);
  }

  private static boolean unavailable(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof RateLimitedClientException || t instanceof java.io.IOException) {
        return true;
      }
      if (t instanceof RestClientException rest) {
        Integer status = rest.getError() == null ? null : rest.getError().getErrorCode();
        return status == null || status >= 500;
      }
    }
    return false;
  }

  /** Whether a record value is in this format (as opposed to single-object's {@code C3 01}). */
  static boolean isRegistryFormat(byte[] data) {
    return data.length > 0 && data[0] == MAGIC_BYTE;
  }
}
