package dev.earshot.gong.simulator;

import com.sun.net.httpserver.HttpServer;
import dev.earshot.gong.simulator.corpus.Corpus;
import dev.earshot.gong.simulator.corpus.CorpusCall;
import dev.earshot.gong.simulator.corpus.GroundTruth;
import dev.earshot.gong.simulator.corpus.Person;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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

  private final SimulatorConfig config;
  private final Corpus corpus;
  private final SimulatorClock clock;
  private final Counters counters = new Counters();
  private final Limits limits;
  private final Faults faults;
  private final Cursors cursors;
  private final OAuthProvider oauth;
  private final Webhooks webhooks;
  private final HttpServer server;
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

  private GongSimulator(SimulatorConfig config) throws IOException {
    this.config = config;
    this.corpus = Corpus.generate(config.seed(), config.calls(), config.now());
    this.clock = new SimulatorClock(corpus.now());
    this.limits = new Limits(config.requestsPerSecond(), config.dailyQuota());
    this.faults = new Faults(config.seed());
    this.cursors = new Cursors(config.cursorTtl());
    this.oauth = new OAuthProvider(config.oauthApps(), config.accessTokenTtl());
    this.webhooks = new Webhooks(counters);
    this.server =
        HttpServer.create(
            new InetSocketAddress(InetAddress.getLoopbackAddress(), config.port()), 1024);
    server.setExecutor(executor);
    server.createContext("/", exchange -> route(new Exchange(exchange)));
    server.start();
  }

  public static GongSimulator start(SimulatorConfig config) throws IOException {
    return new GongSimulator(config);
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

  public Corpus corpus() {
    return corpus;
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
      CorpusCall call = corpus.call(id);
      if (call == null) {
        continue;
      }
      Map<String, Object> payload = new LinkedHashMap<>();
      payload.put("callData", GongPayloads.extensive(call, GongPayloads.Selector.EVERYTHING));
      payload.put("isTest", false);
      outcomes.addAll(webhooks.deliver(Exchange.JSON.writeValueAsString(payload), clock.now()));
    }
    return outcomes;
  }

  /** Moves time forward; late transcripts that become ready fire their webhooks. */
  public List<String> advanceClock(Duration by) {
    Instant before = clock.now();
    clock.advance(by);
    Instant after = clock.now();
    List<String> analysed =
        corpus.calls().stream()
            .filter(
                c -> c.transcriptReadyAt().isAfter(before) && !c.transcriptReadyAt().isAfter(after))
            .map(CorpusCall::id)
            .toList();
    if (!webhooks.rules().isEmpty()) {
      fireWebhooks(analysed);
    }
    return analysed;
  }

  public void revokeTokens() {
    oauth.revokeAll();
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

  /** Ground truth of every call, one map per call. */
  public List<Map<String, Object>> groundTruth() {
    return corpus.calls().stream().map(GroundTruth::of).toList();
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

  /** Who called: the credential the limits count against, and its scopes. */
  record Caller(String credential, Set<String> scopes) {}

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
    Optional<Caller> caller = authenticate(ex.header("Authorization"));
    if (caller.isEmpty()) {
      counters.request(endpoint, "anonymous", 401);
      ex.json(401, error("Unauthorized: missing, invalid, expired or revoked credentials"));
      return;
    }
    String credential = caller.get().credential();
    if (!caller.get().scopes().contains(scope)) {
      counters.request(endpoint, credential, 403);
      ex.json(403, error("Forbidden: the token lacks the scope " + scope));
      return;
    }
    Optional<Duration> retryAfter =
        faults.nextIsStorm()
            ? Optional.of(Duration.ofSeconds(1))
            : limits.admit(credential, clock.now());
    if (retryAfter.isPresent()) {
      counters.request(endpoint, credential, 429);
      ex.header("Retry-After", Long.toString(retryAfter.get().toSeconds()));
      ex.json(429, error("Too many requests"));
      return;
    }
    if (faults.nextIsError()) {
      counters.request(endpoint, credential, 503);
      ex.json(503, error("Service temporarily unavailable"));
      return;
    }
    Reply reply;
    try {
      reply = handler.handle(ex, caller.get());
    } catch (BadRequest e) {
      counters.request(endpoint, credential, 400);
      throw e;
    }
    counters.request(endpoint, credential, reply.status());
    ex.json(reply.status(), reply.body());
  }

  private Optional<Caller> authenticate(String header) {
    if (header == null) {
      return Optional.empty();
    }
    if (header.startsWith("Basic ")) {
      String decoded;
      try {
        decoded =
            new String(
                Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        return Optional.empty();
      }
      int colon = decoded.indexOf(':');
      if (colon > 0
          && decoded.substring(0, colon).equals(config.accessKey())
          && decoded.substring(colon + 1).equals(config.accessSecret())) {
        return Optional.of(new Caller("key:" + config.accessKey(), SimulatorConfig.ALL_SCOPES));
      }
      return Optional.empty();
    }
    if (header.startsWith("Bearer ")) {
      return oauth
          .accessGrant(header.substring(7).trim(), clock.now())
          .map(grant -> new Caller("oauth:" + grant.clientId(), grant.scopes()));
    }
    return Optional.empty();
  }

  // ---------------------------------------------------------------- API endpoints

  private Reply users(Exchange ex, Caller caller) throws IOException {
    List<Map<String, Object>> users = new ArrayList<>();
    for (Person rep : corpus.reps()) {
      users.add(GongPayloads.user(rep, corpus.now().minus(Duration.ofDays(400)).toString()));
    }
    return page("users", "users", users, Function.identity(), ex.query().get("cursor"));
  }

  private Reply calls(Exchange ex, Caller caller) throws IOException {
    Map<String, String> query = ex.query();
    Instant from = instant(query.get("fromDateTime"), "fromDateTime", Instant.EPOCH);
    Instant to = instant(query.get("toDateTime"), "toDateTime", Instant.MAX);
    Instant now = clock.now();
    List<CorpusCall> calls =
        corpus.calls().stream()
            .filter(c -> !c.started().isBefore(from) && c.started().isBefore(to))
            .filter(c -> !c.ended().isAfter(now))
            .toList();
    return page(
        "calls:" + from + ":" + to, "calls", calls, GongPayloads::metaData, query.get("cursor"));
  }

  private Reply extensive(Exchange ex, Caller caller) throws IOException {
    Map<String, Object> body = ex.jsonBody();
    List<CorpusCall> calls = filtered(body);
    GongPayloads.Selector selector = GongPayloads.Selector.from(body.get("contentSelector"));
    return page(
        "extensive:" + Exchange.JSON.writeValueAsString(filterOf(body)) + selector,
        "calls",
        calls,
        c -> GongPayloads.extensive(c, selector),
        cursorOf(body));
  }

  private Reply transcripts(Exchange ex, Caller caller) throws IOException {
    Map<String, Object> body = ex.jsonBody();
    List<CorpusCall> calls = filtered(body);
    counters.add("transcript.call_ids", calls.size());
    counters.add(
        "transcript.private_call_ids", calls.stream().filter(CorpusCall::isPrivate).count());
    Instant now = clock.now();
    List<CorpusCall> ready = calls.stream().filter(c -> c.transcriptReady(now)).toList();
    return page(
        "transcript:" + Exchange.JSON.writeValueAsString(filterOf(body)),
        "callTranscripts",
        ready,
        GongPayloads::transcript,
        cursorOf(body));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> filterOf(Map<String, Object> body) {
    return body.get("filter") instanceof Map<?, ?> f ? (Map<String, Object>) f : Map.of();
  }

  private static String cursorOf(Map<String, Object> body) {
    Object cursor = body.get("cursor");
    return cursor == null ? null : cursor.toString();
  }

  private List<CorpusCall> filtered(Map<String, Object> body) {
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
          .map(corpus::call)
          .filter(c -> c != null && !c.ended().isAfter(now))
          .toList();
    }
    Instant from = instant(stringOrNull(filter.get("fromDateTime")), "fromDateTime", Instant.EPOCH);
    Instant to = instant(stringOrNull(filter.get("toDateTime")), "toDateTime", Instant.MAX);
    return corpus.calls().stream()
        .filter(
            c -> !c.started().isBefore(from) && c.started().isBefore(to) && !c.ended().isAfter(now))
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
