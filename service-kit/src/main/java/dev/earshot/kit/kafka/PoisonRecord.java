package dev.earshot.kit.kafka;

import dev.earshot.kit.failure.PermanentFailure;

/**
 * A record that will fail however often it is retried (unreadable, or holding what a provider
 * refuses): it goes to the dead-letter topic at once instead of after the retries. Listeners throw
 * it at the Kafka edge; a domain says the same with its own exception that implements {@link
 * PermanentFailure}.
 */
public class PoisonRecord extends RuntimeException implements PermanentFailure {

  public PoisonRecord(String message, Throwable cause) {
    super(message, cause);
  }

  public PoisonRecord(String message) {
    super(message);
  }
}
