package dev.earshot.ingest;

import dev.earshot.gong.client.GongJson;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A Gong workspace on a {@link GongStub} that answers exactly what a test gives it: listings
 * filtered by start time as Gong filters them ({@code [fromDateTime, toDateTime)}), extensive and
 * transcript elements as raw JSON (shapes the simulator never produces), and, when told, the same
 * refusal to every request (a 429 with an hours-long {@code Retry-After}, a 401).
 */
public final class StubWorkspace implements AutoCloseable {

  public static final String USERS = "/v2/users";
  public static final String CALLS = "/v2/calls";
  public static final String EXTENSIVE = "/v2/calls/extensive";
  public static final String TRANSCRIPT = "/v2/calls/transcript";

  private final GongStub gong = GongStub.start();
  private final List<JsonNode> listing = new CopyOnWriteArrayList<>();
  private final Map<String, JsonNode> extensive = new ConcurrentHashMap<>();
  private final Map<String, JsonNode> transcripts = new ConcurrentHashMap<>();
  private final AtomicReference<GongStub.Answer> refusal = new AtomicReference<>();

  private StubWorkspace() {
    gong.handle("GET", USERS, request -> refusedOr(() -> GongStub.users(1)));
    gong.handle("GET", CALLS, request -> refusedOr(() -> calls(request.query())));
    gong.handle(
        "POST", EXTENSIVE, request -> refusedOr(() -> elements(request, "calls", extensive)));
    gong.handle(
        "POST",
        TRANSCRIPT,
        request -> refusedOr(() -> elements(request, "callTranscripts", transcripts)));
  }

  public static StubWorkspace start() {
    return new StubWorkspace();
  }

  /**
   * A {@code GET /v2/calls} item (Gong's call metadata); {@code isPrivate} null leaves the flag
   * out, as some answers do.
   */
  public static ObjectNode listedCall(String id, Instant started, long seconds, Boolean isPrivate) {
    ObjectNode call = GongJson.mapper().createObjectNode();
    call.put("id", id);
    call.put("url", "https://us-1.app.gong.io/call?id=" + id);
    call.put("title", "Call " + id);
    call.put("started", started.toString());
    call.put("duration", seconds);
    call.put("language", "eng");
    if (isPrivate != null) {
      call.put("isPrivate", isPrivate);
    }
    return call;
  }

  /**
   * A {@code calls/extensive} element: the metadata, one external party with speaker {@code s1},
   * and {@code context} (Gong's CRM context array, as JSON).
   */
  public static ObjectNode extensiveCall(
      String id, Instant started, Boolean isPrivate, String context) {
    ObjectNode call = GongJson.mapper().createObjectNode();
    call.set("metaData", listedCall(id, started, 600, isPrivate));
    call.set("context", GongJson.mapper().readTree(context));
    call.set(
        "parties",
        GongJson.mapper()
            .readTree(
                "[{\"id\":\"p1\",\"speakerId\":\"s1\",\"affiliation\":\"External\","
                    + "\"emailAddress\":\"li@customer.example\"}]"));
    return call;
  }

  /** A {@code calls/transcript} element: one sentence by speaker {@code s1}. */
  public static ObjectNode transcriptOf(String id, String text) {
    ObjectNode transcript = GongJson.mapper().createObjectNode();
    transcript.put("callId", id);
    ObjectNode monologue = transcript.putArray("transcript").addObject();
    monologue.put("speakerId", "s1");
    ObjectNode sentence = monologue.putArray("sentences").addObject();
    sentence.put("start", 0);
    sentence.put("end", 1000);
    sentence.put("text", text);
    return transcript;
  }

  /**
   * The workspace answers {@code calls/extensive} and {@code calls/transcript} for a public call.
   */
  public StubWorkspace publicCall(String id, Instant started, String text) {
    return extensive(id, extensiveCall(id, started, false, "[]"))
        .transcript(id, transcriptOf(id, text));
  }

  public String baseUrl() {
    return gong.baseUrl();
  }

  /** Replaces what {@code GET /v2/calls} lists: Gong's call metadata objects. */
  public StubWorkspace listing(List<JsonNode> calls) {
    listing.clear();
    listing.addAll(calls);
    return this;
  }

  /** What {@code calls/extensive} answers for the call: any JSON, as Gong would send it. */
  public StubWorkspace extensive(String callId, JsonNode element) {
    extensive.put(callId, element);
    return this;
  }

  /** What {@code calls/transcript} answers for the call: any JSON, as Gong would send it. */
  public StubWorkspace transcript(String callId, JsonNode element) {
    transcripts.put(callId, element);
    return this;
  }

  /** Every request is answered with {@code answer} until {@link #accept()}. */
  public void refuse(GongStub.Answer answer) {
    refusal.set(answer);
  }

  public void accept() {
    refusal.set(null);
  }

  /** Requests that reached the workspace, refused ones included. */
  public long requests() {
    return gong.received().size();
  }

  /** Requests that reached one path ({@link #CALLS}, {@link #EXTENSIVE}, …). */
  public long requests(String path) {
    return gong.received().stream().filter(r -> r.path().equals(path)).count();
  }

  /** Call ids named in transcript requests, in order, repeats included. */
  public List<String> transcriptRequestIds() {
    List<String> ids = new ArrayList<>();
    for (GongStub.Request request : gong.received()) {
      if (request.path().equals(TRANSCRIPT)) {
        GongJson.mapper()
            .readTree(request.body())
            .path("filter")
            .path("callIds")
            .forEach(id -> ids.add(id.asString()));
      }
    }
    return ids;
  }

  @Override
  public void close() {
    gong.close();
  }

  private GongStub.Answer refusedOr(java.util.function.Supplier<GongStub.Answer> answer) {
    GongStub.Answer refused = refusal.get();
    return refused != null ? refused : answer.get();
  }

  private GongStub.Answer calls(String rawQuery) {
    Map<String, String> query = query(rawQuery);
    Instant from = instant(query.get("fromDateTime"), Instant.EPOCH);
    Instant to = instant(query.get("toDateTime"), Instant.MAX);
    List<JsonNode> listed = new ArrayList<>();
    for (JsonNode call : listing) {
      Instant started = instant(call.path("started").asString(null), null);
      if (started != null && !started.isBefore(from) && started.isBefore(to)) {
        listed.add(call);
      }
    }
    return listed.isEmpty()
        ? GongStub.Answer.error(404, "No calls found corresponding to the provided filters")
        : GongStub.Answer.json(200, page("calls", listed));
  }

  private static GongStub.Answer elements(
      GongStub.Request request, String field, Map<String, JsonNode> source) {
    List<JsonNode> answered = new ArrayList<>();
    for (JsonNode id : GongJson.mapper().readTree(request.body()).path("filter").path("callIds")) {
      JsonNode element = source.get(id.asString());
      if (element != null) {
        answered.add(element);
      }
    }
    return answered.isEmpty()
        ? GongStub.Answer.error(404, "No calls found corresponding to the provided filters")
        : GongStub.Answer.json(200, page(field, answered));
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
