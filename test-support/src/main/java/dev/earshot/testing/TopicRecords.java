package dev.earshot.testing;

import dev.earshot.events.serde.AvroEventDeserializer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
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

  /** The matching records, in order. */
  public static List<ConsumerRecord<String, SpecificRecord>> read(
      String bootstrapServers,
      String topic,
      Predicate<ConsumerRecord<String, SpecificRecord>> matching,
      long atLeast,
      Duration timeout,
      Duration settle) {
    List<ConsumerRecord<String, SpecificRecord>> records = new ArrayList<>();
    Map<String, Object> props =
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrapServers,
            ConsumerConfig.GROUP_ID_CONFIG,
            "it-" + UUID.randomUUID(),
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
            "earliest",
            ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG,
            4 * 1024 * 1024);
    try (var consumer =
        new KafkaConsumer<String, SpecificRecord>(
            props, new StringDeserializer(), new AvroEventDeserializer())) {
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
