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
import dev.earshot.extraction.model.FeedbackModel;
import dev.earshot.extraction.model.llm.InvalidModelOutput;
import dev.earshot.extraction.pipeline.ExtractionMetrics;
import dev.earshot.extraction.pipeline.ModelOutages;
import dev.earshot.gong.simulator.corpus.Corpus;
import dev.earshot.provider.ProviderHttp;
import dev.earshot.testing.eval.CorpusCalls;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.math.BigDecimal;
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
    // the drafter's endpoint priced as gpt-5-mini's list prices: $0.25 in, $2.00 out per million
    ExtractionProperties.Llm openai =
        new ExtractionProperties.Llm(
            null,
            null,
            null,
            null,
            "gpt-5-mini",
            null,
            0,
            16000,
            new BigDecimal("0.25"),
            new BigDecimal("2.00"),
            true);
    return new FollowUpCallListener(
        new DraftingFollowUps(model),
        null,
        new FollowUpMetrics(
            meters,
            new ExtractionMetrics(
                meters,
                new ExtractionProperties(
                    "offline", openai, null, null, List.of(), Map.of(), List.of(), 2, null))));
  }

  /** {@code failure} as a drafter throws it after answers it was billed for. */
  private static RuntimeException billed(RuntimeException failure, long input, long output) {
    failure.addSuppressed(
        new FeedbackModel.BilledBeforeFailure(
            new FeedbackModel.Usage(40_000, 9_000, input, output)));
    return failure;
  }

  private double tokens(String type) {
    var counter =
        meters
            .find("earshot.followups.model.tokens")
            .tags("provider", "openai", "type", type)
            .counter();
    return counter == null ? 0 : counter.count();
  }

  /**
   * A draft that fails after its answers were billed — two invalid answers (dead-lettered), or an
   * outage on the re-ask (retried) — meters their input and output tokens and cost, as extraction
   * does; the sent and transcript tokens count drafted calls only.
   */
  @Test
  void theTokensAFailedDraftWasBilledForAreMeteredWithTheirCost() {
    var invalid = billed(new InvalidModelOutput("cites sentence 888888, not given"), 10_000, 600);
    assertThatThrownBy(() -> listener(failingWith(invalid)).on(aCall())).isSameAs(invalid);
    var outage =
        billed(
            new ProviderHttp.ModelUnavailable(
                ProviderHttp.Outage.PROVIDER_FAILED, 503, "HTTP 503 from api.openai.com", null),
            5_000,
            300);
    assertThatThrownBy(() -> listener(failingWith(outage)).on(aCall())).isSameAs(outage);

    assertThat(tokens("input")).isEqualTo(15_000);
    assertThat(tokens("output")).isEqualTo(900);
    assertThat(tokens("sent")).isZero();
    assertThat(tokens("transcript")).isZero();
    // 15,000 × 0.25 / 1e6 + 900 × 2.00 / 1e6
    assertThat(
            meters
                .get("earshot.followups.model.cost.usd")
                .tag("provider", "openai")
                .counter()
                .count())
        .isCloseTo(0.00555, org.assertj.core.data.Offset.offset(1e-12));
    assertThat(meters.find("earshot.followups.published").counter()).isNull();
  }

  @Test
  void aFailureNothingWasBilledForMetersNothing() {
    var invalid = new InvalidModelOutput("the answer is not JSON");
    assertThatThrownBy(() -> listener(failingWith(invalid)).on(aCall())).isSameAs(invalid);

    assertThat(meters.find("earshot.followups.model.tokens").counter()).isNull();
    assertThat(meters.find("earshot.followups.model.cost.usd").counter()).isNull();
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
