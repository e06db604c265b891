package dev.earshot.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.earshot.events.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * {@code docker-compose.yml}: valid for Compose v1.29 ({@code docker-compose config -q}, the
 * version Debian ships), every part of the system present, health-gated start order, pinned images,
 * and the topics its init container creates equal to the code's.
 */
class ComposeFileTest {

  private static final List<String> SERVICES =
      List.of(
          "kafka",
          "schema-registry",
          "postgres",
          "qdrant",
          "prometheus",
          "grafana",
          "webhook-gateway",
          "ingest-service",
          "extraction-service",
          "dedup-service",
          "assistant-service",
          "gong-simulator");

  @SuppressWarnings("unchecked")
  private static Map<String, Map<String, Object>> services() throws IOException {
    Map<String, Object> compose =
        new Yaml().load(Files.readString(Tools.ROOT.resolve("docker-compose.yml")));
    return (Map<String, Map<String, Object>>) compose.get("services");
  }

  @Test
  void composeValidatesIt() {
    Tools.require("docker-compose");
    Tools.Run run = Tools.run("docker-compose", "-f", "docker-compose.yml", "config", "-q");
    assertThat(run.exitCode()).as(run.stderr()).isZero();
  }

  @Test
  void everyPartRunsHealthCheckedAndStartsAfterWhatItNeedsIsHealthy() throws IOException {
    Map<String, Map<String, Object>> services = services();

    assertThat(services.keySet()).containsAll(SERVICES);
    assertThat(services.get("gong-simulator").get("profiles")).isEqualTo(List.of("demo"));
    List<String> violations = new ArrayList<>();
    services.forEach(
        (name, service) -> {
          ManifestChecks.pinnedImage(name, (String) service.get("image"), violations);
          boolean oneShot = "no".equals(service.get("restart"));
          if (!oneShot && !service.containsKey("healthcheck")) {
            violations.add(name + ": no healthcheck");
          }
          Object dependsOn = service.get("depends_on");
          if (dependsOn instanceof List<?>) {
            violations.add(name + ": depends_on without a condition");
          } else if (dependsOn instanceof Map<?, ?> map) {
            map.forEach(
                (on, how) -> {
                  Object condition = how instanceof Map<?, ?> m ? m.get("condition") : null;
                  if (!List.of("service_healthy", "service_completed_successfully")
                      .contains(condition)) {
                    violations.add(name + ": starts before " + on + " is healthy");
                  }
                });
          }
        });
    assertThat(violations).isEmpty();
  }

  @Test
  void theTopicsItCreatesAreTheCodesTopics() throws IOException {
    Object command = services().get("kafka-topics").get("command");
    String script = String.join("\n", ((List<?>) command).stream().map(String::valueOf).toList());
    Matcher create = Pattern.compile("create (\\S+) (\\d+) (compact|delete)").matcher(script);
    Map<String, String> policies = new HashMap<>();
    Map<String, Integer> partitions = new HashMap<>();
    while (create.find()) {
      policies.put(create.group(1), create.group(3));
      partitions.put(create.group(1), Integer.parseInt(create.group(2)));
    }

    assertThat(policies.keySet())
        .containsExactlyInAnyOrderElementsOf(Topics.allNamesWithDeadLetters());
    for (Topics.Topic topic : Topics.ALL) {
      assertThat(policies.get(topic.name())).isEqualTo(topic.compacted() ? "compact" : "delete");
      assertThat(policies.get(topic.deadLetterName())).isEqualTo("delete");
      assertThat(partitions.get(topic.deadLetterName()))
          .isGreaterThanOrEqualTo(partitions.get(topic.name()));
    }
    assertThat(script).contains("max.message.bytes=" + Topics.MAX_MESSAGE_BYTES);
  }

  @Test
  void prometheusScrapesEveryService() throws IOException {
    String config = Files.readString(Tools.ROOT.resolve("deploy/prometheus/prometheus.yml"));

    assertThat(config)
        .contains(
            "webhook-gateway:8091",
            "ingest-service:8092",
            "extraction-service:8093",
            "dedup-service:8094",
            "assistant-service:8095");
  }
}
