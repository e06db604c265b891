package dev.earshot.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.earshot.gong.simulator.GongSimulator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * {@code ./earshot local --processes --once}: every service its own JVM from its bootable jar with
 * its local profile, configured otherwise by environment variables, on free ports; the run keeps
 * the same promises as the single-JVM one ({@link LocalStackIT#assertTheRunKeepsItsPromises}) with
 * the same summary keys, read through the services' public surfaces, and no child survives the
 * stop. The bootable jars come from {@code package} ({@code verify} runs this after it).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalProcessesIT {

  static final List<String> SERVICES =
      List.of(
          "webhook_gateway",
          "ingest_service",
          "extraction_service",
          "dedup_service",
          "assistant_service");

  LocalStack stack;
  Map<String, Object> figures;
  Map<String, Object> facts;
  GongSimulator gong;

  @BeforeAll
  void start() throws Exception {
    // 30 calls with Gong's webhooks on (the newest tenth announced): every service takes part
    stack = LocalStackIT.startOnce("--processes", "--calls", "30");
    gong = stack.context().shared(GongSimulator.class);
    figures = stack.runOnce();
    facts = stack.facts();
  }

  @AfterAll
  void stop() {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void keepsTheSamePromisesWithTheSameSummaryAsTheSingleJvmRun() {
    LocalStackIT.assertTheRunKeepsItsPromises(figures, gong.groundTruth());
    assertThat(figures.keySet()).containsExactlyElementsOf(LocalStackIT.FIGURES);
    // Gong announces the newest tenth (3 calls), and the calls it lists late as its clock moves
    assertThat((Long) figures.get("webhooks_accepted")).isGreaterThanOrEqualTo(3L);
    // the assistant's own JVM reaches ingest's internal API with a locally issued service token
    assertThat(figures).containsEntry("assistant_gong_fallback", true);
  }

  @Test
  @SuppressWarnings("unchecked")
  void everyServiceIsItsOwnReadyProcessWithItsLogUnderTarget() {
    long launcher = ProcessHandle.current().pid();
    for (String service : SERVICES) {
      Map<String, Object> own = (Map<String, Object>) facts.get(service);
      long pid = ((Number) own.get("pid")).longValue();
      assertThat(pid).as(service).isNotEqualTo(launcher);
      assertThat(ProcessHandle.of(pid)).as(service).hasValueSatisfying(p -> p.isAlive());
      assertThat(own.get("url")).asString().startsWith("http://localhost:");
      Path log = Path.of((String) own.get("log"));
      assertThat(log.toString()).contains("/target/local-processes/").endsWith(service + ".log");
      assertThat(Files.exists(log)).as(log.toString()).isTrue();
    }
    assertThat((Map<String, Object>) facts.get("ingest_service"))
        .containsEntry("demo_connection_status", "connected")
        .containsEntry("webhook_subscription", "active")
        .containsEntry("outbox_pending", 0L);
  }

  /**
   * As in production, every service serves actuator on a management port of its own, and its API
   * port none of it: Prometheus's scrape, open without a token, is not where the API is.
   */
  @Test
  @SuppressWarnings("unchecked")
  void everyServiceServesActuatorOnItsManagementPortOnly() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    for (String service : SERVICES) {
      Map<String, Object> own = (Map<String, Object>) facts.get(service);
      String url = (String) own.get("url");
      String management = (String) own.get("management_url");
      assertThat(management).as(service).startsWith("http://localhost:").isNotEqualTo(url);
      for (String path : List.of("/actuator/prometheus", "/actuator/health/readiness")) {
        assertThat(status(http, url + path))
            .as("%s: %s on the API port", service, path)
            .isEqualTo(404);
        assertThat(status(http, management + path)).as("%s: %s", service, path).isEqualTo(200);
      }
    }
  }

  private static int status(HttpClient http, String url) throws Exception {
    return http.send(
            HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }

  @Test
  @Order(Integer.MAX_VALUE) // last: it stops the stack
  @SuppressWarnings("unchecked")
  void stoppingLeavesNoChildRunning() {
    List<Long> pids = new ArrayList<>();
    for (String service : SERVICES) {
      pids.add(((Number) ((Map<String, Object>) facts.get(service)).get("pid")).longValue());
    }

    stack.close();
    stack = null;

    assertThat(pids)
        .allSatisfy(
            pid ->
                assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
                    .as("pid %d", pid)
                    .isFalse());
  }
}
