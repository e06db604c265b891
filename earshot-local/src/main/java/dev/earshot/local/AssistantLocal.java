package dev.earshot.local;

import dev.earshot.assistant.AssistantApplication;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/**
 * How assistant-service runs in the local stack: its database, the local issuer's key (its {@code
 * local} profile, {@code assistant-service-local.yaml}, turns the issuer on), dedup-service's URL
 * for merge suggestions; and what {@code --once} asks of it through its API.
 */
final class AssistantLocal {

  static final Class<?> APP = AssistantApplication.class;
  static final String NAME = "assistant_service";
  static final String MODULE = "assistant-service";
  private static final String CALLS_KEPT = Metrics.counter("earshot.assistant.calls.kept");

  private AssistantLocal() {}

  static Map<String, Object> properties(LocalContext local) {
    Map<String, Object> props = new LinkedHashMap<>();
    props.put("spring.datasource.url", local.jdbcUrl("assistant") + "&currentSchema=assistant");
    props.put("spring.datasource.username", "postgres");
    props.put("earshot.assistant.dedup-url", local.require(DedupLocal.NAME + ".url"));
    props.put("earshot.security.local-issuer-key-file", local.issuerKeyFile().toString());
    return props;
  }

  /**
   * Waits until the calls read model holds every call ingest published, then reads it through the
   * API: how many calls it serves, and a question about the customer with the most calls, answered
   * with citations.
   */
  static Map<String, Object> askAboutTheDemoCalls(LocalContext local) {
    long published = Long.parseLong(local.require(IngestLocal.CALLS_PUBLISHED));
    ServiceHttp assistant = ServiceHttp.of(local, NAME, local.require(IngestLocal.ADMIN_TOKEN));
    Waiting.until(
        local,
        () -> assistant.metrics().count(CALLS_KEPT) >= published,
        Duration.ofMillis(Math.max(60_000, published * 100)),
        "the assistant's calls read model");
    JsonNode calls = assistant.get("/api/v1/calls?from=2000-01-01&limit=200");
    String customer =
        calls
            .path("calls")
            .valueStream()
            .map(call -> call.path("company").path("name").asString(""))
            .filter(name -> !name.isBlank())
            .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()))
            .entrySet()
            .stream()
            .max(
                Map.Entry.<String, Long>comparingByValue()
                    .thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder())))
            .map(Map.Entry::getKey)
            .orElse(null);
    Map<String, Object> figures = new LinkedHashMap<>();
    figures.put("assistant_calls", calls.path("count").asLong());
    if (customer == null) {
      figures.put("answer_citations", null);
      return figures;
    }
    JsonNode answer =
        assistant.post(
            "/api/v1/assistant/questions",
            Map.of("customer", customer, "question", "What did they ask for?", "maxCalls", 5));
    figures.put("answer_citations", answer.path("citations").size());
    return figures;
  }
}
