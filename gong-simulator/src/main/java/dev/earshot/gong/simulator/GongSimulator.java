package dev.earshot.gong.simulator;

import com.sun.net.httpserver.HttpServer;
import dev.earshot.gong.simulator.Authentication.Caller;
import dev.earshot.gong.simulator.corpus.Corpus;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulator: Gong's API v2 over a seeded corpus on a loopback port. Start it with {@link
 * #start(SimulatorConfig)} in tests, or from the command line with {@code ./earshot simulator}.
 */
public final class GongSimulator implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(GongSimulator.class);

  /** Gong's 401 text for a revoked key or token (field case 09, {@code error-401.json}). */
  static final String REVOKED = Authentication.REVOKED;

  private final SimulatorConfig config;
  private final ServedCorpus served;
  private final SimulatorClock clock;
  private final Counters counters = new Counters();
  private final Limits limits;
  private final AccessKeys accessKeys;
  private final CredentialSchedule schedule;
  private final Map<String, AtomicInteger> extensiveMisses = new ConcurrentHashMap<>();
  private final Set<String> privateTranscriptIds = ConcurrentHashMap.newKeySet();
  private final Faults faults;
  private final Cursors cursors;
  private final OAuthProvider oauth;
  private final Webhooks webhooks;
  private final HttpServer server;
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

  private GongSimulator(SimulatorConfig config, InetAddress bind) throws IOException {
    this.config = config;
    this.served = ServedCorpus.of(config);
    this.clock = new SimulatorClock(served.now());
    this.limits = new Limits(config.requestsPerSecond(), config.dailyQuota());
    this.accessKeys = new AccessKeys(config.accessKey(), config.accessSecret());
    this.schedule = new CredentialSchedule(config.realism());
    this.faults = new Faults(config.seed());
    this.cursors = new Cursors(config.cursorTtl());
    this.oauth = new OAuthProvider(config.oauthApps(), config.accessTokenTtl());
    this.webhooks = new Webhooks(counters);
    this.server = HttpServer.create(new InetSocketAddress(bind, config.port()), 1024);
    server.setExecutor(executor);
    server.createContext("/", exchange -> route(new Exchange(exchange)));
    server.start();
  }

  /**
   * Starts a simulator on loopback.
   *
   * @throws IllegalArgumentException when {@code config.corpusDirectory()} cannot be served (the
   *     message names the file and why; see {@link CorpusDirectory})
   * @throws IOException when the port cannot be bound
   */
  public static GongSimulator start(SimulatorConfig config) throws IOException {
    return new GongSimulator(config, InetAddress.getLoopbackAddress());
  }

  /**
   * Starts a simulator listening on {@code bind} (a container binds every interface, {@code
   * 0.0.0.0}, so other containers reach it); otherwise as {@link #start(SimulatorConfig)}.
   *
   * @throws IOException when the port cannot be bound on that address
   */
  public static GongSimulator start(SimulatorConfig config, InetAddress bind) throws IOException {
    return new GongSimulator(config, bind);
  }

  public String baseUrl() {
    return "http://localhost:" + port();
  }

  public int port() {
    return server.getAddress().getPort();
  }

  public SimulatorConfig config() {
    return config;
  }

  /**
   * The generated corpus (the calls as generated, before realism reshapes them).
   *
   * @throws IllegalStateException when the calls come from a corpus directory
   */
  public Corpus corpus() {
    return served
        .generated()
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "the simulator serves a corpus directory; use callIds() and groundTruth()"));
  }

  /** Whether the calls come from a corpus directory rather than the generator. */
  public boolean servesDirectory() {
    return served.generated().isEmpty();
  }

  /** Ids of every call served, in start order (as realism times them). */
  public List<String> callIds() {
    return served.calls().stream().map(ServedCall::id).toList();
  }

  /**
   * When Gong has listed and transcribed every call (the latest of their listing and transcript
   * times): advance the clock past it and every call can be fetched.
   */
  public Instant everyCallAnalysedAt() {
    return served.calls().stream()
        .map(ServedCall::analysedAt)
        .max(Instant::compareTo)
        .orElse(served.now());
  }

  /**
   * Private call ids named in transcript requests since the last counters reset: what Earshot must
   * never ask for.
   */
  public Set<String> privateTranscriptRequests() {
    return Set.copyOf(privateTranscriptIds);
  }

  public Counters counters() {
    return counters;
  }

  public Instant now() {
    return clock.now();
  }

  public String webhookPublicKeyPem() {
    return webhooks.publicKeyPem();
  }

  /**
   * Registers a webhook rule like a Gong admin's automation rule ({@code url_key} or {@code jwt}).
   */
  public String registerWebhook(String url, String auth) {
    return webhooks.register(url, auth).id();
  }

  /** Sends the "call analysed" webhook for these calls to every rule. */
  public List<Map<String, Object>> fireWebhooks(List<String> callIds) {
    List<Map<String, Object>> outcomes = new ArrayList<>();
    for (String id : callIds) {
      ServedCall call = served.call(id);
      if (call == null) {
        continue;
      }
      outcomes.addAll(
          webhooks.deliver(Exchange.JSON.writeValueAsString(call.webhookBody()), clock.now()));
    }
    return outcomes;
  }

  /**
   * Moves time forward; calls Gong finishes in the meantime (listed and transcribed) fire their
   * webhooks. Passing a UTC midnight gives every credential its daily quota back.
   */
  public List<String> advanceClock(Duration by) {
    Instant before = clock.now();
    clock.advance(by);
    Instant after = clock.now();
    List<String> analysed =
        served.calls().stream()
            .filter(c -> c.analysedAt().isAfter(before) && !c.analysedAt().isAfter(after))
            .map(ServedCall::id)
            .toList();
    if (!webhooks.rules().isEmpty()) {
      fireWebhooks(analysed);
    }
    return analysed;
  }

  public void revokeTokens() {
    oauth.revokeAll();
  }

  /** Revokes every active access key (a Gong admin deleted it, or its TTL ran out). */
  public List<String> revokeAccessKeys() {
    return accessKeys.revokeAll();
  }

  /** Issues a new access key and secret, working at once; revoked keys stay revoked. */
  public AccessKey issueAccessKey() {
    return accessKeys.issue();
  }

  /** The newest working access key, or null when every key is revoked. */
  public AccessKey currentAccessKey() {
    return accessKeys.current();
  }

  /**
   * Spends the daily quota now, of one credential ({@code key:<access key>} or {@code oauth:<client
   * id>}) or, when {@code credential} is null, of the whole company (every credential). Returns the
   * Retry-After its requests get: until the next UTC midnight.
   */
  public Duration exhaustQuota(String credential) {
    counters.increment("realism.quota_exhausted");
    Duration retryAfter =
        credential == null
            ? limits.exhaustAll(clock.now())
            : limits.exhaust(credential, clock.now());
    log.atInfo()
        .addKeyValue("credential", credential == null ? "*" : credential)
        .addKeyValue("retryAfterSeconds", retryAfter.toSeconds())
        .log("daily quota spent");
    return retryAfter;
  }

  /** Gives one credential (or, when null, every credential) its daily quota back. */
  public void resetQuota(String credential) {
    if (credential == null) {
      limits.resetAll();
    } else {
      limits.reset(credential);
    }
  }

  /** Which realism is on and what its schedule has done, for {@code GET /admin/realism}. */
  public Map<String, Object> realismState() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("realism", config.realism().describe());
    out.put("corpus", servesDirectory() ? config.corpusDirectory().toString() : "generated");
    out.put("now", clock.now().toString());
    out.put("every_call_analysed_at", everyCallAnalysedAt().toString());
    out.put("schedule", schedule.describe());
    out.put("access_keys", accessKeys.describe());
    return out;
  }

  public void expireCursors() {
    cursors.expireAll(clock.now().plusMillis(1));
  }

  /**
   * Sets faults: {@code error_rate}, {@code latency_ms}, {@code timeout_rate}, {@code timeout_ms},
   * {@code rate_limit_storm} (next N requests 429) and {@code expire_next_cursors}.
   */
  public void faults(Map<String, Object> settings) {
    faults.update(settings);
    if (settings.get("expire_next_cursors") instanceof Number n) {
      cursors.expireNext(n.intValue());
    }
  }

  public void clearFaults() {
    faults.clear();
  }

  /**
   * Ground truth of every call, one map per call in start order: {@code call_id}, {@code
   * is_private}, {@code transcript_ready_at}, {@code account}, {@code sales_only}, {@code items},
   * then {@code expected} ({@code published} | {@code private} | {@code failed}), {@code fault},
   * {@code listable_at}, {@code duration_seconds} and {@code faults} (the realism faults that
   * apply); a directory corpus adds {@code source_file}.
   */
  public List<Map<String, Object>> groundTruth() {
    return served.calls().stream().map(ServedCall::groundTruth).toList();
  }

  public String groundTruthJsonl() {
    return groundTruth().stream()
        .map(Exchange.JSON::writeValueAsString)
        .collect(Collectors.joining("\n", "", "\n"));
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  // ---------------------------------------------------------------- routing

  private void route(Exchange ex) throws IOException {
    try {
      String path = ex.path();
      String method = ex.method();
      switch (method + " " + path) {
        case "GET /v2/users" -> api(ex, "users", "api:users:read", this::users);
        case "GET /v2/calls" -> api(ex, "calls", "api:calls:read:basic", this::calls);
        case "POST /v2/calls/extensive" ->
            api(ex, "calls_extensive", "api:calls:read:extensive", this::extensive);
        case "POST /v2/calls/transcript" ->
            api(ex, "calls_transcript", "api:calls:read:transcript", this::transcripts);
        case "GET /oauth2/authorize" -> authorizePage(ex);
        case "POST /oauth2/authorize" -> consent(ex);
        case "POST /oauth2/generate-customer-token" -> tokenEndpoint(ex);
        default -> {
          if (path.startsWith("/admin/")) {
            Admin.handle(this, ex);
          } else {
            ex.json(404, error("Not found: " + method + " " + path));
          }
        }
      }
    } catch (BadRequest e) {
      ex.json(400, error(e.getMessage()));
    } catch (IOException | RuntimeException e) {
      log.atWarn().setCause(e).log("simulator request failed");
      ex.json(500, error("Internal error"));
    }
  }

  /** A handler of one API endpoint: returns the reply, which is counted before it is sent. */
  @FunctionalInterface
  private interface ApiHandler {
    Reply handle(Exchange ex, Caller caller) throws IOException;
  }

  /** An answer not yet sent: status and JSON body. */
  record Reply(int status, Object body) {}

  static final class BadRequest extends RuntimeException {
    BadRequest(String message) {
      super(message);
    }
  }

  private void api(Exchange ex, String endpoint, String scope, ApiHandler handler)
      throws IOException {
    pause(faults.latencyMillis());
    if (faults.nextIsTimeout()) {
      pause(faults.timeoutMillis());
    }
    Caller caller;
    switch (Authentication.of(ex.header("Authorization"), accessKeys, oauth, clock.now())) {
      case Authentication.Caller known -> caller = known;
      case Authentication.Refused refused -> {
        counters.request(endpoint, "anonymous", 401);
        ex.json(401, error(refused.message()));
        return;
      }
    }
    String credential = caller.credential();
    Set<CredentialSchedule.Event> events = schedule.onRequest(credential);
    if (events.contains(CredentialSchedule.Event.REVOKE)) {
      revoke(caller);
      counters.request(endpoint, credential, 401);
      ex.json(401, error(REVOKED));
      return;
    }
    if (events.contains(CredentialSchedule.Event.EXHAUST_QUOTA)) {
      exhaustQuota(credential);
    }
    if (events.contains(CredentialSchedule.Event.FORBID) || faults.nextIsForbidden()) {
      counters.increment("realism.forbidden_without_scope");
      counters.request(endpoint, credential, 403);
      ex.json(403, error("Forbidden"));
      return;
    }
    if (!caller.scopes().contains(scope)) {
      counters.request(endpoint, credential, 403);
      ex.json(403, error("You don't have permission to use '" + scope + "' in your company"));
      return;
    }
    Optional<Limits.Refusal> refusal =
        faults.nextIsStorm()
            ? Optional.of(new Limits.Refusal(Duration.ofSeconds(1), false))
            : limits.admit(credential, clock.now());
    if (refusal.isPresent()) {
      counters.request(endpoint, credential, 429);
      ex.header("Retry-After", Long.toString(refusal.get().retryAfter().toSeconds()));
      ex.json(429, error(tooManyRequests(refusal.get())));
      return;
    }
    if (faults.nextIsError()) {
      counters.request(endpoint, credential, 503);
      ex.json(503, error("Service temporarily unavailable"));
      return;
    }
    Reply reply;
    try {
      reply = handler.handle(ex, caller);
    } catch (BadRequest e) {
      counters.request(endpoint, credential, 400);
      throw e;
    }
    counters.request(endpoint, credential, reply.status());
    ex.json(reply.status(), reply.body());
  }

  /** Field case 08's text for a spent daily quota under realism; today's text otherwise. */
  private String tooManyRequests(Limits.Refusal refusal) {
    if (refusal.daily() && config.realism().quotaAndRevocation()) {
      return "API call limit exceeded for the company: daily limit of "
          + config.dailyQuota()
          + " calls reached";
    }
    return "Too many requests";
  }

  /** The scheduled revocation: the caller's access key, or every token of its OAuth app. */
  private void revoke(Caller caller) {
    counters.increment("realism.revoked");
    if (caller.accessKey() != null) {
      accessKeys.revoke(caller.accessKey());
    } else {
      oauth.revokeClient(caller.clientId());
    }
    log.atInfo().addKeyValue("credential", caller.credential()).log("credential revoked");
  }

  // ---------------------------------------------------------------- API endpoints

  private Reply users(Exchange ex, Caller caller) throws IOException {
    return page("users", "users", served.users(), Function.identity(), ex.query().get("cursor"));
  }

  private Reply calls(Exchange ex, Caller caller) throws IOException {
    Map<String, String> query = ex.query();
    Instant from = instant(query.get("fromDateTime"), "fromDateTime", Instant.EPOCH);
    Instant to = instant(query.get("toDateTime"), "toDateTime", Instant.MAX);
    Instant now = clock.now();
    List<ServedCall> calls =
        served.calls().stream()
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
    return page(
        "extensive:" + Exchange.JSON.writeValueAsString(filterOf(body)) + selector,
        "calls",
        calls,
        c -> c.extensive(selector),
        cursorOf(body));
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
      counters.increment("realism.extensive_lagged");
    }
    return left;
  }

  private Reply transcripts(Exchange ex, Caller caller) throws IOException {
    Map<String, Object> body = ex.jsonBody();
    List<ServedCall> calls = filtered(body);
    List<String> privateNamed = privateNamed(body, calls);
    counters.add("transcript.call_ids", calls.size());
    counters.add("transcript.private_call_ids", privateNamed.size());
    privateTranscriptIds.addAll(privateNamed);
    Instant now = clock.now();
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
          .map(served::call)
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
    Instant now = clock.now();
    if (filter.get("callIds") instanceof List<?> ids) {
      if (ids.size() > config.maxIdsPerRequest()) {
        throw new BadRequest(
            "filter.callIds: at most " + config.maxIdsPerRequest() + " ids per request");
      }
      return ids.stream()
          .map(String::valueOf)
          .distinct()
          .map(served::call)
          .filter(c -> c != null && c.listable(now))
          .toList();
    }
    Instant from = instant(stringOrNull(filter.get("fromDateTime")), "fromDateTime", Instant.EPOCH);
    Instant to = instant(stringOrNull(filter.get("toDateTime")), "toDateTime", Instant.MAX);
    return served.calls().stream()
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
    Instant now = clock.now();
    int offset = 0;
    if (cursor != null && !cursor.isBlank()) {
      switch (cursors.resolve(cursor, query, now)) {
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
    int pageSize = config.pageSize();
    List<Map<String, Object>> slice =
        all.subList(Math.min(offset, all.size()), Math.min(all.size(), offset + pageSize)).stream()
            .map(render)
            .toList();
    String next =
        offset + pageSize < all.size() ? cursors.issue(query, offset + pageSize, now) : null;
    Map<String, Object> response = new LinkedHashMap<>();
    response.put("requestId", requestId());
    response.put(
        "records", GongPayloads.records(all.size(), slice.size(), offset / pageSize, next));
    response.put(field, slice);
    return new Reply(200, response);
  }

  // ---------------------------------------------------------------- OAuth pages

  private void authorizePage(Exchange ex) throws IOException {
    switch (oauth.authorize(ex.query())) {
      case OAuthProvider.ErrorPage page ->
          ex.send(400, "text/html; charset=utf-8", Html.error(page.error(), page.description()));
      case OAuthProvider.RedirectWithError redirect -> ex.redirect(redirect.location());
      case OAuthProvider.ShowConsent consent ->
          ex.send(
              200,
              "text/html; charset=utf-8",
              Html.consent(
                  consent.clientId(), consent.redirectUri(), consent.scopes(), consent.state()));
    }
  }

  private void consent(Exchange ex) throws IOException {
    Map<String, String> form = ex.params();
    OAuthProvider.AuthorizeCheck check = oauth.authorize(form);
    if (!(check instanceof OAuthProvider.ShowConsent consent)) {
      ex.send(
          400,
          "text/html; charset=utf-8",
          Html.error("invalid_request", "The consent form is not valid."));
      return;
    }
    boolean allowed = "allow".equals(form.get("decision"));
    ex.redirect(
        oauth.consent(
            consent.clientId(),
            consent.redirectUri(),
            consent.scopes(),
            consent.state(),
            allowed,
            clock.now()));
  }

  private void tokenEndpoint(Exchange ex) throws IOException {
    switch (oauth.token(ex.header("Authorization"), ex.params(), baseUrl(), clock.now())) {
      case OAuthProvider.Issued issued -> {
        counters.increment("oauth.tokens_issued");
        ex.json(200, issued.body());
      }
      case OAuthProvider.TokenError failure -> {
        counters.increment("oauth.token_errors");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", failure.error());
        body.put("error_description", failure.description());
        ex.json(failure.status(), body);
      }
    }
  }

  // ---------------------------------------------------------------- helpers

  Webhooks webhooks() {
    return webhooks;
  }

  Faults faultsState() {
    return faults;
  }

  /** Clears the counters and the private ids seen in transcript requests. */
  public void resetCounters() {
    counters.reset();
    privateTranscriptIds.clear();
  }

  static Map<String, Object> error(String message) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("requestId", requestId());
    body.put("errors", List.of(message));
    return body;
  }

  private static String requestId() {
    return UUID.randomUUID().toString().replace("-", "").substring(0, 12);
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
        throw new BadRequest(field + ": not an ISO-8601 date-time: " + text);
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
