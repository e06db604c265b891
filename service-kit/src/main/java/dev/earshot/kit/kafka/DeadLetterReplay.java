package dev.earshot.kit.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.kafka.support.KafkaUtils;

/**
 * Redrives a dead-letter topic once the cause of its records is fixed: each record's key, value
 * bytes and headers go back to the topic it came from ({@code kafka_dlt-original-topic}, else the
 * name without {@code .dlt}), without the {@code kafka_dlt-*} headers and with {@value
 * #REPLAYED_FROM_HEADER} = {@code <dlt>-<partition>@<offset>}. No Spring needed.
 *
 * <p>Idempotent: the read offsets of each dead-letter topic are committed in a consumer group of
 * its own ({@value #GROUP_PREFIX}{@code <dlt>}) in the same Kafka transaction as the records it
 * republished (transactional id {@value #TRANSACTIONAL_ID_PREFIX}{@code <dlt>}), so a rerun replays
 * only what arrived since, a crash replays nothing twice (its open transaction is aborted by the
 * next run), and two runs at once fence each other. A run stops at the end offsets it saw at its
 * start. Replayed records go through their consumers again, which are idempotent (unique keys,
 * deterministic ids), and a record that still fails is dead-lettered again.
 */
public final class DeadLetterReplay {

  /** Added to every replayed record: where in the dead-letter topic it came from. */
  public static final String REPLAYED_FROM_HEADER = "earshot-dlt-replayed-from";

  public static final String GROUP_PREFIX = "earshot-dlt-replay.";
  public static final String TRANSACTIONAL_ID_PREFIX = "earshot-dlt-replay-";

  static final String DLT_SUFFIX = ".dlt";
  private static final String DLT_HEADER_PREFIX = "kafka_dlt-";
  private static final Duration POLL = Duration.ofMillis(500);

  private final Map<String, Object> clientConfig;
  private final Duration stallTimeout;

  /**
   * @param clientConfig Kafka client settings shared by the consumer and the producer: {@code
   *     bootstrap.servers} and any security settings
   * @param stallTimeout how long a run may make no progress before it gives up
   */
  public DeadLetterReplay(Map<String, Object> clientConfig, Duration stallTimeout) {
    this.clientConfig = Map.copyOf(clientConfig);
    this.stallTimeout = stallTimeout;
  }

  /** One dead letter read, replayed or (dry run) to be replayed. */
  public record DeadLetter(
      String deadLetterTopic,
      int partition,
      long offset,
      String originalTopic,
      String key,
      String exception) {}

  /** Told of each dead letter and of each committed step, for progress output. */
  public interface Progress {
    void deadLetter(DeadLetter letter);

    /**
     * @param done dead letters handled so far
     * @param total dead letters between the committed offsets and the end offsets at the start
     */
    void step(long done, long total);
  }

  /**
   * @param deadLetterTopic the topic read
   * @param dryRun nothing was written
   * @param records dead letters per original topic, replayed (or to be replayed)
   */
  public record Report(
      String deadLetterTopic, boolean dryRun, Map<String, Long> records, long total) {}

  /** {@code T} or {@code T.dlt} to the dead-letter topic's name. */
  public static String deadLetterTopicOf(String topic) {
    return topic.endsWith(DLT_SUFFIX) ? topic : topic + DLT_SUFFIX;
  }

