package dev.earshot.gong.simulator;

import static dev.earshot.gong.simulator.GongSimulator.error;
import static dev.earshot.gong.simulator.GongSimulator.requestId;

import dev.earshot.gong.simulator.Authentication.Caller;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gong's API v2 endpoints the simulator serves ({@code GET /v2/users}, {@code GET /v2/calls},
 * {@code POST /v2/calls/extensive}, {@code POST /v2/calls/transcript}) behind one gate: injected
 * latency and timeouts, authentication (access key or OAuth token), realism's scheduled revocation,
 * quota spending and 403s, scopes, rate limits and injected 5xx; then paging with cursors. Every
 * answer is counted per endpoint, credential and status in {@link Counters}.
 */
final class GongApi {

  private static final Logger log = LoggerFactory.getLogger(GongApi.class);

  private final SimulatorState state;
  private final Consumer<String> exhaustQuota;
  private final Map<String, AtomicInteger> extensiveMisses = new ConcurrentHashMap<>();
  private final Set<String> privateTranscriptIds = ConcurrentHashMap.newKeySet();

  /**
   * @param state the simulator's state
   * @param exhaustQuota spends a credential's daily quota ({@link GongSimulator#exhaustQuota}),
   *     when realism's schedule says so
   */
  GongApi(SimulatorState state, Consumer<String> exhaustQuota) {
    this.state = state;
    this.exhaustQuota = exhaustQuota;
  }

  /**
   * Answers {@code ex} when it is one of the API's requests.
   *
   * @return false when the method and path are not the API's (nothing was sent)
   * @throws GongSimulator.BadRequest when the request is malformed (counted as 400; the caller
   *     answers it)
   */
  boolean handle(Exchange ex) throws IOException {
    switch (ex.method() + " " + ex.path()) {
      case "GET /v2/users" -> api(ex, "users", "api:users:read", this::users);
      case "GET /v2/calls" -> api(ex, "calls", "api:calls:read:basic", this::calls);
      case "POST /v2/calls/extensive" ->
          api(ex, "calls_extensive", "api:calls:read:extensive", this::extensive);
      case "POST /v2/calls/transcript" ->
          api(ex, "calls_transcript", "api:calls:read:transcript", this::transcripts);
      default -> {
        return false;
      }
    }
    return true;
  }

  /**
   * Private call ids named in transcript requests since the last {@link #clearPrivateRequests()}.
   */
  Set<String> privateTranscriptRequests() {
    return Set.copyOf(privateTranscriptIds);
  }

  void clearPrivateRequests() {
    privateTranscriptIds.clear();
  }

  /** A handler of one API endpoint: returns the reply, which is counted before it is sent. */
  @FunctionalInterface
  private interface ApiHandler {
    Reply handle(Exchange ex, Caller caller) throws IOException;
  }

  /** An answer not yet sent: status and JSON body. */
  record Reply(int status, Object body) {}

  private void api(Exchange ex, String endpoint, String scope, ApiHandler handler)
      throws IOException {
    pause(state.faults().latencyMillis());
    if (state.faults().nextIsTimeout()) {
      pause(state.faults().timeoutMillis());
    }
    Caller caller;
    switch (Authentication.of(
        ex.header("Authorization"), state.accessKeys(), state.oauth(), state.clock().now())) {
      case Authentication.Caller known -> caller = known;
      case Authentication.Refused refused -> {
        state.counters().request(endpoint, "anonymous", 401);
        ex.json(401, error(refused.message()));
        return;
      }
    }
    String credential = caller.credential();
    Set<CredentialSchedule.Event> events = state.schedule().onRequest(credential);
    if (events.contains(CredentialSchedule.Event.REVOKE)) {
      revoke(caller);
      state.counters().request(endpoint, credential, 401);
      ex.json(401, error(GongSimulator.REVOKED));
      return;
    }
    if (events.contains(CredentialSchedule.Event.EXHAUST_QUOTA)) {
      exhaustQuota.accept(credential);
    }
    if (events.contains(CredentialSchedule.Event.FORBID) || state.faults().nextIsForbidden()) {
      state.counters().increment("realism.forbidden_without_scope");
      state.counters().request(endpoint, credential, 403);
      ex.json(403, error("Forbidden"));
      return;
    }
    if (!caller.scopes().contains(scope)) {
      state.counters().request(endpoint, credential, 403);
      ex.json(403, error("You don't have permission to use '" + scope + "' in your company"));
      return;
    }
    Optional<Limits.Refusal> refusal =
        state.faults().nextIsStorm()
            ? Optional.of(new Limits.Refusal(Duration.ofSeconds(1), false))
            : state.limits().admit(credential, state.clock().now());
    if (refusal.isPresent()) {
      state.counters().request(endpoint, credential, 429);
      ex.header("Retry-After", Long.toString(refusal.get().retryAfter().toSeconds()));
      ex.json(429, error(tooManyRequests(refusal.get())));
      return;
    }
    if (state.faults().nextIsError()) {
      state.counters().request(endpoint, credential, 503);
      ex.json(503, error("Service temporarily unavailable"));
      return;
    }
    Reply reply;
    try {
      reply = handler.handle(ex, caller);
    } catch (GongSimulator.BadRequest e) {
      state.counters().request(endpoint, credential, 400);
      throw e;
    }
    state.counters().request(endpoint, credential, reply.status());
    ex.json(reply.status(), reply.body());
  }

