package dev.earshot.local;

import dev.earshot.gong.simulator.GongSimulator;
import dev.earshot.gong.simulator.SimulatorConfig;
import dev.earshot.ingest.IngestApplication;
import dev.earshot.ingest.connection.ConnectingWithApiKey;
import dev.earshot.ingest.fetch.CallLedger;
import dev.earshot.ingest.webhook.SubscribingWebhooks;
import dev.earshot.kit.security.LocalTokenIssuer;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * How ingest-service runs in the local stack: its database, the simulator as Gong (its rule
 * endpoint standing in for Gong's rule editor), webhook-gateway's URL, and a demo org connected
 * with a 60-day backfill and a webhook subscription.
 */
final class IngestLocal {

  static final Class<?> APP = IngestApplication.class;
  static final String DEMO_ORG = "demo-org";
  static final String DEMO_CONNECTION = "ingest.demo_connection";
  static final int BACKFILL_DAYS = 60;
  static final String CONNECTED_AT_NANOS = "ingest.connected_at_nanos";
  static final String CALLS_PUBLISHED = "ingest.calls_published";
  static final String ADMIN_TOKEN = "ingest.admin_token";

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

  /** Waits (up to 15 s) until every recorded event has been published; returns how many remain. */
  static long drainOutbox(ConfigurableApplicationContext app) {
    JdbcClient jdbc = app.getBean(JdbcClient.class);
    Waiting.until(
        () ->
            jdbc.sql("select count(*) from event_publication where completion_date is null")
                    .query(Long.class)
                    .single()
                == 0,
        Duration.ofSeconds(15),
        "the outbox");
    return jdbc.sql("select count(*) from event_publication where completion_date is null")
        .query(Long.class)
        .single();
  }

  /**
   * Connects the demo org to the simulator with its demo key and a 60-day backfill, subscribes it
   * to webhooks unless {@code webhooks} is false (Gong without an automation rule: calls arrive by
   * the backfill and polling only), and issues an admin token.
   */
  static Map<String, Object> connectDemoOrg(
      ConfigurableApplicationContext app, LocalContext local, boolean webhooks) {
    long connectedAt = System.nanoTime();
    var result =
        app.getBean(ConnectingWithApiKey.class)
            .connect(
                DEMO_ORG,
                new ConnectingWithApiKey.Request(
                    local.require(GongSimulatorComponent.BASE_URL),
                    SimulatorConfig.DEMO_ACCESS_KEY,
                    SimulatorConfig.DEMO_ACCESS_SECRET,
                    BACKFILL_DAYS));
    String subscription =
        webhooks
            ? app.getBean(SubscribingWebhooks.class)
                .subscribe(DEMO_ORG, "url_key", null)
                .subscription()
                .status()
                .apiName()
            : "none";
    String token =
        app.getBean(LocalTokenIssuer.class)
            .issue(DEMO_ORG, "admin", "demo-admin", Duration.ofHours(12));
    local.put(DEMO_CONNECTION, result.connection().id().toString());
    local.put(ADMIN_TOKEN, token);
    local.put(CONNECTED_AT_NANOS, Long.toString(connectedAt));
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("outbox_pending", drainOutbox(app));
    facts.put("demo_org", DEMO_ORG);
    facts.put("demo_connection", result.connection().id().toString());
    facts.put("demo_connection_status", result.connection().status().apiName());
    facts.put("webhook_subscription", subscription);
    facts.put("backfill_days", BACKFILL_DAYS);
    facts.put("admin_token", token);
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
  static Map<String, Object> ingestDemoCorpus(
      ConfigurableApplicationContext app, LocalContext local, double webhookShare) {
    GongSimulator gong = local.shared(GongSimulator.class);
    UUID connection = UUID.fromString(local.require(DEMO_CONNECTION));
    IngestApi api = new IngestApi(local.require("ingest_service.url"), local.require(ADMIN_TOKEN));
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
    CallLedger ledger = app.getBean(CallLedger.class); // which ids it holds: no API lists them
    Waiting.until(
        () -> {
          boolean callable = admin.step();
          JsonNode counts = api.ingestion().path("calls");
          return callable
              && admin.allScheduledResolved()
              && pending(counts) == 0
              && sum(counts) >= ids.size() // cheap first: ids are asked for only then
              && ledger.known(connection, ids).size() == ids.size();
        },
        timeout,
        "ingestion");
    JsonNode calls = api.ingestion().path("calls");
    MeterRegistry meters = app.getBean(MeterRegistry.class);
    Map<String, Object> figures = new LinkedHashMap<>();
    figures.put("calls_seen", sum(calls));
    figures.put("calls_private_skipped", calls.path("private").asLong());
    figures.put("calls_pending", pending(calls));
    figures.put("calls_gave_up", calls.path("gave_up").asLong());
    figures.put("calls_published", calls.path("published").asLong());
    figures.put("calls_failed", calls.path("failed").asLong());
    figures.put("calls_missed", ids.size() - ledger.known(connection, ids).size());
    figures.put("calls_outside_backfill", expected.outsideBackfill());
    local.put(CALLS_PUBLISHED, Long.toString(calls.path("published").asLong()));
    figures.put("webhooks_accepted", gong.counters().webhooksDelivered() - deliveredBefore);
    figures.put(
        "call_event_duplicates",
        (long)
            meters.find("earshot.ingest.calls.duplicates").counters().stream()
                .mapToDouble(c -> c.count())
                .sum());
    Map<String, Long> firstSeen = new TreeMap<>();
    meters
        .find("earshot.ingest.calls.seen")
        .counters()
        .forEach(c -> firstSeen.merge(c.getId().getTag("source"), (long) c.count(), Long::sum));
    figures.put("calls_first_seen_by", firstSeen);
    figures.put("gong_requests", gong.counters().requests());
    figures.put("gong_rate_limited", gong.counters().rateLimited());
    figures.put("faults_resolved", admin.describe());
    figures.put(
        "ingest_ms",
        (System.nanoTime() - Long.parseLong(local.require(CONNECTED_AT_NANOS))) / 1_000_000);
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
