package dev.earshot.extraction.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.earshot.events.Topics;
import dev.earshot.extraction.ExtractionProperties;
import dev.earshot.extraction.call.NormalisedCall;
import dev.earshot.extraction.extract.FeatureAreas;
import dev.earshot.extraction.model.FeedbackModel;
import dev.earshot.extraction.model.Taxonomy;
import dev.earshot.extraction.organise.Organising;
import dev.earshot.gong.simulator.corpus.Corpus;
import dev.earshot.provider.ProviderHttp;
import dev.earshot.testing.eval.CorpusCalls;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
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

/**
 * The listener's handling of a model that cannot serve, without Kafka: the outage is rethrown as it
 * is (service-kit retries it as transient) and its reason is logged, since service-kit's own line
 * names only the exception's class.
 */
class CallListenerTest {

  /**
   * What OpenAI's reasoning models answer a request with {@code max_tokens}, in Earshot's words.
   */
  static final ProviderHttp.ModelUnavailable REFUSED_SETTINGS =
      new ProviderHttp.ModelUnavailable(
          ProviderHttp.Outage.MISCONFIGURED,
          400,
          "HTTP 400 from api.openai.com (invalid_request_error/unsupported_parameter): the model"
              + " refuses the request's settings (parameter max_tokens): check the model's name,"
              + " max-output-tokens and what the model accepts"
              + "; an OpenAI reasoning model (o1, o3, o4-mini, gpt-5…) takes"
              + " max_completion_tokens and no temperature: set reasoning: true in the model's"
              + " settings",
          null);

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

  private static FeedbackModel failingWith(RuntimeException failure) {
    return new FeedbackModel() {
      @Override
      public ModelInfo info() {
        return new ModelInfo("openai", "o4-mini", "prompt-2");
      }

      @Override
      public Extraction extract(NormalisedCall call, Taxonomy taxonomy) {
        throw failure;
      }

      @Override
      public Duration longestCall() {
        return Duration.ofSeconds(1);
      }
    };
  }

  private static CallListener listener(FeedbackModel model) {
    return new CallListener(
        new ExtractingFeedback(
            model,
            new Organising(Organising.DEFAULT_BOARDS, Map.of()),
            FeatureAreas.DEFAULTS,
            Clock.systemUTC()),
        null,
        new ExtractionMetrics(
            new SimpleMeterRegistry(),
            new ExtractionProperties(
                "openai", null, null, null, List.of(), Map.of(), List.of(), 2, null)));
  }

  static ConsumerRecord<String, SpecificRecord> aCall() {
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
    ConsumerRecord<String, SpecificRecord> record = aCall();

    assertThatThrownBy(() -> listener(failingWith(REFUSED_SETTINGS)).on(record))
        .isSameAs(REFUSED_SETTINGS);

    assertThat(logs.list)
        .singleElement()
        .satisfies(
            line -> {
              assertThat(line.getLevel()).isEqualTo(Level.ERROR);
              assertThat(line.getFormattedMessage())
                  .contains("openai model o4-mini refuses every call until its settings")
                  .contains("retried, not dead-lettered")
                  .contains("(parameter max_tokens)")
                  .contains("set reasoning: true");
              assertThat(line.getKeyValuePairs())
                  .anySatisfy(
                      kv -> {
                        assertThat(kv.key).isEqualTo("outage");
                        assertThat(kv.value).isEqualTo(ProviderHttp.Outage.MISCONFIGURED);
                      })
                  .anySatisfy(
                      kv -> {
                        assertThat(kv.key).isEqualTo("callId");
                        assertThat(kv.value).isEqualTo(record.key());
                      });
            });
  }

  @Test
  void anOutageThatPassesByItselfIsLoggedAtWarn() {
    var down =
        new ProviderHttp.ModelUnavailable(
            ProviderHttp.Outage.PROVIDER_FAILED,
            503,
            "HTTP 503 from api.openai.com: provider failed",
            null);

    assertThatThrownBy(() -> listener(failingWith(down)).on(aCall())).isSameAs(down);

    assertThat(logs.list)
        .singleElement()
        .satisfies(
            line -> {
              assertThat(line.getLevel()).isEqualTo(Level.WARN);
              assertThat(line.getFormattedMessage())
                  .contains("cannot answer now")
                  .contains("HTTP 503 from api.openai.com: provider failed");
            });
  }
}
