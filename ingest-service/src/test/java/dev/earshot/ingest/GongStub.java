package dev.earshot.ingest;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.earshot.gong.client.GongJson;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A Gong stand-in that answers exactly what a test gives it: listings filtered by start time as
 * Gong filters them ({@code [fromDateTime, toDateTime)}), extensive and transcript elements as raw
 * JSON (so a test can send shapes the simulator never produces), and, when told, the same refusal
 * to every request (a 429 with an hours-long {@code Retry-After}, a 401). Counts what it was asked.
 */
public final class GongStub implements AutoCloseable {

  /** A refusal sent to every API request while set: status, {@code Retry-After} (or null), body. */
  public record Refusal(int status, String retryAfter, String body) {}

  private final HttpServer server;
  private final List<JsonNode> listing = new CopyOnWriteArrayList<>();
  private final Map<String, JsonNode> extensive = new ConcurrentHashMap<>();
  private final Map<String, JsonNode> transcripts = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();
  private final List<String> transcriptRequestIds = new CopyOnWriteArrayList<>();
  private final AtomicReference<Refusal> refusal = new AtomicReference<>();

  private GongStub() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext("/", this::handle);
    server.start();
  }

  public static GongStub start() {
    try {
      return new GongStub();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public String baseUrl() {
    return "http://localhost:" + server.getAddress().getPort();
  }

  /** Replaces what {@code GET /v2/calls} lists: Gong's call metadata objects. */
  public GongStub listing(List<JsonNode> calls) {
    listing.clear();
    listing.addAll(calls);
    return this;
  }

  /** What {@code calls/extensive} answers for the call: any JSON, as Gong would send it. */
  public GongStub extensive(String callId, JsonNode element) {
    extensive.put(callId, element);
    return this;
  }

  /** What {@code calls/transcript} answers for the call: any JSON, as Gong would send it. */
  public GongStub transcript(String callId, JsonNode element) {
    transcripts.put(callId, element);
    return this;
  }

  /** Every API request is answered with this refusal until {@link #accept()}. */
  public void refuse(Refusal answer) {
    refusal.set(answer);
  }

  public void accept() {
    refusal.set(null);
  }

  /** API requests by endpoint ({@code users}, {@code calls}, {@code calls_extensive}, …). */
  public long requests(String endpoint) {
    AtomicLong n = counts.get(endpoint);
    return n == null ? 0 : n.get();
  }

  /** API requests of every endpoint. */
  public long requests() {
    return counts.values().stream().mapToLong(AtomicLong::get).sum();
  }

  /** Call ids named in transcript requests, in order, repeats included. */
  public List<String> transcriptRequestIds() {
    return List.copyOf(transcriptRequestIds);
  }

  public void resetCounts() {
    counts.clear();
    transcriptRequestIds.clear();
  }

  @Override
  public void close() {
    server.stop(0);
  }

  // ---- serving ----

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String path = ex.getRequestURI().getPath();
      String endpoint =
          switch (path) {
            case "/v2/users" -> "users";
            case "/v2/calls" -> "calls";
            case "/v2/calls/extensive" -> "calls_extensive";
            case "/v2/calls/transcript" -> "calls_transcript";
            default -> null;
          };
      if (endpoint == null) {
        send(ex, 404, error("Not found"), null);
        return;
      }
      counts.computeIfAbsent(endpoint, k -> new AtomicLong()).incrementAndGet();
      Refusal refused = refusal.get();
      if (refused != null) {
        send(ex, refused.status(), refused.body(), refused.retryAfter());
        return;
      }
      switch (endpoint) {
        case "users" -> send(ex, 200, users(), null);
        case "calls" -> calls(ex);
        case "calls_extensive" -> elements(ex, "calls", extensive, false);
        default -> elements(ex, "callTranscripts", transcripts, true);
      }
    }
  }

  private static String users() {
    return "{\"requestId\":\"stub\",\"records\":{\"totalRecords\":1,\"currentPageSize\":1,"
        + "\"currentPageNumber\":0},\"users\":[{\"id\":\"881200345566771\","
        + "\"emailAddress\":\"dana.reyes@ourco.example.com\",\"firstName\":\"Dana\"}]}";
  }

  private void calls(HttpExchange ex) throws IOException {
    Map<String, String> query = query(ex.getRequestURI().getRawQuery());
    Instant from = instant(query.get("fromDateTime"), Instant.EPOCH);
    Instant to = instant(query.get("toDateTime"), Instant.MAX);
    List<JsonNode> listed = new ArrayList<>();
    for (JsonNode call : listing) {
      Instant started = instant(call.path("started").asString(null), null);
      if (started != null && !started.isBefore(from) && started.isBefore(to)) {
        listed.add(call);
      }
    }
    if (listed.isEmpty()) {
      send(ex, 404, error("No calls found corresponding to the provided filters"), null);
      return;
    }
    send(ex, 200, page("calls", listed), null);
  }

  private void elements(
      HttpExchange ex, String field, Map<String, JsonNode> source, boolean transcript)
      throws IOException {
    JsonNode body = GongJson.mapper().readTree(ex.getRequestBody().readAllBytes());
    List<JsonNode> answered = new ArrayList<>();
    for (JsonNode id : body.path("filter").path("callIds")) {
      if (transcript) {
        transcriptRequestIds.add(id.asString());
      }
      JsonNode element = source.get(id.asString());
      if (element != null) {
        answered.add(element);
      }
    }
    if (answered.isEmpty()) {
      send(ex, 404, error("No calls found corresponding to the provided filters"), null);
      return;
    }
    send(ex, 200, page(field, answered), null);
  }

  private static String page(String field, List<JsonNode> items) {
    ObjectNode page = GongJson.mapper().createObjectNode();
    page.put("requestId", "stub");
    ObjectNode records = page.putObject("records");
    records.put("totalRecords", items.size());
    records.put("currentPageSize", items.size());
    records.put("currentPageNumber", 0);
    ArrayNode array = page.putArray(field);
    items.forEach(array::add);
    return GongJson.mapper().writeValueAsString(page);
  }

  private static String error(String message) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("requestId", "stub");
    body.put("errors", List.of(message));
    return GongJson.mapper().writeValueAsString(body);
  }

  private static void send(HttpExchange ex, int status, String body, String retryAfter)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().add("Content-Type", "application/json");
    if (retryAfter != null) {
      ex.getResponseHeaders().add("Retry-After", retryAfter);
    }
    ex.sendResponseHeaders(status, bytes.length);
    ex.getResponseBody().write(bytes);
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> params = new HashMap<>();
    if (raw == null) {
      return params;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        params.put(
            pair.substring(0, eq),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return params;
  }

  private static Instant instant(String text, Instant fallback) {
    return text == null || text.isBlank() ? fallback : OffsetDateTime.parse(text).toInstant();
  }
}