  /**
   * Replays {@code topic}'s dead letters (or, with {@code dryRun}, reads and reports them without
   * writing anything, offsets included).
   *
   * @param topic the original topic or its dead-letter topic
   * @throws IllegalArgumentException when the dead-letter topic does not exist
   * @throws IllegalStateException when no progress is made for the stall timeout
   * @throws org.apache.kafka.common.KafkaException when Kafka refuses (the open transaction is
   *     aborted; a rerun continues from the last committed step)
   */
  public Report replay(String topic, boolean dryRun, Progress progress) {
    String dlt = deadLetterTopicOf(topic);
    try (KafkaConsumer<byte[], byte[]> consumer =
            new KafkaConsumer<>(
                consumerConfig(dlt), new ByteArrayDeserializer(), new ByteArrayDeserializer());
        KafkaProducer<byte[], byte[]> producer =
            dryRun
                ? null
                : new KafkaProducer<>(
                    producerConfig(dlt), new ByteArraySerializer(), new ByteArraySerializer())) {
      if (producer != null) {
        // Fences an earlier run of this topic and aborts its open transaction, before the
        // committed offsets are read, so nothing it did not commit is skipped.
        producer.initTransactions();
      }
      List<TopicPartition> partitions = partitions(consumer, dlt);
      consumer.assign(partitions);
      Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(Set.copyOf(partitions));
      for (TopicPartition partition : partitions) {
        OffsetAndMetadata offset = committed.get(partition);
        if (offset == null) {
          consumer.seekToBeginning(List.of(partition));
        } else {
          consumer.seek(partition, offset.offset());
        }
      }
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
      long total = 0;
      for (TopicPartition partition : partitions) {
        total += Math.max(0, ends.get(partition) - consumer.position(partition));
      }
      Map<String, Long> counts = new LinkedHashMap<>();
      long done = 0;
      long lastProgress = System.nanoTime();
      progress.step(0, total);
      while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
        ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL);
        Map<TopicPartition, OffsetAndMetadata> read = new HashMap<>();
        List<ProducerRecord<byte[], byte[]>> out = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
          TopicPartition partition = new TopicPartition(record.topic(), record.partition());
          if (record.offset() >= ends.get(partition)) {
            continue;
          }
          String original = originalTopic(record, dlt);
          out.add(republished(record, original));
          read.put(partition, new OffsetAndMetadata(record.offset() + 1));
          counts.merge(original, 1L, Long::sum);
          progress.deadLetter(
              new DeadLetter(
                  dlt,
                  record.partition(),
                  record.offset(),
                  original,
                  record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8),
                  header(record, KafkaHeaders.DLT_EXCEPTION_FQCN)));
        }
        if (!read.isEmpty()) {
          if (producer != null) {
            producer.beginTransaction();
            out.forEach(producer::send);
            producer.sendOffsetsToTransaction(read, consumer.groupMetadata());
            producer.commitTransaction();
          }
          done += out.size();
          lastProgress = System.nanoTime();
          progress.step(done, total);
        } else if (System.nanoTime() - lastProgress > stallTimeout.toNanos()) {
          throw new IllegalStateException(
              "no progress on " + dlt + " for " + stallTimeout.toSeconds() + " s; rerun later");
        }
      }
      return new Report(dlt, dryRun, counts, done);
    }
  }

  private static List<TopicPartition> partitions(
      KafkaConsumer<byte[], byte[]> consumer, String dlt) {
    List<PartitionInfo> infos = consumer.partitionsFor(dlt);
    if (infos == null || infos.isEmpty()) {
      throw new IllegalArgumentException("no dead-letter topic " + dlt);
    }
    return infos.stream().map(info -> new TopicPartition(dlt, info.partition())).toList();
  }

  static String originalTopic(ConsumerRecord<?, ?> record, String dlt) {
    String named = header(record, KafkaHeaders.DLT_ORIGINAL_TOPIC);
    return named == null || named.isBlank()
        ? dlt.substring(0, dlt.length() - DLT_SUFFIX.length())
        : named;
  }

  /**
   * The record as it was before it failed: same key, value bytes and headers, minus what the
   * dead-lettering added ({@code kafka_dlt-*}, a deserializer's exception) and any earlier replay
   * mark, plus where it was replayed from. Partitioned by its key, as its producer did.
   */
  static ProducerRecord<byte[], byte[]> republished(
      ConsumerRecord<byte[], byte[]> record, String originalTopic) {
    Headers headers = new RecordHeaders();
    for (Header header : record.headers()) {
      String key = header.key();
      if (!key.startsWith(DLT_HEADER_PREFIX)
          && !key.startsWith(KafkaUtils.DESERIALIZER_EXCEPTION_HEADER_PREFIX)
          && !key.equals(REPLAYED_FROM_HEADER)) {
        headers.add(header);
      }
    }
    headers.add(
        REPLAYED_FROM_HEADER,
        (record.topic() + "-" + record.partition() + "@" + record.offset())
            .getBytes(StandardCharsets.UTF_8));
    return new ProducerRecord<>(originalTopic, null, record.key(), record.value(), headers);
  }

  private static String header(ConsumerRecord<?, ?> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }

  private Map<String, Object> consumerConfig(String dlt) {
    Map<String, Object> config = new HashMap<>(clientConfig);
    config.put(ConsumerConfig.GROUP_ID_CONFIG, GROUP_PREFIX + dlt);
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 4 * 1024 * 1024);
    config.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "earshot-dlt-replay");
    return config;
  }

  private Map<String, Object> producerConfig(String dlt) {
    Map<String, Object> config = new HashMap<>(clientConfig);
    config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, TRANSACTIONAL_ID_PREFIX + dlt);
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 4 * 1024 * 1024);
    config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "zstd");
    config.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "earshot-dlt-replay");
    return config;
  }
}