  /** Field case 08's text for a spent daily quota under realism; today's text otherwise. */
  private String tooManyRequests(Limits.Refusal refusal) {
    if (refusal.daily() && state.config().realism().quotaAndRevocation()) {
      return "API call limit exceeded for the company: daily limit of "
          + state.config().dailyQuota()
          + " calls reached";
    }
    return "Too many requests";
  }

  /** The scheduled revocation: the caller's access key, or every token of its OAuth app. */
  private void revoke(Caller caller) {
    state.counters().increment("realism.revoked");
    if (caller.accessKey() != null) {
      state.accessKeys().revoke(caller.accessKey());
    } else {
      state.oauth().revokeClient(caller.clientId());
    }
    log.atInfo().addKeyValue("credential", caller.credential()).log("credential revoked");
  }

  private Reply users(Exchange ex, Caller caller) throws IOException {
    return page(
        "users", "users", state.served().users(), Function.identity(), ex.query().get("cursor"));
  }

  private Reply calls(Exchange ex, Caller caller) throws IOException {
    Map<String, String> query = ex.query();
    Instant from = instant(query.get("fromDateTime"), "fromDateTime", Instant.EPOCH);
    Instant to = instant(query.get("toDateTime"), "toDateTime", Instant.MAX);
    Instant now = state.clock().now();
    List<ServedCall> calls =
        state.served().calls().stream()
            .filter(c -> !c.started().isBefore(from) && c.started().isBefore(to))
            .filter(c -> c.listable(now))
            .toList();
    return page(
        "calls:" + from + ":" + to, "calls", calls, ServedCall::metaData, query.get("cursor"));
  }

  private Reply extensive(Exchange ex, Caller caller) throws IOException {
    Map<String, Object> body = ex.jsonBody();
    List<ServedCall> calls = filtered(body);
    if (filterOf(body).get("callIds") instanceof List<?> && cursorOf(body) == null) {
      calls = calls.stream().filter(c -> !lagging(c)).toList();
    }
    GongPayloads.Selector selector = GongPayloads.Selector.from(body.get("contentSelector"));
    Instant now = state.clock().now();
    return page(
        "extensive:" + Exchange.JSON.writeValueAsString(filterOf(body)) + selector,
        "calls",
        calls,
        c -> briefAsOf(c, c.extensive(selector), now),
        cursorOf(body));
  }

  /** The element without its brief while Gong has not written it yet (realism's lateBriefs). */
  private Map<String, Object> briefAsOf(ServedCall call, Map<String, Object> element, Instant now) {
    if (call.briefReadyAt().isAfter(now)) {
      GeneratedCall.withoutBrief(element);
      state.counters().increment("realism.brief_withheld");
    }
    return element;
  }

  /**
   * Whether extensive leaves this call out of this request: the first {@link
   * ServedCall#extensiveLag()} requests naming it do (realism's {@code extensiveLag}).
   */
  private boolean lagging(ServedCall call) {
    int lag = call.extensiveLag();
    if (lag <= 0) {
      return false;
    }
    AtomicInteger misses = extensiveMisses.computeIfAbsent(call.id(), k -> new AtomicInteger());
    boolean left = misses.getAndUpdate(n -> n < lag ? n + 1 : n) < lag;
    if (left) {
      state.counters().increment("realism.extensive_lagged");
    }
    return left;
  }

