package dev.earshot.extraction.followup.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.earshot.events.Topics;
import dev.earshot.extraction.ExtractionProperties;
import dev.earshot.extraction.call.NormalisedCall;
import dev.earshot.extraction.followup.CallSummary;
import dev.earshot.extraction.followup.DraftingFollowUps;
import dev.earshot.extraction.followup.FollowUpModel;
import dev.earshot.extraction.pipeline.ExtractionMetrics;
import dev.earshot.extraction.pipeline.ModelOutages;
import dev.earshot.gong.simulator.corpus.Corpus;
import dev.earshot.provider.ProviderHttp;
import dev.earshot.testing.eval.CorpusCalls;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The follow-up listener when its model fails, without Kafka. */
class FollowUpCallListenerTest {

  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
  private final Logger logger = (Logger) LoggerFactory.getLogger(ModelOutages.class);

  @BeforeEach
  void capture() {
    logs.start();
    logger.addAppender(logs);
  }

  @AfterEach
  void release() {
    logger.detachAppender(logs);
  }

  private static FollowUpModel failingWith(RuntimeException failure) {
    return new FollowUpModel() {
      @Override
      public DrafterInfo info() {
        return new DrafterInfo("openai", "gpt-5-mini", "followup-1", false);
      }

      @Override
      public Drafted draft(NormalisedCall call, CallSummary summary) {
        throw failure;
      }

      @Override
      public Duration longestCall() {
        return Duration.ofSeconds(1);
      }
    };
  }

  private FollowUpCallListener listener(FollowUpModel model) {
    return new FollowUpCallListener(
        new DraftingFollowUps(model),
        null,
        new FollowUpMetrics(
            meters,
            new ExtractionMetrics(
                meters,
                new ExtractionProperties(
                    "offline", null, null, null, List.of(), Map.of(), List.of(), 2, null))));
  }

  /** A call with external participants and a transcript: one the drafter is asked about. */
  private static ConsumerRecord<String, SpecificRecord> aCall() {
    var call =
        CorpusCalls.toCall(
            CorpusCalls.fetchable(
                    Corpus.generate(42, 5, Instant.parse("2026-11-01T00:00:00Z")).calls())
                .getFirst(),
            "org-1");
    return new ConsumerRecord<>(Topics.CALLS, 0, 7L, call.getCallId(), call);
  }

  @Test
  void aSettingTheModelRefusesIsLoggedAtErrorWithItsReasonAndTheCallStaysRetried() {
    var refused =
        new ProviderHttp.ModelUnavailable(
            ProviderHttp.Outage.MISCONFIGURED,
            400,
            "HTTP 400 from api.openai.com (invalid_request_error/unsupported_value): the model"
                + " refuses the request's settings (parameter temperature): … set reasoning: true"
                + " in the model's settings",
            null);

    assertThatThrownBy(() -> listener(failingWith(refused)).on(aCall())).isSameAs(refused);

    assertThat(logs.list)
        .singleElement()
        .satisfies(
            line -> {
              assertThat(line.getLevel()).isEqualTo(Level.ERROR);
              assertThat(line.getFormattedMessage())
                  .contains("openai model gpt-5-mini refuses every call")
                  .contains("(parameter temperature)");
              assertThat(line.getKeyValuePairs())
                  .anySatisfy(
                      kv -> {
                        assertThat(kv.key).isEqualTo("stage");
                        assertThat(kv.value).isEqualTo("followups");
                      });
            });
  }
}
