package dev.earshot.gateway.connection;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;

/**
 * Tells the {@link FeedCondition} whether the feed holds everything on the topic. Runs on the
 * feed's consumer thread after each batch and whenever the container is idle: at most every {@code
 * checkInterval} it asks the end offsets (the last stable offsets, as the consumer reads committed
 * records only); once the consumer's position reached a set of end offsets, the feed is current as
 * of the moment they were asked. Positions, not record offsets, so compacted gaps and transaction
 * markers at a partition's end never keep the feed "behind". A broker that does not answer within
 * {@code requestTimeout} is a failed check: the condition grows stale and readiness follows.
 *
 * <p>It also notices the topic gaining partitions, which an explicit assignment cannot follow: the
 * feed then ends, so liveness fails and the restart reads every partition.
 *
 * <p>Not thread-safe: one instance per consumer thread.
 */
final class FeedProgress {

  /** What the feed does with a failed check. */
  interface Failures {
    void failed(String stage, KafkaException failure);
  }

  private record Snapshot(Map<TopicPartition, Long> ends, Instant takenAt) {}

  private final FeedCondition condition;
  private final Clock clock;
  private final Duration checkInterval;
  private final Duration requestTimeout;
  private final Failures failures;
  private Instant lastAsked = Instant.MIN;
  private Snapshot pending;

  FeedProgress(
      FeedCondition condition,
      Clock clock,
      Duration checkInterval,
      Duration requestTimeout,
      Failures failures) {
    this.condition = condition;
    this.clock = clock;
    this.checkInterval = checkInterval;
    this.requestTimeout = requestTimeout;
    this.failures = failures;
  }

  /**
   * @param consumer the feed's consumer, on its own thread
   * @param partitions the partitions it is assigned (every partition of the topic)
   */
  void check(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
    if (partitions == null || partitions.isEmpty()) {
      return;
    }
    try {
      if (pending != null && reached(consumer, pending.ends())) {
        condition.current(pending.takenAt());
        pending = null;
      }
      Instant now = clock.instant();
      if (Duration.between(lastAsked, now).compareTo(checkInterval) < 0) {
        return;
      }
      lastAsked = now;
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, requestTimeout);
      if (reached(consumer, ends)) {
        condition.current(now);
        pending = null;
      } else if (pending == null) {
        pending = new Snapshot(ends, now);
      }
      noticeNewPartitions(consumer, partitions);
    } catch (WakeupException | InterruptException stopping) {
      throw stopping;
    } catch (KafkaException failure) {
      failures.failed("check", failure);
    }
  }

  private boolean reached(Consumer<?, ?> consumer, Map<TopicPartition, Long> ends) {
    for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
      if (end.getValue() != null
          && consumer.position(end.getKey(), requestTimeout) < end.getValue()) {
        return false;
      }
    }
    return true;
  }

  private void noticeNewPartitions(Consumer<?, ?> consumer, Collection<TopicPartition> assigned) {
    String topic = assigned.iterator().next().topic();
    List<PartitionInfo> now = consumer.partitionsFor(topic, requestTimeout);
    if (now != null && now.size() > assigned.size()) {
      condition.ended(
          topic
              + " now has "
              + now.size()
              + " partitions, the feed reads "
              + assigned.size()
              + "; restart to read them all");
    }
  }
}
