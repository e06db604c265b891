package dev.earshot.kit.kafka;

/**
 * What a consumer's failure says about retrying the record, as decided by {@link
 * FailureClassifier}.
 */
public sealed interface Failure permits Failure.Transient, Failure.Poison, Failure.Unexpected {

  /** The exception that decided the class: the matching cause, or the failure itself. */
  Throwable cause();

  /** The name of the rule that decided, for logs. */
  String rule();

  /**
   * An outage of something the record needs (database, broker, network, a provider): retried for as
   * long as it lasts, never dead-lettered.
   */
  record Transient(Throwable cause, String rule) implements Failure {}

  /** A record that fails however often it is retried: dead-lettered at once. */
  record Poison(Throwable cause, String rule) implements Failure {}

  /** Neither, most likely a bug: a few retries, then dead-lettered for a replay after the fix. */
  record Unexpected(Throwable cause) implements Failure {
    @Override
    public String rule() {
      return "no rule matched";
    }
  }
}
