package dev.earshot.provider;

import java.time.Duration;
import java.util.Map;

/**
 * How many records a Kafka consumer that calls a model may take per poll. A consumer that takes
 * longer than {@code max.poll.interval.ms} between polls is evicted from its group mid-poll: its
 * partitions move and the next owner repeats the same slow work. So the records of one poll, each
 * at its longest, must fit the interval: {@code max.poll.records × longestRecord ≤
 * max.poll.interval.ms}.
 *
 * @param longestRecord the longest one record can take: the model's {@code longestCall()} plus the
 *     rest of the record's work
 * @param pollInterval the consumer's {@code max.poll.interval.ms}
 * @param cap the records per poll when the model is fast (the offline default)
 */
public record PollBudget(Duration longestRecord, Duration pollInterval, int cap) {

  /** Kafka's default {@code max.poll.interval.ms}. */
  public static final Duration KAFKA_DEFAULT_INTERVAL = Duration.ofMinutes(5);

  /** What a poll size comes to. */
  public sealed interface Fit {

    /** Take this many records per poll. */
    record Sized(int records) implements Fit {}

    /** The configured records per poll cannot be processed in time; {@code fitting} can. */
    record TooMany(int configured, int fitting) implements Fit {}

    /** Not even one record fits the interval: it must be at least {@code needed}. */
    record IntervalTooShort(Duration needed) implements Fit {}
  }

  public PollBudget {
    if (longestRecord.isNegative() || longestRecord.isZero() || cap < 1) {
      throw new IllegalArgumentException("a record takes some time and a poll at least one");
    }
  }

  /**
   * {@code max.poll.interval.ms} of a Kafka consumer configuration (keys as Kafka's {@code
   * ConsumerConfig} names them), Kafka's default when absent.
   */
  public static Duration interval(Map<String, ?> consumerConfig) {
    Object value = consumerConfig.get("max.poll.interval.ms");
    return value == null
        ? KAFKA_DEFAULT_INTERVAL
        : Duration.ofMillis(Long.parseLong(value.toString().strip()));
  }

  /** {@code max.poll.records} of a Kafka consumer configuration, or null when not configured. */
  public static Integer configuredRecords(Map<String, ?> consumerConfig) {
    Object value = consumerConfig.get("max.poll.records");
    return value == null ? null : Integer.valueOf(value.toString().strip());
  }

  /** The records that fit one interval, at most {@link #cap()}. */
  public int fitting() {
    long fit = pollInterval.toMillis() / longestRecord.toMillis();
    return (int) Math.min(cap, fit);
  }

  /**
   * The poll size: the configured one when it fits, else why not; without one configured, as many
   * as fit (at most the cap).
   *
   * @param configured {@code max.poll.records} as configured, or null
   */
  public Fit fit(Integer configured) {
    int fitting = fitting();
    if (fitting < 1) {
      return new Fit.IntervalTooShort(longestRecord);
    }
    if (configured == null) {
      return new Fit.Sized(fitting);
    }
    long fitsUncapped = pollInterval.toMillis() / longestRecord.toMillis();
    return configured <= fitsUncapped
        ? new Fit.Sized(configured)
        : new Fit.TooMany(configured, fitting);
  }

  /** The reason a configuration cannot fit, naming the settings that would. */
  public String explain(Fit fit, String what) {
    return switch (fit) {
      case Fit.Sized sized ->
          "%d records per poll × %d s per record at most fit max.poll.interval.ms %d"
              .formatted(sized.records(), longestRecord.toSeconds(), pollInterval.toMillis());
      case Fit.TooMany tooMany ->
          ("spring.kafka.consumer.max-poll-records %d × %d s per record at most (%s) exceeds"
                  + " max.poll.interval.ms %d: set max-poll-records to at most %d (or leave it"
                  + " unset to have it sized), or raise"
                  + " spring.kafka.consumer.properties.max.poll.interval.ms to %d")
              .formatted(
                  tooMany.configured(),
                  longestRecord.toSeconds(),
                  what,
                  pollInterval.toMillis(),
                  tooMany.fitting(),
                  longestRecord.toMillis() * tooMany.configured());
      case Fit.IntervalTooShort tooShort ->
          ("one record can take %d s (%s), longer than max.poll.interval.ms %d: raise"
                  + " spring.kafka.consumer.properties.max.poll.interval.ms to at least %d, or"
                  + " lower the model's timeout or retries")
              .formatted(
                  longestRecord.toSeconds(),
                  what,
                  pollInterval.toMillis(),
                  tooShort.needed().toMillis());
    };
  }
}
