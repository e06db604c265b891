package dev.earshot.dedup.judge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.earshot.provider.ProviderHttp;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Questions by verdict, tokens and cost, tagged by provider. */
class MeteredJudgeTest {

  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final Deque<Supplier<MatchJudge.Verdict>> answers = new ArrayDeque<>();

  private final MatchJudge scripted =
      new MatchJudge() {
        @Override
        public boolean asks() {
          return true;
        }

        @Override
        public Verdict judge(Question question) {
          return answers.removeFirst().get();
        }

        @Override
        public String provider() {
          return "openai";
        }

        @Override
        public Duration longestCall() {
          return Duration.ofSeconds(1);
        }
      };

  // gpt-4o-mini's list prices: $0.15 in, $0.60 out per million tokens
  private final MeteredJudge judge =
      new MeteredJudge(scripted, meters, new BigDecimal("0.15"), new BigDecimal("0.60"));

  private double count(String verdict) {
    var c =
        meters
            .find("earshot.dedup.judge.questions")
            .tags("provider", "openai", "verdict", verdict)
            .counter();
    return c == null ? 0 : c.count();
  }

  @Test
  void countsVerdictsTokensAndCost() {
    answers.add(
        () -> new MatchJudge.Verdict.Picked(Questions.SSO_POST, new MatchJudge.Usage(1_000, 10)));
    answers.add(() -> new MatchJudge.Verdict.NoneChosen(new MatchJudge.Usage(2_000, 10)));
    answers.add(
        () -> new MatchJudge.Verdict.Unanswered("invalid_answer", new MatchJudge.Usage(500, 30)));
    answers.add(() -> new MatchJudge.Verdict.Unanswered("refused", MatchJudge.Usage.NONE));

    for (int i = 0; i < 4; i++) {
      judge.judge(Questions.ssoItem());
    }

    assertThat(count("picked")).isEqualTo(1);
    assertThat(count("none")).isEqualTo(1);
    assertThat(count("invalid_answer")).isEqualTo(1);
    assertThat(count("refused")).isEqualTo(1);
    assertThat(meters.get("earshot.dedup.judge.tokens").tag("type", "input").counter().count())
        .isEqualTo(3_500);
    assertThat(meters.get("earshot.dedup.judge.tokens").tag("type", "output").counter().count())
        .isEqualTo(50);
    // 3,500 × 0.15 / 1e6 + 50 × 0.60 / 1e6
    assertThat(meters.get("earshot.dedup.judge.cost.usd").counter().count())
        .isCloseTo(0.000555, org.assertj.core.data.Offset.offset(1e-12));
    assertThat(meters.get("earshot.dedup.judge.duration").timer().count()).isEqualTo(4);
  }

  @Test
  void anOutageIsCountedAndThrownOn() {
    answers.add(
        () -> {
          throw new ProviderHttp.ModelUnavailable(
              ProviderHttp.Outage.THROTTLED, 429, "HTTP 429 from api.openai.com", null);
        });

    assertThatThrownBy(() -> judge.judge(Questions.ssoItem()))
        .isInstanceOf(ProviderHttp.ModelUnavailable.class);
    assertThat(count("unavailable")).isEqualTo(1);
  }

  @Test
  void aSettingTheModelRefusesIsLoggedAtErrorWithItsReason() {
    var appender =
        new ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent>();
    appender.start();
    var logger =
        (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(MeteredJudge.class);
    logger.addAppender(appender);
    try {
      answers.add(
          () -> {
            throw new ProviderHttp.ModelUnavailable(
                ProviderHttp.Outage.MISCONFIGURED,
                400,
                "HTTP 400 from api.openai.com (invalid_request_error/unsupported_parameter): the"
                    + " model refuses the request's settings (parameter max_tokens): … set"
                    + " reasoning: true in the model's settings",
                null);
          });
      answers.add(
          () -> {
            throw new ProviderHttp.ModelUnavailable(
                ProviderHttp.Outage.THROTTLED, 429, "HTTP 429 from api.openai.com", null);
          });

      assertThatThrownBy(() -> judge.judge(Questions.ssoItem()))
          .isInstanceOf(ProviderHttp.ModelUnavailable.class);
      assertThatThrownBy(() -> judge.judge(Questions.ssoItem()))
          .isInstanceOf(ProviderHttp.ModelUnavailable.class);

      assertThat(appender.list).hasSize(2);
      assertThat(appender.list.get(0).getLevel()).isEqualTo(ch.qos.logback.classic.Level.ERROR);
      assertThat(appender.list.get(0).getFormattedMessage())
          .contains("refuses every question")
          .contains("(parameter max_tokens)")
          .contains("set reasoning: true");
      assertThat(appender.list.get(1).getLevel()).isEqualTo(ch.qos.logback.classic.Level.WARN);
      assertThat(appender.list.get(1).getFormattedMessage()).contains("HTTP 429");
    } finally {
      logger.detachAppender(appender);
    }
  }

  @Test
  void withoutPricesNoCostIsCounted() {
    var free = new MeteredJudge(scripted, meters, BigDecimal.ZERO, BigDecimal.ZERO);
    answers.add(() -> new MatchJudge.Verdict.NoneChosen(new MatchJudge.Usage(2_000, 10)));

    free.judge(Questions.ssoItem());

    assertThat(meters.find("earshot.dedup.judge.cost.usd").counter()).isNull();
  }
}