  private Reply transcripts(Exchange ex, Caller caller) throws IOException {
    Map<String, Object> body = ex.jsonBody();
    List<ServedCall> calls = filtered(body);
    List<String> privateNamed = privateNamed(body, calls);
    state.counters().add("transcript.call_ids", calls.size());
    state.counters().add("transcript.private_call_ids", privateNamed.size());
    privateTranscriptIds.addAll(privateNamed);
    Instant now = state.clock().now();
    List<ServedCall> ready = calls.stream().filter(c -> c.transcriptReady(now)).toList();
    return page(
        "transcript:" + Exchange.JSON.writeValueAsString(filterOf(body)),
        "callTranscripts",
        ready,
        ServedCall::transcript,
        cursorOf(body));
  }

  /**
   * Private calls a transcript request names: by id whether or not Gong lists them yet (the request
   * itself is the leak), else those its date range covers.
   */
  private List<String> privateNamed(Map<String, Object> body, List<ServedCall> calls) {
    if (filterOf(body).get("callIds") instanceof List<?> ids) {
      return ids.stream()
          .map(String::valueOf)
          .distinct()
          .map(state.served()::call)
          .filter(c -> c != null && c.isPrivate())
          .map(ServedCall::id)
          .toList();
    }
    return calls.stream().filter(ServedCall::isPrivate).map(ServedCall::id).toList();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> filterOf(Map<String, Object> body) {
    return body.get("filter") instanceof Map<?, ?> f ? (Map<String, Object>) f : Map.of();
  }

  private static String cursorOf(Map<String, Object> body) {
    Object cursor = body.get("cursor");
    return cursor == null ? null : cursor.toString();
  }

  private List<ServedCall> filtered(Map<String, Object> body) {
    Map<String, Object> filter = filterOf(body);
    Instant now = state.clock().now();
    if (filter.get("callIds") instanceof List<?> ids) {
      if (ids.size() > state.config().maxIdsPerRequest()) {
        throw new GongSimulator.BadRequest(
            "filter.callIds: at most " + state.config().maxIdsPerRequest() + " ids per request");
      }
      return ids.stream()
          .map(String::valueOf)
          .distinct()
          .map(state.served()::call)
          .filter(c -> c != null && c.listable(now))
          .toList();
    }
    Instant from = instant(stringOrNull(filter.get("fromDateTime")), "fromDateTime", Instant.EPOCH);
    Instant to = instant(stringOrNull(filter.get("toDateTime")), "toDateTime", Instant.MAX);
    return state.served().calls().stream()
        .filter(c -> !c.started().isBefore(from) && c.started().isBefore(to) && c.listable(now))
        .toList();
  }

  /** One page of {@code all}, rendering only the records on it (transcripts are costly). */
  private <T> Reply page(
      String query,
      String field,
      List<T> all,
      Function<T, Map<String, Object>> render,
      String cursor) {
    Instant now = state.clock().now();
    int offset = 0;
    if (cursor != null && !cursor.isBlank()) {
      switch (state.cursors().resolve(cursor, query, now)) {
        case Cursors.Found found -> offset = found.offset();
        case Cursors.Refused refused -> {
          String message =
              refused.problem() == Cursors.Problem.EXPIRED
                  ? "cursor has expired"
                  : "invalid cursor";
          return new Reply(400, error(message));
        }
      }
    }
    if (all.isEmpty()) {
      return new Reply(404, error("No calls found corresponding to the provided filters"));
    }
    int pageSize = state.config().pageSize();
    List<Map<String, Object>> slice =
        all.subList(Math.min(offset, all.size()), Math.min(all.size(), offset + pageSize)).stream()
            .map(render)
            .toList();
    String next =
        offset + pageSize < all.size()
            ? state.cursors().issue(query, offset + pageSize, now)
            : null;
    Map<String, Object> response = new LinkedHashMap<>();
    response.put("requestId", requestId());
    response.put(
        "records", GongPayloads.records(all.size(), slice.size(), offset / pageSize, next));
    response.put(field, slice);
    return new Reply(200, response);
  }

  private static String stringOrNull(Object value) {
    return value == null ? null : value.toString();
  }

  private static Instant instant(String text, String field, Instant fallback) {
    if (text == null || text.isBlank()) {
      return fallback;
    }
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      try {
        return Instant.parse(text);
      } catch (DateTimeParseException e2) {
        throw new GongSimulator.BadRequest(field + ": not an ISO-8601 date-time: " + text);
      }
    }
  }

  private static void pause(long millis) {
    if (millis <= 0) {
      return;
    }
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
