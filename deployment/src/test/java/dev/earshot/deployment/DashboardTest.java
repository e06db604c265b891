package dev.earshot.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.earshot.testing.MetricNames;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code deploy/grafana/dashboards/earshot.json}: every panel's PromQL parses ({@code promtool
 * check rules} over the expressions as recording rules, {@code $__rate_interval} read as 5m), every
 * panel uses the provisioned Prometheus data source, and every metric the dashboard and the alert
 * rules name is a meter the code registers (a Micrometer name in {@code src/main}, or a Kafka
 * client, Spring Kafka, JVM or process meter). LocalStackIT checks the same names against a running
 * system's {@code /actuator/prometheus}.
 */
class DashboardTest {

  private static final Pattern METER_NAME =
      Pattern.compile("\"((?:earshot|gong\\.client)\\.[a-z0-9_.]+[a-z0-9_])\"");

  static List<String> expressions() throws Exception {
    JsonNode dashboard =
        JsonMapper.builder()
            .build()
            .readTree(
                Files.readString(Tools.ROOT.resolve("deploy/grafana/dashboards/earshot.json")));
    List<String> out = new ArrayList<>();
    for (JsonNode panel : dashboard.path("panels")) {
      for (JsonNode target : panel.path("targets")) {
        out.add(target.path("expr").asString());
      }
    }
    return out;
  }

  @Test
  void everyPanelUsesTheProvisionedPrometheusAndHasAnIdOfItsOwn() throws Exception {
    JsonNode dashboard =
        JsonMapper.builder()
            .build()
            .readTree(
                Files.readString(Tools.ROOT.resolve("deploy/grafana/dashboards/earshot.json")));
    String provisioned =
        Files.readString(
            Tools.ROOT.resolve("deploy/grafana/provisioning/datasources/prometheus.yaml"));
    Set<Integer> ids = new HashSet<>();

    assertThat(provisioned).contains("uid: prometheus");
    for (JsonNode panel : dashboard.path("panels")) {
      assertThat(ids.add(panel.path("id").asInt())).as("panel id %s", panel.path("id")).isTrue();
      if (!panel.path("type").asString().equals("row")) {
        assertThat(panel.path("datasource").path("uid").asString()).isEqualTo("prometheus");
        assertThat(panel.path("targets")).isNotEmpty();
      }
    }
    assertThat(expressions()).hasSizeGreaterThanOrEqualTo(15);
  }

  @Test
  void everyExpressionParses(@TempDir Path dir) throws Exception {
    Tools.require("promtool");
    StringBuilder rules = new StringBuilder("groups:\n  - name: dashboard\n    rules:\n");
    int n = 0;
    for (String expr : expressions()) {
      rules
          .append("      - record: dashboard:panel_")
          .append(n++)
          .append("\n        expr: '")
          .append(expr.replace("$__rate_interval", "5m").replace("'", "''"))
          .append("'\n");
    }
    Path file = dir.resolve("dashboard-rules.yml");
    Files.writeString(file, rules);

    Tools.Run check = Tools.run("promtool", "check", "rules", file.toString());

    assertThat(check.exitCode()).as(check.stdout() + check.stderr()).isZero();
    assertThat(check.stdout()).contains("SUCCESS: " + n + " rules found");
  }

  @Test
  void everyMetricNamedIsAMeterTheCodeRegisters() throws Exception {
    Set<String> meters = new TreeSet<>();
    try (Stream<Path> files = Files.walk(Tools.ROOT)) {
      for (Path file :
          files
              .filter(p -> p.toString().endsWith(".java"))
              .filter(p -> p.toString().contains("/src/main/java/"))
              .toList()) {
        Matcher m = METER_NAME.matcher(Files.readString(file));
        while (m.find()) {
          meters.add(m.group(1).replace('.', '_'));
        }
      }
    }
    Set<String> named = new TreeSet<>();
    List<String> sources = new ArrayList<>(expressions());
    sources.add(Files.readString(Tools.ROOT.resolve("deploy/prometheus/alerts.yml")));
    for (String source : sources) {
      named.addAll(MetricNames.in(source));
    }

    assertThat(named).isNotEmpty();
    for (String metric : named) {
      if (!metric.startsWith("earshot_") && !metric.startsWith("gong_client_")) {
        continue; // library meters: LocalStackIT finds them on a running system
      }
      String base =
          metric.replaceAll(
              "_(total|seconds_count|seconds_sum|seconds_max|seconds|count|sum|max)$", "");
      assertThat(meters).as("%s is registered in src/main (as %s)", metric, base).contains(base);
    }
  }
}
