package dev.earshot.local;

import dev.earshot.gong.simulator.SimulatorConfig;
import dev.earshot.ingest.IngestApplication;
import dev.earshot.ingest.connection.ConnectingWithApiKey;
import dev.earshot.ingest.security.LocalTokenIssuer;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/** How ingest-service runs in the local stack: its database, the simulator as Gong, a demo org. */
final class IngestLocal {

  static final Class<?> APP = IngestApplication.class;
  static final String DEMO_ORG = "demo-org";

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
    return props;
  }

  /** Waits (up to 15 s) until every recorded event has been published; returns how many remain. */
  static long drainOutbox(ConfigurableApplicationContext app) {
    JdbcClient jdbc = app.getBean(JdbcClient.class);
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    long pending;
    do {
      pending =
          jdbc.sql("select count(*) from event_publication where completion_date is null")
              .query(Long.class)
              .single();
      if (pending == 0) {
        return 0;
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return pending;
      }
    } while (System.nanoTime() < deadline);
    return pending;
  }

  /** Connects the demo org to the simulator with its demo key and issues an admin token. */
  static Map<String, Object> connectDemoOrg(
      ConfigurableApplicationContext app, LocalContext local) {
    var result =
        app.getBean(ConnectingWithApiKey.class)
            .connect(
                DEMO_ORG,
                new ConnectingWithApiKey.Request(
                    local.require(GongSimulatorComponent.BASE_URL),
                    SimulatorConfig.DEMO_ACCESS_KEY,
                    SimulatorConfig.DEMO_ACCESS_SECRET));
    String token =
        app.getBean(LocalTokenIssuer.class)
            .issue(DEMO_ORG, "admin", "demo-admin", Duration.ofHours(12));
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("outbox_pending", drainOutbox(app));
    facts.put("demo_org", DEMO_ORG);
    facts.put("demo_connection", result.connection().id().toString());
    facts.put("demo_connection_status", result.connection().status().apiName());
    facts.put("admin_token", token);
    return facts;
  }
}
