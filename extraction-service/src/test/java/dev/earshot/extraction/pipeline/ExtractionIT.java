package dev.earshot.extraction.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.earshot.events.Call;
import dev.earshot.events.FeedbackItem;
import dev.earshot.events.Topics;
import dev.earshot.gong.simulator.corpus.Corpus;
import dev.earshot.gong.simulator.corpus.CorpusCall;
import dev.earshot.testing.TopicRecords;
import dev.earshot.testing.eval.CorpusCalls;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.annotation.DirtiesContext;

/** extraction-service end to end on an in-JVM KRaft broker with the offline model. */
@SpringBootTest(
    properties = {
      "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
      "earshot.kafka.retry.initial-interval=100ms",
      "earshot.extraction.concurrency=1",
      "server.port=0"
    })
@EmbeddedKafka(
    partitions = 1,
    topics = {Topics.CALLS, Topics.FEEDBACK_ITEMS, "gong.calls.v1.dlt"},
    brokerProperties = {
      "transaction.state.log.replication.factor=1",
      "transaction.state.log.min.isr=1"
    })
// Closed while its broker and database still run, not by the JVM's exit.
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class ExtractionIT {

  @TestConfiguration
  static class InjectedFailure {
    @Bean
    @Primary
    KafkaTemplate<String, SpecificRecord> failingOnceTemplate(
        ProducerFactory<String, SpecificRecord> factory) {
      return new FailingOnceTemplate(factory);
    }
  }

  static final List<CorpusCall> corpus =
      Corpus.generate(11, 60, Instant.parse("2026-11-01T00:00:00Z")).calls().stream()
          .filter(c -> !c.isPrivate())
          .toList();

  @Autowired KafkaTemplate<String, SpecificRecord> kafka;
  @Autowired EmbeddedKafkaBroker broker;
  @Autowired ExtractingFeedback extracting;
  @Autowired MeterRegistry meters;

  private void publish(String org, CorpusCall c) {
    Call call = CorpusCalls.toCall(c, org);
    kafka.executeInTransaction(k -> k.send(Topics.CALLS, call.getCallId(), call));
  }

  /**
   * The records of {@code org}'s calls, all of them and nothing later: a call published after them
   * (under an org of its own) marks the end. Both topics have one partition and the listener one
   * thread, so the calls are extracted and their transactions committed in order; once the marker's
   * items are read, every earlier call's are too, and a record too many would be among them. No
   * waiting for a quiet spell.
   *
   * @param expected how many records {@code org}'s calls give, when all is well
   */
  private List<ConsumerRecord<String, SpecificRecord>> items(
      String isolation, String org, int expected) {
    String end = org + "-end-" + UUID.randomUUID();
    Call marker =
        corpus.reversed().stream()
            .map(c -> CorpusCalls.toCall(c, end))
            .filter(c -> !FailingOnceTemplate.marked.contains(c.getCallId()))
            .filter(c -> !extracting.extract(c).items().isEmpty())
            .findFirst()
            .orElseThrow();
    int markerItems = extracting.extract(marker).items().size();
    kafka.executeInTransaction(k -> k.send(Topics.CALLS, marker.getCallId(), marker));
    List<ConsumerRecord<String, SpecificRecord>> read =
        TopicRecords.read(
            broker.getBrokersAsString(),
            Topics.FEEDBACK_ITEMS,
            isolation,
            r -> org.equals(r.key()) || end.equals(r.key()),
            expected + markerItems,
            Duration.ofSeconds(30),
            Duration.ZERO);
    assertThat(read)
        .as("records of %s and of the marker after them", org)
        .hasSizeGreaterThanOrEqualTo(expected + markerItems);
    return read.stream().filter(r -> org.equals(r.key())).toList();
  }

  private static List<String> ids(List<ConsumerRecord<String, SpecificRecord>> records) {
    return records.stream().map(r -> ((FeedbackItem) r.value()).getItemId()).toList();
  }

  @Test
  void callsBecomeItemsKeyedByOrgAndCallsWithoutFeedbackOnlyCount() {
    // given calls with and without planted feedback
    List<CorpusCall> calls = new ArrayList<>();
    corpus.stream().filter(c -> !c.planted().isEmpty()).limit(5).forEach(calls::add);
    corpus.stream().filter(c -> c.planted().isEmpty()).limit(2).forEach(calls::add);
    long salesOnly = calls.stream().filter(c -> c.planted().isEmpty()).count();
    assertThat(salesOnly).isPositive();
    List<String> expected =
        calls.stream()
            .flatMap(c -> extracting.extract(CorpusCalls.toCall(c, "org-a")).items().stream())
            .map(FeedbackItem::getItemId)
            .toList();
    double withoutBefore =
        meters.counter("earshot.extraction.calls", "outcome", "without_feedback").count();

    // when they arrive on gong.calls.v1
    calls.forEach(c -> publish("org-a", c));

    // then exactly their items come out, keyed by org, and the sales-only calls were counted
    var records = items("read_committed", "org-a", expected.size());
    assertThat(ids(records)).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(records)
        .allSatisfy(r -> assertThat(((FeedbackItem) r.value()).getOrgId()).isEqualTo("org-a"));
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(
                        meters
                            .counter("earshot.extraction.calls", "outcome", "without_feedback")
                            .count())
                    .isGreaterThanOrEqualTo(withoutBefore + salesOnly));
  }

  @Test
  void aRedeliveredCallGivesTheSameItemIds() {
    // given a call with several items, published twice
    CorpusCall c = corpus.stream().filter(x -> x.planted().size() > 1).findFirst().orElseThrow();
    List<String> once =
        extracting.extract(CorpusCalls.toCall(c, "org-b")).items().stream()
            .map(FeedbackItem::getItemId)
            .toList();
    assertThat(once).isNotEmpty();

    publish("org-b", c);
    publish("org-b", c);

    // then both extractions' records came, with the same ids
    List<String> ids = ids(items("read_committed", "org-b", 2 * once.size()));
    assertThat(ids).hasSize(2 * once.size());
    assertThat(ids.subList(0, once.size())).containsExactlyElementsOf(once);
    assertThat(ids.subList(once.size(), ids.size())).containsExactlyElementsOf(once);
  }

  @Test
  void
      aFailureAfterSomeItemsWereSentAbortsThemAndTheCallIsExtractedOnceForReadCommittedConsumers() {
    // given a call with at least two items whose second send will fail once
    CorpusCall c =
        corpus.stream()
            .filter(x -> extracting.extract(CorpusCalls.toCall(x, "org-c")).items().size() >= 2)
            .findFirst()
            .orElseThrow();
    int items = extracting.extract(CorpusCalls.toCall(c, "org-c")).items().size();
    FailingOnceTemplate.marked.add(c.id());

    // when it is consumed
    publish("org-c", c);

    // then committed readers see each item once; the aborted first item is only visible uncommitted
    var committed = items("read_committed", "org-c", items);
    assertThat(ids(committed)).hasSize(items).doesNotHaveDuplicates();
    var uncommitted = items("read_uncommitted", "org-c", items + 1);
    assertThat(uncommitted).hasSize(items + 1);
  }

  @Test
  void aRecordThatIsNotACallGoesToTheDeadLetterTopicAndTheNextCallStillFlows() throws Exception {
    try (var producer =
        new KafkaProducer<>(
            Map.<String, Object>of("bootstrap.servers", broker.getBrokersAsString()),
            new StringSerializer(),
            new ByteArraySerializer())) {
      producer.send(new ProducerRecord<>(Topics.CALLS, "junk", "not avro".getBytes())).get();
    }
    CorpusCall c =
        corpus.stream().filter(x -> !x.planted().isEmpty()).skip(3).findFirst().orElseThrow();
    publish("org-d", c);

    assertThat(items("read_committed", "org-d", 1)).isNotEmpty();
    List<String> keys =
        TopicRecords.raw(
                broker.getBrokersAsString(),
                "gong.calls.v1.dlt",
                r -> true,
                1,
                Duration.ofSeconds(20),
                Duration.ZERO)
            .stream()
            .map(ConsumerRecord::key)
            .toList();
    assertThat(keys).contains("junk");
  }
}
