package dev.earshot.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressServiceBackend;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.Yaml;

/**
 * Every service serves actuator (probes, {@code /actuator/prometheus}, open for Prometheus, and
 * meters tagged with org ids) on a management port of its own ({@code management.server.port}), and
 * its API port none of it: the probes, Prometheus's scrapes and Compose's health checks read the
 * management port, and neither the Ingress nor the ingress controller's network policy reaches it.
 * The services' own ITs check that the API port answers 404 there ({@code
 * ActuatorPort.assertServedOnTheManagementPortOnly}).
 */
class ActuatorPortsTest {

  /** Service, its API port, its management port. */
  static final Map<String, List<Integer>> PORTS =
      Map.of(
          "webhook-gateway", List.of(8081, 8091),
          "ingest-service", List.of(8082, 8092),
          "extraction-service", List.of(8083, 8093),
          "dedup-service", List.of(8084, 8094),
          "assistant-service", List.of(8085, 8095));

  private static final Set<Integer> MANAGEMENT =
      PORTS.values().stream().map(p -> p.get(1)).collect(Collectors.toSet());

  @Test
  @SuppressWarnings("unchecked")
  void everyServiceConfiguresAManagementPortOfItsOwn() throws IOException {
    for (Map.Entry<String, List<Integer>> service : PORTS.entrySet()) {
      String name = service.getKey();
      Map<String, Object> config =
          new Yaml()
              .load(
                  Files.readString(
                      Tools.ROOT.resolve(name + "/src/main/resources/" + name + ".yaml")));
      Map<String, Object> server = (Map<String, Object>) config.get("server");
      Map<String, Object> management = (Map<String, Object>) config.get("management");
      assertThat(server.get("port")).as(name + " server.port").isEqualTo(service.getValue().get(0));
      assertThat(management).as(name + " management").isNotNull();
      assertThat(((Map<String, Object>) management.get("server")).get("port"))
          .as(name + " management.server.port")
          .isEqualTo(service.getValue().get(1));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev", "prod"})
  void kubernetesProbesAndScrapesReadTheManagementPortAndNothingRoutesIt(String overlay) {
    Tools.require("kubectl");
    Tools.Run run = Tools.run("kubectl", "kustomize", "k8s/overlays/" + overlay);
    assertThat(run.exitCode()).as("kubectl kustomize: %s", run.stderr()).isZero();
    Manifests manifests = Manifests.parse(run.stdout());
    List<String> violations = new ArrayList<>();

    for (Map.Entry<String, List<Integer>> service : PORTS.entrySet()) {
      String name = service.getKey();
      int api = service.getValue().get(0);
      int management = service.getValue().get(1);
      Deployment deployment = manifests.named(Deployment.class, name).orElseThrow();
      Container container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
      Map<String, Integer> ports =
          container.getPorts().stream()
              .collect(Collectors.toMap(ContainerPort::getName, ContainerPort::getContainerPort));
      if (!Map.of("http", api, "management", management).equals(ports)) {
        violations.add(name + ": container ports " + ports);
      }
      for (Probe probe :
          List.of(
              container.getStartupProbe(),
              container.getLivenessProbe(),
              container.getReadinessProbe())) {
        IntOrString port = probe.getHttpGet().getPort();
        if (!"management".equals(port.getStrVal())
            && !Integer.valueOf(management).equals(port.getIntVal())) {
          violations.add(name + ": probe " + probe.getHttpGet().getPath() + " on port " + port);
        }
      }
      String scraped =
          deployment
              .getSpec()
              .getTemplate()
              .getMetadata()
              .getAnnotations()
              .get("prometheus.io/port");
      if (!String.valueOf(management).equals(scraped)) {
        violations.add(name + ": Prometheus scrapes port " + scraped);
      }
      Service own = manifests.named(Service.class, name).orElseThrow();
      if (own.getSpec().getPorts().stream()
          .map(ServicePort::getPort)
          .noneMatch(p -> p == management)) {
        violations.add(name + ": its Service has no management port");
      }
    }
    for (Ingress ingress : manifests.all(Ingress.class)) {
      for (var rule : ingress.getSpec().getRules()) {
        for (HTTPIngressPath path : rule.getHttp().getPaths()) {
          IngressServiceBackend backend = path.getBackend().getService();
          var port = backend.getPort();
          if (!"http".equals(port.getName())
              && (port.getNumber() == null || MANAGEMENT.contains(port.getNumber()))) {
            violations.add(
                rule.getHost() + path.getPath() + " routes to " + backend.getName() + " " + port);
          }
        }
      }
    }
    Set<Integer> fromTheIngressController = policyPorts(manifests, "ingress-controller-to-apis");
    if (fromTheIngressController.stream().anyMatch(MANAGEMENT::contains)) {
      violations.add("the ingress controller reaches ports " + fromTheIngressController);
    }
    Set<Integer> fromPrometheus = policyPorts(manifests, "prometheus-scrapes");
    if (!MANAGEMENT.equals(fromPrometheus)) {
      violations.add("Prometheus reaches ports " + fromPrometheus + ", not " + MANAGEMENT);
    }

    assertThat(violations).isEmpty();
  }

  private static Set<Integer> policyPorts(Manifests manifests, String policy) {
    return manifests
        .named(NetworkPolicy.class, policy)
        .orElseThrow()
        .getSpec()
        .getIngress()
        .stream()
        .flatMap(rule -> rule.getPorts().stream())
        .map(NetworkPolicyPort::getPort)
        .map(IntOrString::getIntVal)
        .collect(Collectors.toSet());
  }

  @Test
  @SuppressWarnings("unchecked")
  void composeChecksHealthAndScrapesOnTheManagementPortAndPublishesOnlyTheApi() throws IOException {
    Map<String, Object> compose =
        new Yaml().load(Files.readString(Tools.ROOT.resolve("docker-compose.yml")));
    Map<String, Map<String, Object>> services =
        (Map<String, Map<String, Object>>) compose.get("services");
    String prometheus = Files.readString(Tools.ROOT.resolve("deploy/prometheus/prometheus.yml"));
    List<String> violations = new ArrayList<>();

    for (Map.Entry<String, List<Integer>> service : PORTS.entrySet()) {
      String name = service.getKey();
      int api = service.getValue().get(0);
      int management = service.getValue().get(1);
      Map<String, Object> container = services.get(name);
      String check =
          String.valueOf(((Map<String, Object>) container.get("healthcheck")).get("test"));
      if (!check.contains("/dev/tcp/localhost/" + management + " ")
          || !check.contains("/actuator/health/readiness")) {
        violations.add(name + ": health check " + check);
      }
      List<Object> published = (List<Object>) container.getOrDefault("ports", List.of());
      if (published.stream().map(String::valueOf).anyMatch(p -> p.endsWith(":" + management))) {
        violations.add(name + ": publishes its management port " + published);
      }
      if (!prometheus.contains("\"" + name + ":" + management + "\"")
          || prometheus.contains("\"" + name + ":" + api + "\"")) {
        violations.add(name + ": Prometheus does not scrape " + name + ":" + management);
      }
    }

    assertThat(violations).isEmpty();
  }
}
