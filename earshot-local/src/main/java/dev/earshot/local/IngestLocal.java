package dev.earshot.local;

import dev.earshot.events.Topics;
import dev.earshot.gong.simulator.GongSimulator;
import dev.earshot.gong.simulator.SimulatorConfig;
import dev.earshot.ingest.IngestApplication;
import dev.earshot.kit.security.LocalTokenIssuer;
import dev.earshot.kit.security.SecurityProperties;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.core.env.StandardEnvironment;
import tools.jackson.databind.JsonNode;

/**
 * How ingest-service runs in the local stack: its database, the simulator as Gong (its rule
 * endpoint standing in for Gong's rule editor), webhook-gateway's URL, and a demo org connected
 * with a 60-day backfill and a webhook subscription.
 */
final class IngestLocal {

  static final Class<?> APP = IngestApplication.class;
  static final String NAME = "ingest_service";
  static final String MODULE = "ingest-service";
  static final String DEMO_ORG = "demo-org";
  static final String DEMO_CONNECTION = "ingest.demo_connection";
  static final int BACKFILL_DAYS = 60;
  static final String CONNECTED_AT_NANOS = "ingest.connected_at_nanos";
  static final String CALLS_PUBLISHED = "ingest.calls_published";
  static final String ADMIN_TOKEN = "ingest.admin_token";

  /** The audience of ingest's internal API ({@code earshot.security.internal-audience}). */
  static final String INTERNAL_AUDIENCE = "earshot-ingest-internal";

  /**
   * Settings of {@code ./earshot local} on top of ingest-service's {@code local} profile, so a
   * {@code --once} run settles in minutes while behaving as in production: the poller lists every 5
   * seconds (checked every 2; production: every 15 minutes), so calls Gong lists late are found by
   * polling within the run; its processing margin is 5 hours, the simulator's longest call (3 h)
   * plus its longest processing delay (90 min); a call that cannot become a {@code Call} record is
   * retried after 1 second doubling to 4 (production: 1 to 30 minutes), so a planted bad call is
   * parked {@code failed} after its 5 attempts within seconds.
   */
  static final Map<String, Object> QUICK_LOOPS =
      Map.of(
          "earshot.ingest.poll.tick", "2s",
          "earshot.ingest.poll.interval", "5s",
          "earshot.ingest.poll.processing-margin", "5h",
          "earshot.ingest.fetch.failures.retry-initial", "1s",
          "earshot.ingest.fetch.failures.retry-max", "4s");

  /** How long --once waits for ingestion: five minutes, or 50 ms per call for big corpora. */
  private static Duration settleTimeout(int calls) {
    return Duration.ofMillis(Math.max(Duration.ofMinutes(5).toMillis(), calls * 50L));
  }

  private IngestLocal() {}

  static Map<String, Object> properties(LocalContext local) {
    String simulator = local.require(GongSimulatorComponent.BASE_URL);
    Map<String, Object> props = new LinkedHashMap<>();
    props.put("spring.datasource.url", local.jdbcUrl("ingest") + "&currentSchema=ingest");
    props.put("spring.datasource.username", "postgres");
    props.put(
        "earshot.ingest.crypto.keyset-file",
        local.dataDir().resolve("ingest-keyset.json").toString());
    props.put("earshot.ingest.allowed-local-gong-origins", simulator);
    props.put("earshot.ingest.oauth.authorize-url", simulator + "/oauth2/authorize");
    props.put("earshot.ingest.oauth.token-url", simulator + "/oauth2/generate-customer-token");
    props.put("earshot.ingest.public-base-url", local.require(GatewayLocal.URL));
    props.put("earshot.security.local-issuer-key-file", local.issuerKeyFile().toString());
    return props;
  }

  /**
   * Waits (up to 15 s) until ingest-service has published every connection change it recorded (its
   * {@code earshot.ingest.outbox.pending} gauge is 0); returns how many remain.
   */
  static long drainOutbox(LocalContext local, ServiceHttp ingest) {
    String pending = Metrics.gauge("earshot.ingest.outbox.pending");
    Waiting.until(
        local, () -> ingest.metrics().count(pending) == 0, Duration.ofSeconds(15), "the outbox");
    return ingest.metrics().count(pending);
  }

