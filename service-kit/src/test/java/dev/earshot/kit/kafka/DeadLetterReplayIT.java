package dev.earshot.kit.kafka;

import static dev.earshot.kit.kafka.TopicContents.avro;
import static dev.earshot.kit.kafka.TopicContents.event;
import static dev.earshot.kit.kafka.TopicContents.header;
import static org.assertj.core.api.Assertions.assertThat;

import dev.earshot.kit.cli.DeadLetterCommand;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code earshot dlt replay} on a real KRaft broker. */
@EmbeddedKafka(
    partitions = 1,
    topics = {
      "kit.replay.v1",
      "kit.replay.v1.dlt",
      "kit.dry.v1",
      "kit.dry.v1.dlt",
      "kit.crash.v1",
      "kit.crash.v1.dlt",
      "kit.backlog.v1",
      "kit.backlog.v1.dlt"
    },
    brokerProperties = {
      "transaction.state.log.replication.factor=1",
      "transaction.state.log.min.isr=1"
    })
class DeadLetterReplayIT {

  private static final JsonMapper json = JsonMapper.builder().build();
  private static final byte[] GARBAGE = "not avro at all".getBytes(StandardCharsets.UTF_8);

  record Run(int status, JsonNode summary, List<String> lines) {}

  private static Run dlt(EmbeddedKafkaBroker broker, String... options) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    String[] args = new String[options.length + 4];
    args[0] = "dlt";
    args[1] = "replay";
    args[2] = "--bootstrap-servers";
    args[3] = broker.getBrokersAsString();
    System.arraycopy(options, 0, args, 4, options.length);
    int status =
        DeadLetterCommand.run(
            args,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
    return new Run(status, json.readTree(lines.getLast()), lines);
  }

