package dev.earshot.local;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * A topic read from the broker from its beginning to the end offsets seen at the start, committed
 * records only ({@code read_committed}: a transaction's aborted records and its markers are not
 * records), without a consumer group. Counts records per key.
 */
final class TopicRecords {

  private static final Duration READ_AT_MOST = Duration.ofSeconds(60);

  private TopicRecords() {}

  /**
   * How many committed records each key has on {@code topic} (a null key counts as {@code ""}).
   *
   * @throws IllegalStateException when the end is not reached within a minute
   */
  static Map<String, Long> countsByKey(String bootstrap, String topic) {
    Map<String, Long> counts = new HashMap<>();
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(
            Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false,
                ConsumerConfig.CLIENT_ID_CONFIG,
                "earshot-local-audit-" + UUID.randomUUID(),
                ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG,
                8 * 1024 * 1024),
            new ByteArrayDeserializer(),
            new ByteArrayDeserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      long deadline = System.nanoTime() + READ_AT_MOST.toNanos();
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              topic + " was not read to its end within " + READ_AT_MOST);
        }
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
          String key = record.key() == null ? "" : new String(record.key(), StandardCharsets.UTF_8);
          counts.merge(key, 1L, Long::sum);
        }
      }
    }
    return counts;
  }

  /** How many committed records {@code topic} holds. */
  static long count(String bootstrap, String topic) {
    return countsByKey(bootstrap, topic).values().stream().mapToLong(Long::longValue).sum();
  }
}
