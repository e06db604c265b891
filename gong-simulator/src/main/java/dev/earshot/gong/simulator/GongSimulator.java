package dev.earshot.gong.simulator;

import com.sun.net.httpserver.HttpServer;
import dev.earshot.gong.simulator.corpus.Corpus;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulator: Gong's API v2 over a seeded corpus on a loopback port. Start it with {@link
 * #start(SimulatorConfig)} in tests, or from the command line with {@code ./earshot simulator}.
 *
 * <p>This class holds the simulator's state and its Java control surface; HTTP requests go to
 * {@link GongApi} (Gong's {@code /v2/} endpoints), {@link OAuthPages} ({@code /oauth2/}) and {@link
 * Admin} ({@code /admin/}).
 */
public final class GongSimulator implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(GongSimulator.class);

  /** Gong's 401 text for a revoked key or token (field case 09, {@code error-401.json}). */
  static final String REVOKED = Authentication.REVOKED;

  private final SimulatorState state;
  private final Webhooks webhooks;
  private final GongApi api;
  private final OAuthPages oauthPages;
  private final HttpServer server;
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

  private GongSimulator(SimulatorConfig config, InetAddress bind) throws IOException {
    this.state = SimulatorState.of(config);
    this.webhooks = new Webhooks(state.counters());
    this.api = new GongApi(state, this::exhaustQuota);
    this.oauthPages = new OAuthPages(state.oauth(), state.clock(), state.counters(), this::baseUrl);
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
    return state.config();
  }

  /**
   * The generated corpus (the calls as generated, before realism reshapes them).
   *
   * @throws IllegalStateException when the calls come from a corpus directory
   */
  public Corpus corpus() {
    return state
        .served()
        .generated()
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "the simulator serves a corpus directory; use callIds() and groundTruth()"));
  }

  /** Whether the calls come from a corpus directory rather than the generator. */
  public boolean servesDirectory() {
    return state.served().generated().isEmpty();
  }

  /** Ids of every call served, in start order (as realism times them). */
  public List<String> callIds() {
    return state.served().calls().stream().map(ServedCall::id).toList();
  }

  /**
   * When Gong has listed and transcribed every call (the latest of their listing and transcript
   * times): advance the clock past it and every call can be fetched.
   */
  public Instant everyCallAnalysedAt() {
    return state.served().calls().stream()
        .map(ServedCall::analysedAt)
        .max(Instant::compareTo)
        .orElse(state.served().now());
  }

  /**
   * Private call ids named in transcript requests since the last counters reset: what Earshot must
   * never ask for.
   */
  public Set<String> privateTranscriptRequests() {
    return api.privateTranscriptRequests();
  }

  public Counters counters() {
    return state.counters();
  }

  public Instant now() {
    return state.clock().now();
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
      ServedCall call = state.served().call(id);
      if (call == null) {
        continue;
      }
      outcomes.addAll(
          webhooks.deliver(
              Exchange.JSON.writeValueAsString(call.webhookBody()), state.clock().now()));
    }
    return outcomes;
  }

  /**
   * Moves time forward; calls Gong finishes in the meantime (listed and transcribed) fire their
   * webhooks. Passing a UTC midnight gives every credential its daily quota back.
   */
  public List<String> advanceClock(Duration by) {
    Instant before = state.clock().now();
    state.clock().advance(by);
    Instant after = state.clock().now();
    List<String> analysed =
        state.served().calls().stream()
            .filter(c -> c.analysedAt().isAfter(before) && !c.analysedAt().isAfter(after))
            .map(ServedCall::id)
            .toList();
    if (!webhooks.rules().isEmpty()) {
      fireWebhooks(analysed);
    }
    return analysed;
  }

  public void revokeTokens() {
    state.oauth().revokeAll();
  }

  /** Revokes every active access key (a Gong admin deleted it, or its TTL ran out). */
  public List<String> revokeAccessKeys() {
    return state.accessKeys().revokeAll();
  }

  /** Issues a new access key and secret, working at once; revoked keys stay revoked. */
  public AccessKey issueAccessKey() {
    return state.accessKeys().issue();
  }

  /** The newest working access key, or null when every key is revoked. */
  public AccessKey currentAccessKey() {
    return state.accessKeys().current();
  }

  /**
   * Spends the daily quota now, of one credential ({@code key:<access key>} or {@code oauth:<client
   * id>}) or, when {@code credential} is null, of the whole company (every credential). Returns the
   * Retry-After its requests get: until the next UTC midnight.
   */
  public Duration exhaustQuota(String credential) {
    state.counters().increment("realism.quota_exhausted");
    Duration retryAfter =
        credential == null
            ? state.limits().exhaustAll(state.clock().now())
            : state.limits().exhaust(credential, state.clock().now());
    log.atInfo()
        .addKeyValue("credential", credential == null ? "*" : credential)
        .addKeyValue("retryAfterSeconds", retryAfter.toSeconds())
        .log("daily quota spent");
    return retryAfter;
  }

  /** Gives one credential (or, when null, every credential) its daily quota back. */
  public void resetQuota(String credential) {
    if (credential == null) {
      state.limits().resetAll();
    } else {
      state.limits().reset(credential);
    }
  }

  /** Which realism is on and what its schedule has done, for {@code GET /admin/realism}. */
  public Map<String, Object> realismState() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("realism", state.config().realism().describe());
    out.put(
        "corpus", servesDirectory() ? state.config().corpusDirectory().toString() : "generated");
    out.put("now", state.clock().now().toString());
    out.put("every_call_analysed_at", everyCallAnalysedAt().toString());
    out.put("schedule", state.schedule().describe());
    out.put("access_keys", state.accessKeys().describe());
    return out;
  }

  public void expireCursors() {
    state.cursors().expireAll(state.clock().now().plusMillis(1));
  }

  /**
   * Sets faults: {@code error_rate}, {@code latency_ms}, {@code timeout_rate}, {@code timeout_ms},
   * {@code rate_limit_storm} (next N requests 429) and {@code expire_next_cursors}.
   */
  public void faults(Map<String, Object> settings) {
    state.faults().update(settings);
    if (settings.get("expire_next_cursors") instanceof Number n) {
      state.cursors().expireNext(n.intValue());
    }
  }

  public void clearFaults() {
    state.faults().clear();
  }

  /**
   * Ground truth of every call, one map per call in start order: {@code call_id}, {@code
   * is_private}, {@code transcript_ready_at}, {@code account}, {@code sales_only}, {@code items},
   * then {@code expected} ({@code published} | {@code private} | {@code failed}), {@code fault},
   * {@code listable_at}, {@code duration_seconds} and {@code faults} (the realism faults that
   * apply); a directory corpus adds {@code source_file}.
   */
  public List<Map<String, Object>> groundTruth() {
    return state.served().calls().stream().map(ServedCall::groundTruth).toList();
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
      if (api.handle(ex) || oauthPages.handle(ex)) {
        return;
      }
      if (ex.path().startsWith("/admin/")) {
        Admin.handle(this, ex);
      } else {
        ex.json(404, error("Not found: " + ex.method() + " " + ex.path()));
      }
    } catch (BadRequest e) {
      ex.json(400, error(e.getMessage()));
    } catch (IOException | RuntimeException e) {
      log.atWarn().setCause(e).log("simulator request failed");
      ex.json(500, error("Internal error"));
    }
  }

  /** A malformed request: answered 400 with the message. */
  static final class BadRequest extends RuntimeException {
    BadRequest(String message) {
      super(message);
    }
  }

  // ---------------------------------------------------------------- helpers

  Webhooks webhooks() {
    return webhooks;
  }

  Faults faultsState() {
    return state.faults();
  }

  /** Clears the counters and the private ids seen in transcript requests. */
  public void resetCounters() {
    state.counters().reset();
    api.clearPrivateRequests();
  }

  static Map<String, Object> error(String message) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("requestId", requestId());
    body.put("errors", List.of(message));
    return body;
  }

  static String requestId() {
    return UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  }
}
