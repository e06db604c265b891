package dev.earshot.extraction.pipeline;

import dev.earshot.provider.ProviderHttp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * Says why a language model could not serve a call, while service-kit retries the call as a
 * transient failure: its own log line names only the exception's class, and the health contributor
 * its simple name, so without this line an operator sees {@code ModelUnavailable} and not whether
 * the provider is down or refuses the request's settings. One line per failed attempt (service-kit
 * waits up to a minute between them), at ERROR when only a person ends the outage ({@link
 * ProviderHttp.Outage#needsOperator()}: a setting the model refuses, a refused key, a spent
 * account), else at WARN. The reason is the exception's message: status, host, the provider's error
 * type and code and Earshot's advice (e.g. "set reasoning: true in the model's settings"), never
 * the provider's text or the call's words.
 */
public final class ModelOutages {

  private static final Logger log = LoggerFactory.getLogger(ModelOutages.class);

  private ModelOutages() {}

  /**
   * Logs {@code outage} for one call.
   *
   * @param stage {@code extraction} or {@code followups}
   * @param provider the model's provider ({@code openai}, {@code anthropic})
   * @param model the model's name
   */
  public static void report(
      String stage,
      String provider,
      String model,
      String callId,
      ProviderHttp.ModelUnavailable outage) {
    boolean needsOperator = outage.outage().needsOperator();
    LoggingEventBuilder line = needsOperator ? log.atError() : log.atWarn();
    line.addKeyValue("stage", stage)
        .addKeyValue("provider", provider)
        .addKeyValue("model", model)
        .addKeyValue("callId", callId)
        .addKeyValue("outage", outage.outage())
        .addKeyValue("status", outage.status())
        .log(
            needsOperator
                ? "{} model {} refuses every call until its settings, key or account are fixed;"
                    + " the call is retried, not dead-lettered: {}"
                : "{} model {} cannot answer now; the call is retried, not dead-lettered: {}",
            provider,
            model,
            outage.getMessage());
  }
}
