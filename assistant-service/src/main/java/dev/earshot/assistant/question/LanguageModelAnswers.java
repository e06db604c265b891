package dev.earshot.assistant.question;

import dev.earshot.provider.LanguageModelChat;
import dev.earshot.provider.ProviderHttp;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * A language model writes the answer from the numbered passages, through the shared {@link
 * LanguageModelChat} (OpenAI-compatible or Anthropic, one request per question). Every claim must
 * cite at least one passage, and every number cited must be one of the passages given: an answer
 * that breaks this is refused and asked again once; a second refusal, no answer or a provider
 * outage leaves the question to the extractive answer (the caller's fallback).
 *
 * <p>Metrics: {@code earshot.assistant.answers.requests{provider, outcome=accepted|refused|
 * unanswered|unavailable}}, {@code earshot.assistant.answers.tokens{provider, direction=input|
 * output}}, {@code earshot.assistant.answers.cost{provider}} (in the configured prices' currency).
 */
public final class LanguageModelAnswers implements AnswerWriter {

  private static final Logger log = LoggerFactory.getLogger(LanguageModelAnswers.class);

  /** How the answer is named to the provider. */
  public static final LanguageModelChat.AnswerName ANSWER =
      new LanguageModelChat.AnswerName(
          "cited_answer",
          "record_cited_answer",
          "Record the answer as claims, each citing the numbers of the passages it rests on.");

  static final String SYSTEM =
      """
      You answer questions about a customer for a sales or success team, from passages of the \
      customer's recorded calls (Gong's summaries of them and the customers' own words). Use only \
      the passages. Write short claims; every claim cites the numbers of the passages it rests \
      on. If the passages do not answer the question, say so in one claim citing the closest \
      passage.""";

  static final Map<String, Object> SCHEMA =
      Map.of(
          "type",
          "object",
          "additionalProperties",
          false,
          "required",
          List.of("claims"),
          "properties",
          Map.of(
              "claims",
              Map.of(
                  "type",
                  "array",
                  "items",
                  Map.of(
                      "type",
                      "object",
                      "additionalProperties",
                      false,
                      "required",
                      List.of("text", "citations"),
                      "properties",
                      Map.of(
                          "text", Map.of("type", "string"),
                          "citations",
                              Map.of("type", "array", "items", Map.of("type", "integer")))))));

  private final LanguageModelChat chat;
  private final BigDecimal inputPrice;
  private final BigDecimal outputPrice;
  private final MeterRegistry meters;

  /**
   * @param chat the provider
   * @param inputPricePerMillion price of a million input tokens
   * @param outputPricePerMillion price of a million output tokens
   */
  public LanguageModelAnswers(
      LanguageModelChat chat,
      BigDecimal inputPricePerMillion,
      BigDecimal outputPricePerMillion,
      MeterRegistry meters) {
    this.chat = chat;
    this.inputPrice = inputPricePerMillion;
    this.outputPrice = outputPricePerMillion;
    this.meters = meters;
  }

  @Override
  public Answer.Model model() {
    return new Answer.Model("generative", chat.provider() + ":" + chat.model(), null);
  }

  @Override
  public Optional<List<Claim>> write(String customer, String question, List<String> passages) {
    StringBuilder user =
        new StringBuilder("Customer: ")
            .append(customer)
            .append("\nQuestion: ")
            .append(question)
            .append("\nPassages:\n");
    for (int i = 0; i < passages.size(); i++) {
      user.append('[').append(i + 1).append("] ").append(passages.get(i)).append('\n');
    }
    for (int attempt = 1; attempt <= 2; attempt++) {
      LanguageModelChat.Reply reply;
      try {
        reply = chat.ask(SYSTEM, user.toString(), SCHEMA);
      } catch (ProviderHttp.ModelUnavailable | ProviderHttp.RequestRefused unavailable) {
        count("unavailable");
        log.atWarn()
            .addKeyValue("provider", chat.provider())
            .addKeyValue("error", unavailable.getClass().getSimpleName())
            .log("the language model could not answer; the extractive answer stands");
        return Optional.empty();
      }
      meter(reply);
      if (reply.output() == null) {
        count("unanswered");
        continue;
      }
      Optional<List<Claim>> claims = cited(reply.output(), passages.size());
      if (claims.isPresent()) {
        count("accepted");
        return claims;
      }
      count("refused");
      log.atInfo()
          .addKeyValue("provider", chat.provider())
          .addKeyValue("attempt", attempt)
          .log("an answer with an uncited claim or a citation of no passage was refused");
    }
    return Optional.empty();
  }

  /** The claims when every one cites at least one passage and only passages that exist. */
  static Optional<List<Claim>> cited(JsonNode output, int passages) {
    JsonNode claims = output.path("claims");
    if (!claims.isArray() || claims.isEmpty()) {
      return Optional.empty();
    }
    List<Claim> out = new ArrayList<>();
    for (JsonNode claim : claims) {
      String text = claim.path("text").asString("").strip();
      JsonNode numbers = claim.path("citations");
      if (text.isEmpty() || !numbers.isArray() || numbers.isEmpty()) {
        return Optional.empty();
      }
      List<Integer> citations = new ArrayList<>();
      for (JsonNode n : numbers) {
        if (!n.isIntegralNumber() || n.asInt() < 1 || n.asInt() > passages) {
          return Optional.empty();
        }
        if (!citations.contains(n.asInt())) {
          citations.add(n.asInt());
        }
      }
      out.add(new Claim(text, List.copyOf(citations)));
    }
    return Optional.of(List.copyOf(out));
  }

  private void meter(LanguageModelChat.Reply reply) {
    meters
        .counter(
            "earshot.assistant.answers.tokens", "provider", chat.provider(), "direction", "input")
        .increment(reply.inputTokens());
    meters
        .counter(
            "earshot.assistant.answers.tokens", "provider", chat.provider(), "direction", "output")
        .increment(reply.outputTokens());
    BigDecimal cost =
        inputPrice
            .multiply(BigDecimal.valueOf(reply.inputTokens()))
            .add(outputPrice.multiply(BigDecimal.valueOf(reply.outputTokens())))
            .divide(BigDecimal.valueOf(1_000_000), 8, RoundingMode.HALF_UP);
    meters
        .counter("earshot.assistant.answers.cost", "provider", chat.provider())
        .increment(cost.doubleValue());
  }

  private void count(String outcome) {
    meters
        .counter(
            "earshot.assistant.answers.requests", "provider", chat.provider(), "outcome", outcome)
        .increment();
  }
}