  /**
   * Connects the demo org to the simulator with its demo key and a 60-day backfill, subscribes it
   * to webhooks unless {@code webhooks} is false (Gong without an automation rule: calls arrive by
   * the backfill and polling only), all through ingest-service's API with an admin token from the
   * stack's local issuer (the key file every service trusts).
   */
  static Map<String, Object> connectDemoOrg(LocalContext local, boolean webhooks) {
    long connectedAt = System.nanoTime();
    LocalTokenIssuer issuer =
        new LocalTokenIssuer(
            new SecurityProperties(true, local.issuerKeyFile(), List.of(), "earshot-internal"),
            new StandardEnvironment());
    String token = issuer.issue(DEMO_ORG, "admin", "demo-admin", Duration.ofHours(12));
    ServiceHttp http = ServiceHttp.of(local, NAME, token);
    IngestApi api = new IngestApi(http);
    JsonNode connection =
        api.connectWithApiKey(
                local.require(GongSimulatorComponent.BASE_URL),
                SimulatorConfig.DEMO_ACCESS_KEY,
                SimulatorConfig.DEMO_ACCESS_SECRET,
                BACKFILL_DAYS)
            .path("connection");
    String subscription = "none";
    if (webhooks) {
      ServiceHttp.Answer subscribed =
          http.send("POST", "/api/v1/connections/current/subscriptions", "{\"auth\":\"url_key\"}");
      subscription =
          subscribed.status() / 100 == 2
              ? subscribed.body().path("subscription").path("status").asString()
              : "failed";
    }
    String connectionId = connection.path("id").asString();
    local.put(DEMO_CONNECTION, connectionId);
    local.put(ADMIN_TOKEN, token);
    local.put(CONNECTED_AT_NANOS, Long.toString(connectedAt));
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("outbox_pending", drainOutbox(local, http));
    facts.put("demo_org", DEMO_ORG);
    facts.put("demo_connection", connectionId);
    facts.put("demo_connection_status", connection.path("status").asString());
    facts.put("webhook_subscription", subscription);
    facts.put("backfill_days", BACKFILL_DAYS);
    facts.put("admin_token", token);
    // For trying ingest's internal read API by hand (ingest-service's README): what
    // assistant-service presents, a service token for ingest's internal audience.
    facts.put(
        "service_token",
        issuer.issueForService("demo-service", INTERNAL_AUDIENCE, Duration.ofHours(12)));
    return facts;
  }

