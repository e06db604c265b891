package dev.earshot.extraction.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import dev.earshot.events.Call;
import dev.earshot.events.FeedbackItem;
import dev.earshot.events.Topics;
import dev.earshot.events.serde.AvroEventSerializer;
import dev.earshot.extraction.ExtractionApplication;
import dev.earshot.gong.simulator.corpus.Corpus;
import dev.earshot.gong.simulator.corpus.CorpusCall;
import dev.earshot.testing.KafkaTestBroker;
import dev.earshot.testing.TopicRecords;
import dev.earshot.testing.eval.CorpusCalls;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * Two extraction-service instances in one consumer group on one broker, as two replicas would run:
 * each gets its own transactional ids, so neither fences the other, both extract calls, and every
 * item is published once (no aborted attempt even for read_uncommitted readers).
 */
class ReplicasIT {

  private static final List<CorpusCall> corpus =
      Corpus.generate(11, 60, Instant.parse("2026-11-01T00:00:00Z")).calls().stream()
          .filter(c -> !c.isPrivate() && !c.planted().isEmpty())
          .limit(16)
          .toList();

  private static ConfigurableApplicationContext start(String brokers) {
    return new SpringApplicationBuilder(ExtractionApplication.class)
        .run(
            "--spring.kafka.bootstrap-servers=" + brokers,
            "--earshot.extraction.concurrency=1",
            "--server.port=0",
            "--management.server.port=-1"); // no actuator over HTTP: ConversationsIT tests it
  }

  private static double extracted(ConfigurableApplicationContext app) {
    return app.getBean(MeterRegistry.class).find("earshot.extraction.calls").counters().stream()
        .mapToDouble(Counter::count)
        .sum();
  }

  private static boolean assigned(ConfigurableApplicationContext app) {
    return app.getBean(KafkaListenerEndpointRegistry.class).getListenerContainers().stream()
        .anyMatch(c -> c.getAssignedPartitions() != null && !c.getAssignedPartitions().isEmpty());
  }

  private static List<String> itemIds(String brokers, String isolation, String org, int atLeast) {
    return TopicRecords.read(
            brokers,
            Topics.FEEDBACK_ITEMS,
            isolation,
            r -> org.equals(r.key()),
            atLeast,
            Duration.ofSeconds(60),
            Duration.ofSeconds(3))
        .stream()
        .map(r -> ((FeedbackItem) r.value()).getItemId())
        .toList();
  }

  /** "fenced" as a word ("isFenced: false" in a coordinator's description does not count). */
  private static final Pattern FENCED =
      Pattern.compile("(?i)\\bfenced\\b|ProducerFenced|old epoch");

  private static boolean mentionsFencing(ILoggingEvent event) {
    if (FENCED.matcher(event.getFormattedMessage()).find()) {
      return true;
    }
    for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
      if (t.getClassName().contains("Fenced")
          || t.getClassName().contains("InvalidProducerEpoch")
          || (t.getMessage() != null && FENCED.matcher(t.getMessage()).find())) {
        return true;
      }
    }
    return false;
  }

  @Test
  void twoInstancesExtractSideBySideWithoutFencingEachOther() {
    EmbeddedKafkaKraftBroker broker =
        KafkaTestBroker.start(
            2,
            Map.of(
                "transaction.state.log.replication.factor", "1",
                "transaction.state.log.min.isr", "1",
                "transaction.state.log.num.partitions", "4",
                "offsets.topic.num.partitions", "4"),
            Topics.CALLS,
            Topics.FEEDBACK_ITEMS,
            "gong.calls.v1.dlt");
    String brokers = broker.getBrokersAsString();
    String org = "org-" + UUID.randomUUID();
    try (var first = start(brokers);
        var second = start(brokers)) {
      // given two instances that share the consumer group, each with a partition of gong.calls.v1
      await().atMost(Duration.ofSeconds(60)).until(() -> assigned(first) && assigned(second));
      String firstPrefix =
          first.getBean(DefaultKafkaProducerFactory.class).getTransactionIdPrefix();
      String secondPrefix =
          second.getBean(DefaultKafkaProducerFactory.class).getTransactionIdPrefix();
      assertThat(firstPrefix).startsWith("extraction-").isNotEqualTo(secondPrefix);
      ListAppender<ILoggingEvent> logs = new ListAppender<>();
      logs.start();
      Logger root =
          ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(Logger.ROOT_LOGGER_NAME);
      root.addAppender(logs);
      List<String> expected =
          corpus.stream()
              .flatMap(
                  c ->
                      first
                          .getBean(ExtractingFeedback.class)
                          .extract(CorpusCalls.toCall(c, org))
                          .items()
                          .stream())
              .map(FeedbackItem::getItemId)
              .toList();

      // when calls arrive on both partitions
      try (var producer =
          new KafkaProducer<String, SpecificRecord>(
              Map.<String, Object>of("bootstrap.servers", brokers),
              new StringSerializer(),
              new AvroEventSerializer())) {
        for (CorpusCall c : corpus) {
          Call call = CorpusCalls.toCall(c, org);
          producer.send(new ProducerRecord<>(Topics.CALLS, call.getCallId(), call));
        }
        producer.flush();
      }

      // then every item is published once, with no aborted attempt before it
      assertThat(itemIds(brokers, "read_committed", org, expected.size()))
          .containsExactlyInAnyOrderElementsOf(expected);
      assertThat(itemIds(brokers, "read_uncommitted", org, expected.size()))
          .containsExactlyInAnyOrderElementsOf(expected);
      // and both instances extracted calls, and neither was fenced
      assertThat(extracted(first)).isPositive();
      assertThat(extracted(second)).isPositive();
      assertThat(extracted(first) + extracted(second)).isEqualTo(corpus.size());
      root.detachAppender(logs);
      assertThat(logs.list.stream().filter(ReplicasIT::mentionsFencing))
          .extracting(ILoggingEvent::getFormattedMessage)
          .isEmpty();
    } finally {
      broker.destroy();
    }
  }
}
