package dev.earshot.local;

import dev.earshot.gong.simulator.GongSimulator;
import dev.earshot.gong.simulator.SimulatorConfig;
import dev.earshot.gong.simulator.corpus.CorpusCall;
import dev.earshot.ingest.IngestApplication;
import dev.earshot.ingest.connection.ConnectingWithApiKey;
import dev.earshot.ingest.fetch.CallLedger;
import dev.earshot.ingest.fetch.CallState;
import dev.earshot.ingest.poll.BackfillingCalls;
import dev.earshot.ingest.webhook.SubscribingWebhooks;
import dev.earshot.kit.security.LocalTokenIssuer;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

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
   * to webhooks, and issues an admin token.
   */
  static Map<String, Object> connectDemoOrg(
      ConfigurableApplicationContext app, LocalContext local) {
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
    var subscribed = app.getBean(SubscribingWebhooks.class).subscribe(DEMO_ORG, "url_key", null);
    String token =
        app.getBean(LocalTokenIssuer.class)
            .issue(DEMO_ORG, "admin", "demo-admin", Duration.ofHours(12));
    local.put(DEMO_CONNECTION, result.connection().id().toString());
    local.put(CONNECTED_AT_NANOS, Long.toString(connectedAt));
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("outbox_pending", drainOutbox(app));
    facts.put("demo_org", DEMO_ORG);
    facts.put("demo_connection", result.connection().id().toString());
    facts.put("demo_connection_status", result.connection().status().apiName());
    facts.put("webhook_subscription", subscribed.subscription().status().apiName());
    facts.put("backfill_days", BACKFILL_DAYS);
    facts.put("admin_token", token);
    return facts;
  }

  /**
   * The {@code --once} run of ingestion: Gong announces the most recent calls ({@code webhookShare}
   * of the corpus) by webhook while the 60-day backfill lists everything; once the backfill is done
   * the simulator's clock moves two hours so late transcripts become ready (and are announced
   * again). Done when every call of the corpus is in the ledger and none is pending.
   */
  static Map<String, Object> ingestDemoCorpus(
      ConfigurableApplicationContext app, LocalContext local, double webhookShare) {
    GongSimulator gong = local.shared(GongSimulator.class);
    UUID connection = UUID.fromString(local.require(DEMO_CONNECTION));
    CallLedger ledger = app.getBean(CallLedger.class);
    BackfillingCalls backfills = app.getBean(BackfillingCalls.class);
    List<CorpusCall> corpus = gong.corpus().calls();
    int announced = (int) Math.round(corpus.size() * webhookShare);
    List<String> recent =
        corpus.subList(corpus.size() - announced, corpus.size()).stream()
            .map(CorpusCall::id)
            .toList();
    long accepted = gong.fireWebhooks(recent).stream().filter(d -> status(d) / 100 == 2).count();
    Waiting.until(
        () -> backfills.progress(connection).map(p -> "done".equals(p.state())).orElse(false),
        settleTimeout(corpus.size()),
        "ingestion");
    gong.advanceClock(Duration.ofHours(2));
    Waiting.until(
        () -> {
          Map<CallState, Long> counts = ledger.countsByState(connection);
          long seen = counts.values().stream().mapToLong(Long::longValue).sum();
          return seen >= corpus.size()
              && counts.get(CallState.NEW) + counts.get(CallState.AWAITING_TRANSCRIPT) == 0;
        },
        settleTimeout(corpus.size()),
        "ingestion");
    Map<CallState, Long> counts = ledger.countsByState(connection);
    MeterRegistry meters = app.getBean(MeterRegistry.class);
    Map<String, Object> figures = new LinkedHashMap<>();
    figures.put("calls_seen", counts.values().stream().mapToLong(Long::longValue).sum());
    figures.put("calls_private_skipped", counts.get(CallState.PRIVATE));
    figures.put(
        "calls_pending", counts.get(CallState.NEW) + counts.get(CallState.AWAITING_TRANSCRIPT));
    figures.put("calls_gave_up", counts.get(CallState.GAVE_UP));
    figures.put("calls_published", counts.get(CallState.PUBLISHED));
    local.put(CALLS_PUBLISHED, Long.toString(counts.get(CallState.PUBLISHED)));
    figures.put("webhooks_accepted", accepted);
    figures.put(
        "call_event_duplicates",
        (long)
            meters.find("earshot.ingest.calls.duplicates").counters().stream()
                .mapToDouble(c -> c.count())
                .sum());
    figures.put("gong_requests", gong.counters().requests());
    figures.put("gong_rate_limited", gong.counters().rateLimited());
    figures.put(
        "ingest_ms",
        (System.nanoTime() - Long.parseLong(local.require(CONNECTED_AT_NANOS))) / 1_000_000);
    return figures;
  }

  private static int status(Map<String, Object> delivery) {
    return delivery.get("status") instanceof Number n ? n.intValue() : 0;
  }
}
