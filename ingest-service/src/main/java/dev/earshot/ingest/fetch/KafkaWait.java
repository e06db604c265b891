package dev.earshot.ingest.fetch;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The replica's wait after Kafka did not answer a publish (a batch of calls, or the call events of
 * a listing): Kafka is shared by every connection, so while it lasts no loop of this replica asks
 * Gong for anything whose result it would have to publish — no connection's calls are fetched (each
 * fetch asks Gong twice), polled or backfilled (each listing would be listed again). Polls and
 * backfills keep their watermark and cursor and resume where they were. Kept in memory only: a
 * restarted replica calls Gong at once, and its first publish shows whether Kafka answers again.
 * The gauge {@code earshot.ingest.fetch.waiting_for_kafka} is 1 while it holds.
 */
@Component
public final class KafkaWait {

  /** How long the replica waits after Kafka did not answer. */
  public static final Duration WAIT = Duration.ofMinutes(5);

  private final Duration wait;
  private final AtomicReference<Instant> until = new AtomicReference<>();

  @Autowired
  KafkaWait(MeterRegistry meters, Clock clock) {
    this(WAIT);
    Gauge.builder(
            "earshot.ingest.fetch.waiting_for_kafka", this, w -> w.holds(clock.instant()) ? 1 : 0)
        .description(
            "1 while this replica asks Gong nothing because Kafka did not answer a publish")
        .register(meters);
  }

  KafkaWait(Duration wait) {
    this.wait = wait;
  }

  /**
   * Whether a send that failed with {@code failure} went unanswered (a timeout, the broker away)
   * rather than being refused for the record's own sake (too large, not encodable, invalid).
   */
  public static boolean unanswered(Throwable failure) {
    return CallPublisher.recordsFault(failure) == null;
  }

  /** Kafka did not answer at {@code now}: nothing is fetched for {@link #wait} from then. */
  public Instant begin(Instant now) {
    Instant end = now.plus(wait);
    until.set(end);
    return end;
  }

  /**
   * When the wait ends, while it holds at {@code now}; empty once it has passed (then forgotten, so
   * a clock set back later does not bring it back).
   */
  public Optional<Instant> holdsUntil(Instant now) {
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

  public boolean holds(Instant now) {
    return holdsUntil(now).isPresent();
  }
}