  /** A dead letter as the kit's recoverer writes it: original headers plus kafka_dlt-*. */
  private static void deadLetter(
      EmbeddedKafkaBroker broker, String dlt, String key, byte[] value, String originalTopic)
      throws Exception {
    RecordHeaders headers = new RecordHeaders();
    headers.add(
        "traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01".getBytes());
    if (originalTopic != null) {
      headers.add("kafka_dlt-original-topic", originalTopic.getBytes(StandardCharsets.UTF_8));
    }
    headers.add("kafka_dlt-original-offset", new byte[8]);
    headers.add(
        "kafka_dlt-exception-fqcn",
        "org.springframework.kafka.support.serializer.DeserializationException".getBytes());
    try (var producer =
        new KafkaProducer<>(
            Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()),
            new ByteArraySerializer(),
            new ByteArraySerializer())) {
      producer
          .send(
              new ProducerRecord<>(dlt, null, key.getBytes(StandardCharsets.UTF_8), value, headers))
          .get();
    }
  }

  @Test
  void replaysAnEventAndRawBytesOnceToTheirTopicAndASecondRunReplaysOnlyWhatArrivedSince(
      EmbeddedKafkaBroker broker) throws Exception {
    // given an event dead-lettered by a bug, and an unreadable record without its topic header
    byte[] event = avro("kit.replay.v1", event("replay-1"));
    deadLetter(broker, "kit.replay.v1.dlt", "c-1", event, "kit.replay.v1");
    deadLetter(broker, "kit.replay.v1.dlt", "c-2", GARBAGE, null);

    // when both are replayed
    Run first = dlt(broker, "--topic", "kit.replay.v1");

    // then each is on its topic once, as it was before it failed, marked as replayed
    assertThat(first.status()).isZero();
    assertThat(first.summary().get("records").get("kit.replay.v1").asLong()).isEqualTo(2);
    assertThat(first.summary().get("dry_run").asBoolean()).isFalse();
    List<ConsumerRecord<String, byte[]>> replayed =
        TopicContents.readAll(broker.getBrokersAsString(), "kit.replay.v1");
    assertThat(replayed).extracting(ConsumerRecord::key).containsExactly("c-1", "c-2");
    assertThat(replayed.get(0).value()).isEqualTo(event);
    assertThat(replayed.get(1).value()).isEqualTo(GARBAGE);
    assertThat(header(replayed.get(0), DeadLetterReplay.REPLAYED_FROM_HEADER))
        .isEqualTo("kit.replay.v1.dlt-0@0");
    assertThat(header(replayed.get(1), DeadLetterReplay.REPLAYED_FROM_HEADER))
        .isEqualTo("kit.replay.v1.dlt-0@1");
    assertThat(header(replayed.get(0), "traceparent")).startsWith("00-0af7651916cd43dd");
    for (ConsumerRecord<String, byte[]> record : replayed) {
      record.headers().forEach(h -> assertThat(h.key()).doesNotStartWith("kafka_dlt-"));
    }

    // and a second run replays nothing, a third only what arrived since
    Run second = dlt(broker, "--topic", "kit.replay.v1.dlt");
    assertThat(second.status()).isZero();
    assertThat(second.summary().get("total").asLong()).isZero();
    deadLetter(broker, "kit.replay.v1.dlt", "c-3", event, "kit.replay.v1");
    Run third = dlt(broker, "--topic", "kit.replay.v1");
    assertThat(third.summary().get("total").asLong()).isEqualTo(1);
    assertThat(TopicContents.readAll(broker.getBrokersAsString(), "kit.replay.v1"))
        .extracting(ConsumerRecord::key)
        .containsExactly("c-1", "c-2", "c-3");
  }

  @Test
  void aDryRunListsAndCountsButWritesNothing(EmbeddedKafkaBroker broker) throws Exception {
    deadLetter(broker, "kit.dry.v1.dlt", "c-1", GARBAGE, "kit.dry.v1");
    deadLetter(broker, "kit.dry.v1.dlt", "c-2", GARBAGE, "kit.dry.v1");

    Run dry = dlt(broker, "--topic", "kit.dry.v1", "--dry-run");

    assertThat(dry.status()).isZero();
    assertThat(dry.summary().get("dry_run").asBoolean()).isTrue();
    assertThat(dry.summary().get("total").asLong()).isEqualTo(2);
    assertThat(dry.lines())
        .filteredOn(l -> l.startsWith("kit.dry.v1.dlt-0@"))
        .hasSize(2)
        .allMatch(l -> l.contains("-> kit.dry.v1") && l.contains("DeserializationException"));
    assertThat(TopicContents.readAll(broker.getBrokersAsString(), "kit.dry.v1")).isEmpty();
    // nothing was committed either: a real run still finds both
    assertThat(dlt(broker, "--topic", "kit.dry.v1").summary().get("total").asLong()).isEqualTo(2);
  }

  @Test
  void aRunThatCrashedBeforeCommittingIsReplayedOnceByTheNext(EmbeddedKafkaBroker broker)
      throws Exception {
    deadLetter(broker, "kit.crash.v1.dlt", "c-1", GARBAGE, "kit.crash.v1");
    deadLetter(broker, "kit.crash.v1.dlt", "c-2", GARBAGE, "kit.crash.v1");
    // given a run that republished the first record and its offset, then died uncommitted
    KafkaProducer<byte[], byte[]> crashed =
        new KafkaProducer<>(
            Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.getBrokersAsString(),
                ProducerConfig.TRANSACTIONAL_ID_CONFIG,
                DeadLetterReplay.TRANSACTIONAL_ID_PREFIX + "kit.crash.v1.dlt"),
            new ByteArraySerializer(),
            new ByteArraySerializer());
    crashed.initTransactions();
    crashed.beginTransaction();
    crashed.send(new ProducerRecord<>("kit.crash.v1", "c-1".getBytes(), GARBAGE));
    crashed.sendOffsetsToTransaction(
        Map.of(new TopicPartition("kit.crash.v1.dlt", 0), new OffsetAndMetadata(1)),
        new ConsumerGroupMetadata(DeadLetterReplay.GROUP_PREFIX + "kit.crash.v1.dlt"));
    crashed.flush();

    // when the next run starts
    Run next = dlt(broker, "--topic", "kit.crash.v1");

    // then it fenced the dead run, and each record is on the topic exactly once
    assertThat(next.status()).isZero();
    assertThat(next.summary().get("total").asLong()).isEqualTo(2);
    assertThat(TopicContents.readAll(broker.getBrokersAsString(), "kit.crash.v1"))
        .extracting(ConsumerRecord::key)
        .containsExactly("c-1", "c-2");
    crashed.close(Duration.ZERO);
  }

  @Test
  void theBacklogGaugeCountsWhatWaitsInADeadLetterTopicUntilItIsReplayed(EmbeddedKafkaBroker broker)
      throws Exception {
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    DeadLetterBacklog backlog =
        new DeadLetterBacklog(
            Map.of("bootstrap.servers", broker.getBrokersAsString(), "group.id", "ignored"),
            () -> Set.of("kit.backlog.v1", "kit.never.v1"),
            meters,
            Duration.ofMinutes(1));
    try {
      // given two dead letters, and a consumed topic whose dead-letter topic does not exist yet
      deadLetter(broker, "kit.backlog.v1.dlt", "c-1", GARBAGE, "kit.backlog.v1");
      deadLetter(broker, "kit.backlog.v1.dlt", "c-2", GARBAGE, "kit.backlog.v1");

      // then both wait, and the missing topic counts none
      assertThat(backlog.check())
          .containsEntry("kit.backlog.v1.dlt", 2L)
          .containsEntry("kit.never.v1.dlt", 0L);
      assertThat(
              meters
                  .get(DeadLetterBacklog.METRIC)
                  .tag("topic", "kit.backlog.v1.dlt")
                  .gauge()
                  .value())
          .isEqualTo(2.0);

      // when they are replayed, none waits; a new dead letter waits alone
      assertThat(dlt(broker, "--topic", "kit.backlog.v1").summary().get("total").asLong())
          .isEqualTo(2);
      assertThat(backlog.check()).containsEntry("kit.backlog.v1.dlt", 0L);
      deadLetter(broker, "kit.backlog.v1.dlt", "c-3", GARBAGE, "kit.backlog.v1");
      assertThat(backlog.check()).containsEntry("kit.backlog.v1.dlt", 1L);
    } finally {
      backlog.stop();
    }
  }

  @Test
  void anUnknownTopicIsABadCommandLine(EmbeddedKafkaBroker broker) {
    Run run = dlt(broker, "--topic", "kit.nothing.v1");

    assertThat(run.status()).isEqualTo(2);
    assertThat(run.summary().get("status").asString()).isEqualTo("failed");
    assertThat(run.summary().get("error").asString()).contains("kit.nothing.v1.dlt");
  }
}