  /**
   * The {@code --once} run of ingestion. Gong announces the most recent calls it has already
   * analysed ({@code webhookShare} of the corpus) by webhook while the 60-day backfill lists
   * everything; once the backfill is done the simulator's clock moves past the moment Gong has
   * analysed every call, so long calls listed late and late transcripts appear (and are announced;
   * the poller lists them too). All the while the demo org's admin fixes whatever Gong refuses
   * ({@link ResolvingConnectionFaults}), through ingest-service's API and the simulator's admin
   * API. Done when every ground-truth call is in the ledger, none is pending, and every fault the
   * simulator's schedule sets off has fired and been resolved.
   */
  static Map<String, Object> ingestDemoCorpus(LocalContext local, double webhookShare) {
    GongSimulator gong = local.shared(GongSimulator.class);
    ServiceHttp http = ServiceHttp.of(local, NAME, local.require(ADMIN_TOKEN));
    IngestApi api = new IngestApi(http);
    ResolvingConnectionFaults admin = new ResolvingConnectionFaults(api, gong);
    List<Map<String, Object>> truth = gong.groundTruth();
    ExpectedCalls expected =
        ExpectedCalls.of(
            truth, gong.servesDirectory(), Instant.parse(api.backfill().path("from").asString()));
    local.share(ExpectedCalls.class, expected);
    List<String> ids = expected.ids();
    // every delivery the gateway accepted during the run, also those Gong sends as the clock moves
    long deliveredBefore = gong.counters().webhooksDelivered();
    gong.fireWebhooks(announced(truth, webhookShare, gong.now()));
    Duration timeout = settleTimeout(ids.size());
    Waiting.until(
        local,
        () -> {
          admin.step();
          return "done".equals(api.backfill().path("state").asString());
        },
        timeout,
        "the backfill");
    Duration toAnalysed = Duration.between(gong.now(), gong.everyCallAnalysedAt());
    if (toAnalysed.isPositive()) {
      gong.advanceClock(toAnalysed.plusMinutes(1));
    }
    Waiting.until(
        local,
        () -> {
          boolean callable = admin.step();
          JsonNode ingestion = api.ingestion();
          JsonNode counts = ingestion.path("calls");
          return callable
              && admin.allScheduledResolved()
              && pending(counts) == 0
              && sum(counts) >= ids.size();
        },
        timeout,
        "ingestion");
    long ingestMs =
        (System.nanoTime() - Long.parseLong(local.require(CONNECTED_AT_NANOS))) / 1_000_000;
    JsonNode ingestion = api.ingestion();
    JsonNode calls = ingestion.path("calls");
    Metrics meters = http.metrics();
    Map<String, Object> figures = new LinkedHashMap<>();
    figures.put("calls_seen", sum(calls));
    figures.put("calls_private_skipped", calls.path("private").asLong());
    figures.put("calls_pending", pending(calls));
    figures.put("calls_gave_up", calls.path("gave_up").asLong());
    figures.put("calls_published", calls.path("published").asLong());
    figures.put("calls_failed", calls.path("failed").asLong());
    figures.put("calls_missed", missed(local, expected, ingestion));
    figures.put("calls_outside_backfill", expected.outsideBackfill());
    local.put(CALLS_PUBLISHED, Long.toString(calls.path("published").asLong()));
    figures.put("webhooks_accepted", gong.counters().webhooksDelivered() - deliveredBefore);
    figures.put(
        "call_event_duplicates", meters.count(Metrics.counter("earshot.ingest.calls.duplicates")));
    figures.put(
        "calls_first_seen_by",
        meters.countBy(Metrics.counter("earshot.ingest.calls.seen"), "source"));
    figures.put("gong_requests", gong.counters().requests());
    figures.put("gong_rate_limited", gong.counters().rateLimited());
    figures.put("faults_resolved", admin.describe());
    figures.put("ingest_ms", ingestMs);
    return figures;
  }

  /**
   * The calls Gong announces by webhook in {@code --once}: the newest {@code share} of the corpus,
   * those Gong lists already (a call still running or being processed is announced when the clock
   * passes its analysis).
   */
  static List<String> announced(List<Map<String, Object>> truth, double share, Instant now) {
    int count = (int) Math.round(truth.size() * share);
    return truth.subList(truth.size() - count, truth.size()).stream()
        .filter(t -> !Instant.parse((String) t.get("listable_at")).isAfter(now))
        .map(t -> (String) t.get("call_id"))
        .toList();
  }

  /**
   * Ground-truth calls ingest-service has not accounted for, read from its public surfaces: a call
   * Gong shows as public counts when it is on gong.calls.v1 or in the API's failed calls; the
   * private ones count as a number (the API's {@code calls.private}, as no surface names them).
   */
  static int missed(LocalContext local, ExpectedCalls expected, JsonNode ingestion) {
    Set<String> failed = new HashSet<>();
    for (JsonNode call : ingestion.path("failedCalls")) {
      failed.add(call.path("callId").asString());
    }
    Map<String, Long> published = TopicRecords.countsByKey(local.kafkaBootstrap(), Topics.CALLS);
    int missed = 0;
    long privateCalls = 0;
    for (Map<String, Object> call : expected.calls()) {
      String id = (String) call.get("call_id");
      if ("private".equals(call.get("expected"))) {
        privateCalls++;
      } else if (!published.containsKey(id) && !failed.contains(id)) {
        missed++;
      }
    }
    long privateSkipped = ingestion.path("calls").path("private").asLong();
    return missed + (int) Math.max(0, privateCalls - privateSkipped);
  }

  /** Calls of the ledger still to fetch: {@code new} and {@code awaiting_transcript}. */
  private static long pending(JsonNode counts) {
    return counts.path("new").asLong() + counts.path("awaiting_transcript").asLong();
  }

  private static long sum(JsonNode counts) {
    long total = 0;
    for (JsonNode n : counts) {
      total += n.asLong();
    }
    return total;
  }
}
