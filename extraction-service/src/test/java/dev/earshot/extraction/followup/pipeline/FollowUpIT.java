package dev.earshot.extraction.followup.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.earshot.events.Affiliation;
import dev.earshot.events.Call;
import dev.earshot.events.FeedbackItem;
import dev.earshot.events.FollowUp;
import dev.earshot.events.Quote;
import dev.earshot.events.Sentence;
import dev.earshot.events.Topics;
import dev.earshot.events.TranscriptTurn;
import dev.earshot.extraction.call.NormalisedCall;
import dev.earshot.extraction.followup.CallSummary;
import dev.earshot.extraction.followup.FollowUpModel;
import dev.earshot.extraction.followup.OfflineFollowUpModel;
import dev.earshot.extraction.model.llm.InvalidModelOutput;
import dev.earshot.extraction.pipeline.ExtractingFeedback;
import dev.earshot.gong.simulator.corpus.Corpus;
import dev.earshot.gong.simulator.corpus.CorpusCall;
import dev.earshot.testing.TopicRecords;
import dev.earshot.testing.eval.CorpusCalls;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.annotation.DirtiesContext;

/**
 * Follow-ups end to end on an in-JVM KRaft broker: their own consumer group publishes a draft per
 * call with external participants on calls.followups.v1 keyed by call id, counts the calls without
 * any, and dead-letters a call whose draft fails permanently while the same call's feedback items
 * still come out.
 */
@SpringBootTest(
    properties = {
      "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
      "earshot.kafka.retry.initial-interval=100ms",
      "earshot.extraction.concurrency=1",
      "server.port=0"
    })
@EmbeddedKafka(
    partitions = 1,
    topics = {Topics.CALLS, Topics.FEEDBACK_ITEMS, Topics.FOLLOW_UPS, "gong.calls.v1.dlt"},
    brokerProperties = {
      "transaction.state.log.replication.factor=1",
      "transaction.state.log.min.isr=1"
    })
// Closed while its broker and database still run, not by the JVM's exit.
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class FollowUpIT {

  /** Calls whose draft fails as a language model's invalid answer would. */
  static final Set<String> failing = ConcurrentHashMap.newKeySet();

  @TestConfiguration
  static class FailingDrafts {
    @Bean
    @Primary
    FollowUpModel failingForMarkedCalls() {
      OfflineFollowUpModel offline = OfflineFollowUpModel.create();
      return new FollowUpModel() {
        @Override
        public DrafterInfo info() {
          return offline.info();
        }

        @Override
        public Drafted draft(NormalisedCall call, CallSummary summary) {
          if (failing.contains(call.facts().callId())) {
            throw new InvalidModelOutput("the answer cites sentence 999, which it was not given");
          }
          return offline.draft(call, summary);
        }

        @Override
        public Duration longestCall() {
          return offline.longestCall();
        }
      };
    }
  }

  static final List<CorpusCall> corpus =
      Corpus.generate(11, 60, Instant.parse("2026-11-01T00:00:00Z")).calls().stream()
          .filter(c -> !c.isPrivate() && !c.externals().isEmpty())
          .toList();

  @Autowired KafkaTemplate<String, SpecificRecord> kafka;
  @Autowired EmbeddedKafkaBroker broker;
  @Autowired ExtractingFeedback extracting;
  @Autowired MeterRegistry meters;

  private void publish(Call call) {
    kafka.executeInTransaction(k -> k.send(Topics.CALLS, call.getCallId(), call));
  }

  @Test
  void aCallWithCustomersGetsOneDraftKeyedByCallIdCitingItsOwnSentences() {
    Call call = CorpusCalls.toCall(corpus.get(0), "org-f");

    publish(call);

    var records =
        TopicRecords.read(
            broker.getBrokersAsString(),
            Topics.FOLLOW_UPS,
            "read_committed",
            r -> call.getCallId().equals(r.key()),
            1,
            Duration.ofSeconds(30),
            Duration.ofSeconds(2));
    assertThat(records).hasSize(1);
    FollowUp followUp = (FollowUp) records.getFirst().value();
    assertThat(followUp.getCallId()).isEqualTo(call.getCallId());
    assertThat(followUp.getActionItems()).isNotEmpty();
    for (var item : followUp.getActionItems()) {
      for (Quote q : item.getCitations()) {
        assertThat(said(call, q)).as(q.getText()).isTrue();
      }
    }
  }

  @Test
  void aCallWithoutCustomersGetsNoDraftAndIsCounted() {
    Call call = CorpusCalls.toCall(corpus.get(1), "org-g");
    call.getParties().forEach(p -> p.put("affiliation", Affiliation.INTERNAL));
    double before =
        meters.counter("earshot.followups.skipped", "reason", "no_external_participants").count();

    publish(call);

    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                meters
                        .counter("earshot.followups.skipped", "reason", "no_external_participants")
                        .count()
                    > before);
    assertThat(
            TopicRecords.read(
                broker.getBrokersAsString(),
                Topics.FOLLOW_UPS,
                "read_committed",
                r -> call.getCallId().equals(r.key()),
                0,
                Duration.ofSeconds(3),
                Duration.ofSeconds(2)))
        .isEmpty();
  }

  @Test
  void aDraftThatFailsPermanentlyIsDeadLetteredAndTheFeedbackStillComesOut() {
    CorpusCall c = corpus.stream().filter(x -> !x.planted().isEmpty()).skip(2).findFirst().get();
    Call call = CorpusCalls.toCall(c, "org-h");
    failing.add(call.getCallId());
    List<String> expected =
        extracting.extract(call).items().stream().map(FeedbackItem::getItemId).toList();
    assertThat(expected).isNotEmpty();

    publish(call);

    var items =
        TopicRecords.read(
            broker.getBrokersAsString(),
            Topics.FEEDBACK_ITEMS,
            "read_committed",
            r -> "org-h".equals(r.key()),
            expected.size(),
            Duration.ofSeconds(30),
            Duration.ofSeconds(2));
    assertThat(items.stream().map(r -> ((FeedbackItem) r.value()).getItemId()))
        .containsExactlyInAnyOrderElementsOf(expected);
    var deadLetter =
        TopicRecords.firstRaw(
            broker.getBrokersAsString(),
            "gong.calls.v1.dlt",
            call.getCallId(),
            Duration.ofSeconds(30));
    assertThat(deadLetter).isPresent();
    var group = deadLetter.get().headers().lastHeader("kafka_dlt-original-consumer-group");
    assertThat(new String(group.value(), StandardCharsets.UTF_8)).isEqualTo("followups");
  }

  private static boolean said(Call call, Quote q) {
    for (TranscriptTurn turn : call.getTranscript()) {
      for (Sentence s : turn.getSentences()) {
        if (s.getStartMs() == q.getStartMs()
            && s.getEndMs() == q.getEndMs()
            && s.getText().strip().equals(q.getText())
            && turn.getSpeakerId().equals(q.getSpeakerId())) {
          return true;
        }
      }
    }
    return false;
  }
}
