package dev.earshot.events.serde;

import org.apache.kafka.common.errors.RetriableException;

/**
 * The schema registry could not be asked (no connection, a 5xx answer, rate-limited): the record is
 * fine and the same call succeeds once the registry is back, so it is a Kafka {@link
 * RetriableException}, which service-kit retries as a transient failure instead of dead-lettering
 * the record. A registry that answers and refuses (an incompatible schema, an unknown id) is a
 * {@code SerializationException} instead.
 */
public class RegistryUnavailableException extends RetriableException {

  public RegistryUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
