package dev.earshot.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The Jib configuration every service image is built with (root POM, profile {@code images}),
 * checked without pulling a base image (registries are not reachable here): a pinned
 * eclipse-temurin JRE base, a non-root user, container-aware memory flags, OCI labels; and each
 * image-building module names a main class that exists and the ports its service listens on.
 */
class ImageConfigurationTest {

  /** Module, its main class, the ports its service configuration listens on. */
  private static final Map<String, List<String>> IMAGES =
      Map.of(
          "webhook-gateway", List.of("dev.earshot.gateway.GatewayApplication", "8081,8091"),
          "ingest-service", List.of("dev.earshot.ingest.IngestApplication", "8082,8092"),
          "extraction-service",
              List.of("dev.earshot.extraction.ExtractionApplication", "8083,8093"),
          "dedup-service", List.of("dev.earshot.dedup.DedupApplication", "8084,8094"),
          "assistant-service", List.of("dev.earshot.assistant.AssistantApplication", "8085,8095"),
          "gong-simulator", List.of("dev.earshot.gong.simulator.SimulatorMain", "8090"));

  private static Document pom(Path path) throws Exception {
    return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(path.toFile());
  }

  private static Map<String, String> properties(Document pom) {
    Map<String, String> out = new HashMap<>();
    NodeList blocks = pom.getDocumentElement().getElementsByTagName("properties");
    for (int b = 0; b < blocks.getLength(); b++) {
      if (blocks.item(b).getParentNode() != pom.getDocumentElement()) {
        continue;
      }
      NodeList children = blocks.item(b).getChildNodes();
      for (int i = 0; i < children.getLength(); i++) {
        if (children.item(i) instanceof Element e) {
          out.put(e.getTagName(), e.getTextContent().strip());
        }
      }
    }
    return out;
  }

  private static Element jib(Document root) {
    NodeList plugins = root.getElementsByTagName("plugin");
    for (int i = 0; i < plugins.getLength(); i++) {
      Element plugin = (Element) plugins.item(i);
      if (text(plugin, "artifactId").equals("jib-maven-plugin")
          && plugin.getElementsByTagName("configuration").getLength() > 0) {
        return plugin;
      }
    }
    throw new AssertionError("no configured jib-maven-plugin in the root POM");
  }

  private static String text(Element parent, String tag) {
    Node node = parent.getElementsByTagName(tag).item(0);
    return node == null ? "" : node.getTextContent().strip();
  }

  @Test
  void theBaseIsAPinnedTemurinJreAndTheContainerRunsAsNonRootWithContainerAwareMemory()
      throws Exception {
    Document root = pom(Tools.ROOT.resolve("pom.xml"));
    Map<String, String> props = properties(root);
    Element jib = jib(root);

    assertThat(props.get("jib.version")).matches("\\d+\\.\\d+\\.\\d+");
    assertThat(props.get("earshot.image.base"))
        .matches("eclipse-temurin:21\\.\\d+\\.\\d+_\\d+-jre(-\\w+)?(@sha256:[0-9a-f]{64})?");
    assertThat(text(jib, "image")).isEqualTo("${earshot.image.base}");
    assertThat(text(jib, "user")).matches("[1-9]\\d*:[1-9]\\d*");
    assertThat(text(jib, "jvmFlags"))
        .contains("-XX:MaxRAMPercentage=", "-XX:+ExitOnOutOfMemoryError");
    assertThat(text(jib, "labels")).isNotBlank();
    for (String label :
        List.of(
            "org.opencontainers.image.title",
            "org.opencontainers.image.version",
            "org.opencontainers.image.source",
            "org.opencontainers.image.licenses")) {
      assertThat(jib.getElementsByTagName(label).getLength()).as(label).isEqualTo(1);
    }
    assertThat(props.get("earshot.image.skip")).as("libraries build no image").isEqualTo("true");
  }

  @Test
  void everyServiceBuildsAnImageOfItsOwnMainClassAndPorts() throws Exception {
    for (Map.Entry<String, List<String>> image : IMAGES.entrySet()) {
      Path module = Tools.ROOT.resolve(image.getKey());
      Map<String, String> props = properties(pom(module.resolve("pom.xml")));
      String mainClass = image.getValue().get(0);

      assertThat(props.get("earshot.image.skip")).as(image.getKey()).isEqualTo("false");
      assertThat(props.get("earshot.image.main-class")).as(image.getKey()).isEqualTo(mainClass);
      assertThat(module.resolve("src/main/java/" + mainClass.replace('.', '/') + ".java")).exists();
      assertThat(props.get("earshot.image.ports"))
          .as(image.getKey())
          .isEqualTo(image.getValue().get(1));
    }
    String gateway =
        Files.readString(
            Tools.ROOT.resolve("webhook-gateway/src/main/resources/webhook-gateway.yaml"));
    assertThat(gateway).contains("port: 8081", "port: 8091");
  }
}
