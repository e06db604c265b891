package dev.earshot.testing;

import dev.earshot.events.serde.AvroEventDeserializer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads what a test expects on a topic: the records from the beginning (a fresh consumer group,
 * Avro values through {@link AvroEventDeserializer}, up to 4 MiB per partition fetch), until at
 * least {@code atLeast} matching records came or {@code timeout} passed, then {@code settle} longer
 * so a record too many would show too.
 */
public final class TopicRecords {

  private TopicRecords() {}

  /** The matching records' values (null for a tombstone), in order. */
  public static List<SpecificRecord> values(
      String bootstrapServers,
      String topic,
      Predicate<ConsumerRecord<String, SpecificRecord>> matching,
      long atLeast,
      Duration timeout,
      Duration settle) {
    List<SpecificRecord> values = new ArrayList<>();
    for (ConsumerRecord<String, SpecificRecord> r :
        read(bootstrapServers, topic, matching, atLeast, timeout, settle)) {
      values.add(r.value());
    }
    return values;
  }

  /**
   * The matching records, in order, read with Kafka's default isolation ({@code read_uncommitted}).
   */
  public static List<ConsumerRecord<String, SpecificRecord>> read(
      String bootstrapServers,
      String topic,
      Predicate<ConsumerRecord<String, SpecificRecord>> matching,
      long atLeast,
      Duration timeout,
      Duration settle) {
    return read(bootstrapServers, topic, "read_uncommitted", matching, atLeast, timeout, settle);
  }

  /**
   * The matching records, in order, read with {@code isolation} ({@code read_committed} sees only
   * committed transactions, {@code read_uncommitted} every record written).
   */
  public static List<ConsumerRecord<String, SpecificRecord>> read(
      String bootstrapServers,
      String topic,
      String isolation,
      Predicate<ConsumerRecord<String, SpecificRecord>> matching,
      long atLeast,
      Duration timeout,
      Duration settle) {
    return poll(
        bootstrapServers,
        topic,
        Map.of(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation),
        new AvroEventDeserializer(),
        matching,
        atLeast,
        timeout,
        settle);
  }

  /**
   * The matching records with their values as bytes, in order: for a topic whose values are not
   * (all) Avro events, such as a dead-letter topic, whose headers say why a record is there.
   */
  public static List<ConsumerRecord<String, byte[]>> raw(
      String bootstrapServers,
      String topic,
      Predicate<ConsumerRecord<String, byte[]>> matching,
      long atLeast,
      Duration timeout,
      Duration settle) {
    return poll(
        bootstrapServers,
        topic,
        Map.of(),
        new ByteArrayDeserializer(),
        matching,
        atLeast,
        timeout,
        settle);
  }

  /**
   * The first record with {@code key}, its value as bytes, read for at most {@code timeout}: a dead
   * letter, whose headers say why it is there.
   */
  public static Optional<ConsumerRecord<String, byte[]>> firstRaw(
      String bootstrapServers, String topic, String key, Duration timeout) {
    return raw(bootstrapServers, topic, r -> key.equals(r.key()), 1, timeout, Duration.ZERO)
        .stream()
        .findFirst();
  }

  /** How many records one partition of a topic has ever had: its end offset (0 when none). */
  public static long endOffset(String bootstrapServers, String topic, int partition) {
    try (var consumer =
        new KafkaConsumer<>(
            Map.<String, Object>of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
            new ByteArrayDeserializer(),
            new ByteArrayDeserializer())) {
      return consumer.endOffsets(List.of(new TopicPartition(topic, partition))).values().stream()
          .mapToLong(Long::longValue)
          .sum();
    }
  }

  private static <V> List<ConsumerRecord<String, V>> poll(
      String bootstrapServers,
      String topic,
      Map<String, Object> more,
      Deserializer<V> values,
      Predicate<ConsumerRecord<String, V>> matching,
      long atLeast,
      Duration timeout,
      Duration settle) {
    List<ConsumerRecord<String, V>> records = new ArrayList<>();
    Map<String, Object> props = new HashMap<>(more);
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "it-" + UUID.randomUUID());
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 4 * 1024 * 1024);
    try (var consumer = new KafkaConsumer<>(props, new StringDeserializer(), values)) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + timeout.toNanos();
      long quietUntil = Long.MAX_VALUE;
      while (System.nanoTime() < Math.min(deadline, quietUntil)) {
        for (var r : consumer.poll(Duration.ofMillis(200))) {
          if (matching.test(r)) {
            records.add(r);
          }
        }
        if (records.size() >= atLeast && quietUntil == Long.MAX_VALUE) {
          quietUntil = System.nanoTime() + settle.toNanos();
        }
      }
    }
    return records;
  }
}
