package dev.earshot.kit.kafka;

import org.springframework.kafka.support.ExponentialBackOffWithMaxRetries;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.ExponentialBackOff;
import org.springframework.util.backoff.FixedBackOff;

/** The backoff of each {@link Failure} class, from {@code earshot.kafka.retry.*}. */
record RetryBackOffs(KafkaRetryProperties retry) {

  BackOff of(Failure failure) {
    return switch (failure) {
      case Failure.Transient t -> transientFailures();
      case Failure.Poison p -> poison();
      case Failure.Unexpected u -> unexpected();
    };
  }

  /** Capped exponential, never exhausted. */
  BackOff transientFailures() {
    ExponentialBackOff backOff =
        new ExponentialBackOff(
            retry.transientInitialInterval().toMillis(), retry.transientMultiplier());
    backOff.setMaxInterval(retry.transientMaxInterval().toMillis());
    return backOff;
  }

  /** No retry: recovered (dead-lettered) at once. */
  BackOff poison() {
    return new FixedBackOff(0, 0);
  }

  /** {@code max-retries} exponential retries, then recovered. */
  BackOff unexpected() {
    ExponentialBackOffWithMaxRetries backOff =
        new ExponentialBackOffWithMaxRetries(retry.maxRetries());
    backOff.setInitialInterval(retry.initialInterval().toMillis());
    backOff.setMultiplier(retry.multiplier());
    backOff.setMaxInterval(retry.maxInterval().toMillis());
    return backOff;
  }
}
