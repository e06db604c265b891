package dev.earshot.kit.kafka;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which listeners retry a transient failure, on which partitions, since when: counted in {@value
 * #TRANSIENT_FAILURE_METRIC}{@code {topic,exception}} (one per failed attempt and topic), logged at
 * WARN, and shown by the {@code kafkaRetries} health contributor. A partition stops retrying when a
 * record of it succeeds; an entry without a failure for {@code staleAfter} (its partition moved to
 * another consumer, say) is dropped.
 */
public final class RetryingListeners {

  public static final String TRANSIENT_FAILURE_METRIC = "earshot.kafka.transient.failures";

  private static final Logger log = LoggerFactory.getLogger(RetryingListeners.class);

  private final Map<Key, Retrying> retrying = new ConcurrentHashMap<>();
  private final MeterRegistry meters;
  private final Clock clock;
  private final Duration staleAfter;

  /**
   * @param meters where the counter goes, or null
   * @param staleAfter how long an entry lasts without a failure
   */
  public RetryingListeners(MeterRegistry meters, Clock clock, Duration staleAfter) {
    this.meters = meters;
    this.clock = clock;
    this.staleAfter = staleAfter;
  }

  /**
   * One partition of one listener that retries a transient failure.
   *
   * @param listener the listener container's id
   * @param group the consumer group
   * @param since the first failure of this outage
   * @param lastFailure the latest failure
   * @param failures failed attempts so far
   * @param exception the simple class name of the latest transient cause
   */
  public record Retrying(
      String listener,
      String group,
      String topic,
      int partition,
      Instant since,
      Instant lastFailure,
      long failures,
      String exception) {}

  private record Key(String group, TopicPartition partition) {}

  /**
   * A transient failure of {@code partitions} (one for a record, each of a batch's): counted,
   * logged, and remembered until a record of the partition succeeds.
   *
   * @param offset the failed record's offset, or -1 for a whole batch
   */
  void failed(
      String listener,
      String group,
      Collection<TopicPartition> partitions,
      long offset,
      Failure.Transient failure) {
    Instant now = clock.instant();
    String exception = failure.cause().getClass().getSimpleName();
    for (TopicPartition partition : partitions) {
      Retrying entry =
          retrying.compute(
              new Key(group, partition),
              (key, old) ->
                  old == null || stale(old, now)
                      ? new Retrying(
                          listener,
                          group,
                          partition.topic(),
                          partition.partition(),
                          now,
                          now,
                          1,
                          exception)
                      : new Retrying(
                          listener,
                          group,
                          partition.topic(),
                          partition.partition(),
                          old.since(),
                          now,
                          old.failures() + 1,
                          exception));
      log.atWarn()
          .addKeyValue("listener", listener)
          .addKeyValue("topic", partition.topic())
          .addKeyValue("partition", partition.partition())
          .addKeyValue("offset", offset)
          .addKeyValue("exception", failure.cause().getClass().getName())
          .addKeyValue("rule", failure.rule())
          .addKeyValue("failures", entry.failures())
          .addKeyValue("retryingSince", entry.since())
          .log("transient failure, the record is retried until it succeeds");
    }
    if (meters != null) {
      partitions.stream()
          .map(TopicPartition::topic)
          .distinct()
          .forEach(
              topic ->
                  meters
                      .counter(TRANSIENT_FAILURE_METRIC, "topic", topic, "exception", exception)
                      .increment());
    }
  }

  /** A record of {@code partition} succeeded in {@code group}: the partition no longer retries. */
  void succeeded(String group, TopicPartition partition) {
    Retrying ended = retrying.remove(new Key(group, partition));
    if (ended != null) {
      log.atInfo()
          .addKeyValue("listener", ended.listener())
          .addKeyValue("topic", partition.topic())
          .addKeyValue("partition", partition.partition())
          .addKeyValue("failures", ended.failures())
          .addKeyValue("retryingSince", ended.since())
          .log("transient failure over, the partition is consumed again");
    }
  }

  /** True when some partition retries; cheap, for the success path of every record. */
  boolean any() {
    return !retrying.isEmpty();
  }

  /** The partitions retrying now, oldest outage first. */
  public List<Retrying> now() {
    Instant now = clock.instant();
    retrying.values().removeIf(entry -> stale(entry, now));
    return retrying.values().stream()
        .sorted(Comparator.comparing(Retrying::since).thenComparing(Retrying::topic))
        .toList();
  }

  private boolean stale(Retrying entry, Instant now) {
    return entry.lastFailure().plus(staleAfter).isBefore(now);
  }
}
