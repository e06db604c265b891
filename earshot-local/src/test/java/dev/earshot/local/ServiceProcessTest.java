package dev.earshot.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.earshot.cli.FreePorts;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceProcessTest {

  static ServiceSpec spec(String name) {
    return new ServiceSpec(
        name,
        Object.class,
        "no-module",
        FreePorts.pick(),
        local -> Map.of(),
        local -> Map.of(),
        local -> Map.of(),
        local -> Map.of());
  }

  @Test
  void aChildThatDiesIsReportedByNameExitCodeAndTheLastLinesOfItsLog(@TempDir Path dir)
      throws Exception {
    LocalContext local = new LocalContext(dir);
    ServiceProcess child = new ServiceProcess(spec("doomed_service"), null);
    Path log = dir.resolve("logs").resolve("doomed_service.log");

    child.launch(
        List.of("sh", "-c", "for i in $(seq 1 40); do echo line $i; done; echo boom >&2; exit 3"),
        Map.of(),
        log,
        local);

    assertThatThrownBy(() -> child.awaitReady("http://localhost:1/ready", Duration.ofSeconds(30)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("doomed_service (pid " + child.pid() + ") exited with code 3")
        .hasMessageContaining("log: " + log)
        .hasMessageContaining("| line 40\n  | boom")
        .hasMessageNotContaining("| line 10\n");
    Waiting.until(
        new LocalContext(dir), () -> !local.deaths().isEmpty(), Duration.ofSeconds(10), "report");
    assertThat(local.deaths().getFirst()).contains("exited with code 3");
    assertThatThrownBy(local::checkAlive).hasMessageContaining("doomed_service");
    child.close();
  }

  @Test
  void stoppingAChildEndsItAndIsNoDeath(@TempDir Path dir) throws Exception {
    LocalContext local = new LocalContext(dir);
    ServiceProcess child = new ServiceProcess(spec("sleepy_service"), null);
    child.launch(List.of("sleep", "600"), Map.of(), dir.resolve("sleepy.log"), local);
    long pid = child.pid();
    assertThat(ProcessHandle.of(pid)).isPresent();

    child.close();

    assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    Thread.sleep(300);
    assertThat(local.deaths()).isEmpty();
  }

  @Test
  void settingsBecomeTheEnvironmentVariablesComposeAndKubernetesSet() {
    assertThat(
            ServiceProcess.environment(
                Map.of(
                    "spring.kafka.bootstrap-servers", "localhost:9092",
                    "earshot.ingest.public-base-url", "http://localhost:8081",
                    "server.port", 8082)))
        .containsEntry("SPRING_KAFKA_BOOTSTRAP_SERVERS", "localhost:9092")
        .containsEntry("EARSHOT_INGEST_PUBLIC_BASE_URL", "http://localhost:8081")
        .containsEntry("SERVER_PORT", "8082");
  }

  @Test
  void aScrapeIsReadByNameAndLabels() {
    Metrics metrics =
        Metrics.parse(
            """
            # HELP earshot_extraction_calls_total calls
            # TYPE earshot_extraction_calls_total counter
            earshot_extraction_calls_total{application="x",outcome="with_feedback"} 7.0
            earshot_extraction_calls_total{application="x",outcome="without_feedback"} 3.0
            earshot_dedup_outbox_pending 0.0
            """);

    assertThat(metrics.count(Metrics.counter("earshot.extraction.calls"))).isEqualTo(10);
    assertThat(metrics.count("earshot_extraction_calls_total", "outcome", "without_feedback"))
        .isEqualTo(3);
    assertThat(metrics.countBy("earshot_extraction_calls_total", "outcome"))
        .containsEntry("with_feedback", 7L);
    assertThat(metrics.count(Metrics.gauge("earshot.dedup.outbox.pending"))).isZero();
    assertThat(metrics.count("earshot_not_exported_total")).isZero();
  }
}
