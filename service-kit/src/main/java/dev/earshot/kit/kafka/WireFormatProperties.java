package dev.earshot.kit.kafka;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How a service's Kafka clients encode event values ({@code earshot.kafka.*}), applied to every
 * producer and consumer the service's Spring Kafka factories create ({@link
 * WireFormatConfiguration}).
 *
 * @param wireFormat what producers write: {@code single-object} (default: Avro single-object
 *     encoding, no registry; what {@code ./earshot local} runs) or {@code registry} (the
 *     Confluent-compatible registry wire format: byte 0, 4-byte schema id, Avro binary; schemas
 *     registered as {@code <topic>-value} in {@code registry-url}, whose BACKWARD compatibility
 *     rule refuses an incompatible change). {@code registry} requires {@code registry-url}.
 * @param registryUrl the schema registry's base URL, Apicurio's v2 API (e.g. {@code
 *     http://schema-registry:8080/apis/registry/v2}; a Confluent URL does not serve it). Unset by
 *     default. When set, consumers read both formats, whatever {@code wire-format} says, so
 *     consumers can move first and producers after them.
 */
@ConfigurationProperties("earshot.kafka")
public record WireFormatProperties(
    @DefaultValue("single-object") WireFormat wireFormat, String registryUrl) {

  /** The encodings of an event value on a topic. */
  public enum WireFormat {
    /** Avro single-object encoding: {@code C3 01}, 8-byte schema fingerprint, Avro binary. */
    SINGLE_OBJECT,
    /** Confluent-compatible: byte 0, 4-byte big-endian schema id in the registry, Avro binary. */
    REGISTRY
  }

  /**
   * @throws IllegalArgumentException when {@code registry} is chosen without a registry URL
   */
  public WireFormatProperties {
    if (wireFormat == WireFormat.REGISTRY && (registryUrl == null || registryUrl.isBlank())) {
      throw new IllegalArgumentException(
          "earshot.kafka.wire-format=registry requires earshot.kafka.registry-url");
    }
  }

  /** Whether a registry is configured (consumers then read the registry format too). */
  public boolean hasRegistry() {
    return registryUrl != null && !registryUrl.isBlank();
  }
}
