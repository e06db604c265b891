package dev.earshot.dedup.judge;

import dev.earshot.provider.ProviderHttp;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts what a judge does, tagged by provider: questions by verdict ({@code
 * earshot.dedup.judge.questions}, verdict = picked, none, invalid_answer, refused, unavailable),
 * tokens billed ({@code earshot.dedup.judge.tokens}, type = input, output), their cost in USD where
 * prices are configured ({@code earshot.dedup.judge.cost.usd}) and time per question ({@code
 * earshot.dedup.judge.duration}); and why it could not answer, at ERROR when only a person ends the
 * outage ({@link ProviderHttp.Outage#needsOperator()}: a setting the model refuses, a refused key,
 * a spent account), else at WARN.
 */
public final class MeteredJudge implements MatchJudge {

  private static final Logger log = LoggerFactory.getLogger(MeteredJudge.class);

  private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);

  private final MatchJudge judge;
  private final MeterRegistry meters;
  private final BigDecimal inputPricePerMillion;
  private final BigDecimal outputPricePerMillion;

  /**
   * @param inputPricePerMillion USD per million input tokens (0: cost not counted)
   * @param outputPricePerMillion USD per million output tokens
   */
  public MeteredJudge(
      MatchJudge judge,
      MeterRegistry meters,
      BigDecimal inputPricePerMillion,
      BigDecimal outputPricePerMillion) {
    this.judge = judge;
    this.meters = meters;
    this.inputPricePerMillion = inputPricePerMillion;
    this.outputPricePerMillion = outputPricePerMillion;
  }

  @Override
  public boolean asks() {
    return judge.asks();
  }

  @Override
  public String provider() {
    return judge.provider();
  }

  @Override
  public Duration longestCall() {
    return judge.longestCall();
  }

  @Override
  public Verdict judge(Question question) {
    long began = System.nanoTime();
    Verdict verdict;
    try {
      verdict = judge.judge(question);
    } catch (ProviderHttp.ModelUnavailable outage) {
      count("unavailable");
      // the caller retries the item or leaves a re-check unasked; only this line says why
      (outage.outage().needsOperator() ? log.atError() : log.atWarn())
          .addKeyValue("provider", provider())
          .addKeyValue("outage", outage.outage())
          .addKeyValue("status", outage.status())
          .log(
              outage.outage().needsOperator()
                  ? "the match judge ({}) refuses every question until its settings, key or account"
                      + " are fixed: {}"
                  : "the match judge ({}) cannot answer now: {}",
              provider(),
              outage.getMessage());
      throw outage;
    } finally {
      meters
          .timer("earshot.dedup.judge.duration", "provider", provider())
          .record(System.nanoTime() - began, TimeUnit.NANOSECONDS);
    }
    count(
        switch (verdict) {
          case Verdict.Picked p -> "picked";
          case Verdict.NoneChosen n -> "none";
          case Verdict.Unanswered u -> u.reason();
          case Verdict.NotAsked n -> "not_asked";
        });
    Usage usage = verdict.usage();
    tokens("input", usage.inputTokens());
    tokens("output", usage.outputTokens());
    BigDecimal cost = cost(usage);
    if (cost.signum() > 0) {
      meters
          .counter("earshot.dedup.judge.cost.usd", "provider", provider())
          .increment(cost.doubleValue());
    }
    return verdict;
  }

  /** USD for these tokens at the configured prices. */
  BigDecimal cost(Usage usage) {
    return inputPricePerMillion
        .multiply(BigDecimal.valueOf(usage.inputTokens()))
        .add(outputPricePerMillion.multiply(BigDecimal.valueOf(usage.outputTokens())))
        .divide(MILLION, MathContext.DECIMAL64);
  }

  private void count(String verdict) {
    meters
        .counter("earshot.dedup.judge.questions", "provider", provider(), "verdict", verdict)
        .increment();
  }

  private void tokens(String type, long tokens) {
    if (tokens > 0) {
      meters
          .counter("earshot.dedup.judge.tokens", "provider", provider(), "type", type)
          .increment(tokens);
    }
  }
}
