package dev.earshot.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code docs/operations.md}: its configuration reference is the one generated from the services'
 * configuration metadata (Spring Boot's configuration processor reads every
 * {@code @ConfigurationProperties} record and its Javadoc), and it has a runbook line for every
 * alert in {@code deploy/prometheus/alerts.yml}. Regenerate the reference with {@code ./mvnw -pl
 * deployment -am verify -Dtest=OperationsGuideTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dit.test=NONE -Dfailsafe.failIfNoSpecifiedTests=false -Dearshot.regenerate=true}.
 */
class OperationsGuideTest {

  private static final Path GUIDE = Tools.ROOT.resolve("docs/operations.md");
  private static final String START = "<!-- configuration-reference:start -->";
  private static final String END = "<!-- configuration-reference:end -->";

  /** The reference as Markdown: one table per service (the jar the metadata came from). */
  static String reference() throws Exception {
    Map<String, Map<String, JsonNode>> byArtifact = new TreeMap<>();
    for (URL url :
        Collections.list(
            OperationsGuideTest.class
                .getClassLoader()
                .getResources("META-INF/spring-configuration-metadata.json"))) {
      Matcher jar =
          Pattern.compile(
                  "/(service-kit|ingest-service|webhook-gateway|extraction-service|dedup-service"
                      + "|assistant-service)[-/]")
              .matcher(url.toString());
      if (!jar.find()) {
        continue;
      }
      try (InputStream in = url.openStream()) {
        JsonNode metadata = JsonMapper.builder().build().readTree(in);
        for (JsonNode property : metadata.path("properties")) {
          byArtifact
              .computeIfAbsent(jar.group(1), k -> new TreeMap<>())
              .put(property.path("name").asString(), property);
        }
      }
    }
    StringBuilder out = new StringBuilder();
    for (var artifact : byArtifact.entrySet()) {
      out.append("\n#### ").append(artifact.getKey()).append("\n\n");
      out.append("| property | type | default | meaning |\n| --- | --- | --- | --- |\n");
      for (JsonNode p : artifact.getValue().values()) {
        out.append("| `")
            .append(p.path("name").asString())
            .append("` | ")
            .append(cell(simpleType(p.path("type").asString())))
            .append(" | ")
            .append(
                p.has("defaultValue")
                    ? "`" + cell(p.path("defaultValue").toString().replace("\"", "")) + "`"
                    : "")
            .append(" | ")
            .append(cell(p.path("description").asString()))
            .append(" |\n");
      }
    }
    return out.toString();
  }

  private static String simpleType(String type) {
    return type.replaceAll("[a-z][a-z0-9_]*\\.", "").replace("$", ".");
  }

  private static String cell(String text) {
    return text.replace("|", "\\|")
        .replace("\n", " ")
        .replaceAll("\\{@code ([^}]*)}", "`$1`")
        .replaceAll("\\{@link ([^}]*)}", "$1")
        .replaceAll("\\s+", " ")
        .strip();
  }

  @Test
  void theConfigurationReferenceIsTheGeneratedOne() throws Exception {
    String guide = Files.readString(GUIDE);
    String generated = reference();
    int start = guide.indexOf(START);
    int end = guide.indexOf(END);
    assertThat(start).as("markers in docs/operations.md").isPositive();
    assertThat(end).isGreaterThan(start);
    String updated =
        guide.substring(0, start + START.length()) + "\n" + generated + "\n" + guide.substring(end);
    if (Boolean.getBoolean("earshot.regenerate")) {
      Files.writeString(GUIDE, updated);
    }

    assertThat(generated)
        .contains(
            "earshot.ingest.",
            "earshot.dedup.",
            "earshot.extraction.",
            "earshot.gateway.",
            "earshot.kafka.retry.");
    assertThat(guide)
        .as("docs/operations.md is stale: regenerate (see this test's Javadoc)")
        .isEqualTo(updated);
  }

  @Test
  void everyAlertHasARunbookLine() throws Exception {
    String guide = Files.readString(GUIDE);
    Matcher alert =
        Pattern.compile("- alert: (\\w+)")
            .matcher(Files.readString(Tools.ROOT.resolve("deploy/prometheus/alerts.yml")));
    List<String> alerts = new ArrayList<>();
    while (alert.find()) {
      alerts.add(alert.group(1));
    }

    assertThat(alerts).hasSize(14);
    for (String name : alerts) {
      assertThat(guide)
          .as("runbook line for %s", name)
          .containsPattern("\\| `" + name + "` \\|[^\\n]{40,}");
    }
  }
}
