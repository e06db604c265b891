package dev.earshot.kit.kafka;

/**
 * A record that will fail however often it is retried (unreadable, or a model's answer that stays
 * invalid): it goes to the dead-letter topic at once instead of after the retries.
 */
public class PoisonRecord extends RuntimeException {

  public PoisonRecord(String message, Throwable cause) {
    super(message, cause);
  }

  public PoisonRecord(String message) {
    super(message);
  }
}
