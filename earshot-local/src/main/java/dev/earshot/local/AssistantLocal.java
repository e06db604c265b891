package dev.earshot.local;

import dev.earshot.assistant.AssistantApplication;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/**
 * How assistant-service runs in the local stack: its database, the local issuer's key (its {@code
 * local} profile, {@code assistant-service-local.yaml}, turns the issuer on; it also signs the
 * service tokens the assistant sends to ingest-service's internal API, which ingest trusts through
 * the same key file), dedup-service's URL for merge suggestions, ingest-service's URL for calls the
 * read model does not hold; and what {@code --once} asks of it through its API.
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
    props.put("earshot.assistant.ingest.url", local.require(IngestLocal.NAME + ".url"));
    props.put("earshot.security.local-issuer-key-file", local.issuerKeyFile().toString());
    return props;
  }

  /**
   * Waits until the calls read model holds every call ingest published, then reads it through the
   * API and the MCP server: how many calls the calls API serves, whether a question about the demo
   * customer with the most calls (its CRM company, else its most frequent external participant) is
   * answered with at least one citation, and how many tools an MCP client lists.
   */
  static Map<String, Object> askAboutTheDemoCalls(LocalContext local) {
    long published = Long.parseLong(local.require(IngestLocal.CALLS_PUBLISHED));
    String token = local.require(IngestLocal.ADMIN_TOKEN);
    ServiceHttp assistant = ServiceHttp.of(local, NAME, token);
    Waiting.until(
        local,
        () -> assistant.metrics().count(CALLS_KEPT) >= published,
        Duration.ofMillis(Math.max(60_000, published * 100)),
        "the assistant's calls read model");
    JsonNode calls = assistant.get("/api/v1/calls?from=2000-01-01&limit=200");
    Map<String, Object> figures = new LinkedHashMap<>();
    figures.put("assistant_calls", calls.path("count").asLong());
    String customer =
        mostFrequent(
                calls
                    .path("calls")
                    .valueStream()
                    .map(call -> call.path("company").path("name").asString("")))
            .orElseGet(
                () ->
                    mostFrequent(
                            calls
                                .path("calls")
                                .valueStream()
                                .flatMap(call -> call.path("participants").valueStream())
                                .filter(p -> p.path("affiliation").asString("").equals("external"))
                                .map(p -> p.path("name").asString("")))
                        .orElse(null));
    boolean answered = false;
    if (customer != null) {
      JsonNode answer =
          assistant.post(
              "/api/v1/assistant/questions",
              Map.of("customer", customer, "question", "What did they ask for?", "maxCalls", 5));
      answered = answer.path("citations").size() >= 1;
    }
    figures.put("assistant_answered", answered);
    figures.put("assistant_gong_fallback", askedIngest(assistant));
    figures.put("mcp_tools", mcpTools(local.require(NAME + ".url"), token));
    return figures;
  }

  /**
   * Whether a call the read model does not hold is asked of ingest-service's internal read API (a
   * service token from the local issuer, ingest's URL): a call id Gong does not have is answered
   * 404 with Gong's reason through ingest, not 503 (ingest unreachable or the token refused).
   */
  private static boolean askedIngest(ServiceHttp assistant) {
    String fallbacks = Metrics.counter("earshot.assistant.calls.fallback");
    long before = assistant.metrics().count(fallbacks, "outcome", "not_found");
    ServiceHttp.Answer answer = assistant.send("GET", "/api/v1/calls/1000000000000000001", null);
    return answer.status() == 404
        && assistant.metrics().count(fallbacks, "outcome", "not_found") == before + 1;
  }

  private static java.util.Optional<String> mostFrequent(java.util.stream.Stream<String> names) {
    return names
        .filter(name -> !name.isBlank())
        .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()))
        .entrySet()
        .stream()
        .max(
            Map.Entry.<String, Long>comparingByValue()
                .thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder())))
        .map(Map.Entry::getKey);
  }

  /** The tools an MCP client (the MCP Java SDK's, on Streamable HTTP) lists with the token. */
  private static int mcpTools(String baseUrl, String token) {
    try (McpSyncClient client =
        McpClient.sync(
                HttpClientStreamableHttpTransport.builder(baseUrl)
                    .endpoint("/mcp")
                    .requestBuilder(
                        java.net.http.HttpRequest.newBuilder()
                            .header("Authorization", "Bearer " + token))
                    .build())
            .requestTimeout(Duration.ofSeconds(30))
            .build()) {
      client.initialize();
      return client.listTools().tools().size();
    }
  }
}
