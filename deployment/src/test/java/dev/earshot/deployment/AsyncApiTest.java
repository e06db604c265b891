package dev.earshot.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.earshot.events.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * {@code docs/asyncapi.yaml}: valid AsyncAPI 3.0 with its Avro payloads resolved, by the official
 * parser offline ({@code tools/asyncapi/validate.mjs}, dependencies installed by {@code npm ci} in
 * {@code .ci/run}); and the same topics, dead-letter twins and value records as {@link Topics}.
 */
class AsyncApiTest {

  private static final Path DOCUMENT = Tools.ROOT.resolve("docs/asyncapi.yaml");

  private static void requireParser() {
    Tools.require("node");
    if (!Files.isDirectory(Tools.ROOT.resolve("tools/asyncapi/node_modules/@asyncapi/parser"))) {
      if ("required".equals(System.getenv("EARSHOT_DEPLOY_TOOLS"))) {
        fail("tools/asyncapi has no node_modules: .ci/run runs npm ci there");
      }
      Assumptions.abort("npm ci --prefix tools/asyncapi not run: check skipped");
    }
  }

  @Test
  void theParserAcceptsItWithEveryAvroPayload() {
    requireParser();

    Tools.Run run = Tools.run("node", "tools/asyncapi/validate.mjs", DOCUMENT.toString());

    assertThat(run.exitCode()).as(run.stderr()).isZero();
    assertThat(run.stdout())
        .contains("\"valid\":true")
        .contains("\"channels\":" + 2 * Topics.ALL.size())
        .contains("\"messages\":" + Topics.ALL.size());
  }

  @Test
  void theParserRefusesABrokenDocument(@TempDir Path dir) throws Exception {
    requireParser();
    String copy =
        Files.readString(DOCUMENT)
            .replace("'../events/", "'" + dir.relativize(Tools.ROOT.resolve("events")) + "/");
    Path same = dir.resolve("same.yaml");
    Files.writeString(same, copy);
    Path broken = dir.resolve("broken.yaml");
    Files.writeString(broken, copy.replaceFirst("action: send", "action: publish"));

    Tools.Run valid = Tools.run("node", "tools/asyncapi/validate.mjs", same.toString());
    Tools.Run invalid = Tools.run("node", "tools/asyncapi/validate.mjs", broken.toString());

    assertThat(valid.exitCode()).as(valid.stderr()).isZero();
    assertThat(invalid.exitCode()).isNotZero();
    assertThat(invalid.stderr()).contains("action");
  }

  @Test
  @SuppressWarnings("unchecked")
  void itDescribesEveryTopicOfTheCodeWithItsDeadLettersAndValueRecord() throws Exception {
    Map<String, Object> doc = new Yaml().load(Files.readString(DOCUMENT));
    Map<String, Map<String, Object>> channels =
        (Map<String, Map<String, Object>>) doc.get("channels");
    List<String> addresses =
        channels.values().stream().map(c -> (String) c.get("address")).toList();

    assertThat(addresses).containsExactlyInAnyOrderElementsOf(Topics.allNamesWithDeadLetters());
    for (Topics.Topic topic : Topics.ALL) {
      String record = topic.valueType().getSimpleName();
      for (Map<String, Object> channel : channels.values()) {
        String address = (String) channel.get("address");
        if (address.equals(topic.name()) || address.equals(topic.deadLetterName())) {
          assertThat(((Map<String, Object>) channel.get("messages")).keySet())
              .as(address)
              .containsExactly(record);
        }
      }
      assertThat(Tools.ROOT.resolve("events/src/main/avro/" + record + ".avsc")).exists();
    }
  }
}
