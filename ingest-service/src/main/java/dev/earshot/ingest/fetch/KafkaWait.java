package dev.earshot.ingest.fetch;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The replica's wait after Kafka did not answer a publish: Kafka is shared by every connection, so
 * while it lasts no connection's calls are fetched (each fetch asks Gong twice for calls that could
 * not be published). Kept in memory only: a restarted replica fetches at once, and its first batch
 * shows whether Kafka answers again.
 */
final class KafkaWait {

  private final Duration wait;
  private final AtomicReference<Instant> until = new AtomicReference<>();

  KafkaWait(Duration wait) {
    this.wait = wait;
  }

  /** Kafka did not answer at {@code now}: nothing is fetched for {@link #wait} from then. */
  Instant begin(Instant now) {
    Instant end = now.plus(wait);
    until.set(end);
    return end;
  }

  /**
   * When the wait ends, while it holds at {@code now}; empty once it has passed (then forgotten, so
   * a clock set back later does not bring it back).
   */
  Optional<Instant> holdsUntil(Instant now) {
    Instant end = until.get();
    if (end == null) {
      return Optional.empty();
    }
    if (!now.isBefore(end)) {
      until.compareAndSet(end, null);
      return Optional.empty();
    }
    return Optional.of(end);
  }

  boolean holds(Instant now) {
    return holdsUntil(now).isPresent();
  }
}
