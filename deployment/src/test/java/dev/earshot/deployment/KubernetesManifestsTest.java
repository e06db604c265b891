package dev.earshot.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.earshot.events.Topics;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Renders each overlay of {@code k8s/} with {@code kubectl kustomize} and checks the objects:
 * {@link ManifestChecks}' rules, the Kafka topics against {@link Topics#ALL}, autoscaling bounded
 * by partitions, and dedup-service's index rule (the embedded index means exactly one replica).
 */
class KubernetesManifestsTest {

  /** The topic each scaled consumer reads: replicas beyond its partitions would idle. */
  private static final Map<String, String> INPUT =
      Map.of(
          "ingest-service", Topics.CALL_EVENTS,
          "extraction-service", Topics.CALLS,
          "dedup-service", Topics.FEEDBACK_ITEMS,
          "assistant-service", Topics.CALLS);

  private static Manifests render(String overlay) {
    Tools.require("kubectl");
    Tools.Run run = Tools.run("kubectl", "kustomize", "k8s/overlays/" + overlay);
    assertThat(run.exitCode()).as("kubectl kustomize: %s", run.stderr()).isZero();
    return Manifests.parse(run.stdout());
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev", "prod"})
  void everyObjectKeepsTheRules(String overlay) {
    Manifests manifests = render(overlay);

    assertThat(manifests.all(Deployment.class))
        .extracting(d -> d.getMetadata().getName())
        .containsExactlyInAnyOrder(
            "webhook-gateway",
            "ingest-service",
            "extraction-service",
            "dedup-service",
            "assistant-service");
    assertThat(ManifestChecks.violations(manifests)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev", "prod"})
  void topicsAreTheCodesTopics(String overlay) {
    List<KafkaTopic> topics = render(overlay).all(KafkaTopic.class);
    Map<String, KafkaTopic> byName =
        topics.stream().collect(Collectors.toMap(t -> t.getSpec().getTopicName(), t -> t));

    assertThat(byName.keySet())
        .containsExactlyInAnyOrderElementsOf(Topics.allNamesWithDeadLetters());
    for (Topics.Topic topic : Topics.ALL) {
      KafkaTopic main = byName.get(topic.name());
      KafkaTopic dead = byName.get(topic.deadLetterName());
      assertThat(main.getSpec().getConfig().get("cleanup.policy"))
          .as(topic.name())
          .isEqualTo(topic.compacted() ? "compact" : "delete");
      assertThat(dead.getSpec().getConfig().get("cleanup.policy")).isEqualTo("delete");
      for (KafkaTopic t : List.of(main, dead)) {
        assertThat(
                Integer.parseInt(String.valueOf(t.getSpec().getConfig().get("max.message.bytes"))))
            .as(t.getSpec().getTopicName())
            .isEqualTo(Topics.MAX_MESSAGE_BYTES);
        assertThat(t.getSpec().getAdditionalProperties()).isEmpty();
        assertThat(t.getMetadata().getLabels()).containsEntry("strimzi.io/cluster", "earshot");
      }
      // A dead letter goes to the partition its record came from (Spring's
      // DeadLetterPublishingRecoverer default), so the .dlt needs at least as many.
      assertThat(dead.getSpec().getPartitions())
          .as(topic.deadLetterName())
          .isGreaterThanOrEqualTo(main.getSpec().getPartitions());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev", "prod"})
  void consumersScaleNoFurtherThanTheirPartitionsAndTheStatelessOnesScale(String overlay) {
    Manifests manifests = render(overlay);
    Map<String, Integer> partitions = new HashMap<>();
    manifests
        .all(KafkaTopic.class)
        .forEach(t -> partitions.put(t.getSpec().getTopicName(), t.getSpec().getPartitions()));

    for (HorizontalPodAutoscaler hpa : manifests.all(HorizontalPodAutoscaler.class)) {
      String target = hpa.getSpec().getScaleTargetRef().getName();
      if (INPUT.containsKey(target)) {
        assertThat(hpa.getSpec().getMaxReplicas())
            .as("%s reads %s", target, INPUT.get(target))
            .isLessThanOrEqualTo(partitions.get(INPUT.get(target)));
      }
    }
    assertThat(manifests.named(HorizontalPodAutoscaler.class, "webhook-gateway")).isPresent();
    assertThat(manifests.named(HorizontalPodAutoscaler.class, "extraction-service")).isPresent();
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev", "prod"})
  void dedupIsOneReplicaExactlyWhenItUsesTheEmbeddedIndex(String overlay) {
    Manifests manifests = render(overlay);
    String kind =
        manifests
            .named(ConfigMap.class, "dedup-service")
            .or(
                () ->
                    manifests.all(ConfigMap.class).stream()
                        .filter(c -> c.getMetadata().getName().startsWith("dedup-service-"))
                        .findFirst())
            .orElseThrow()
            .getData()
            .get("EARSHOT_DEDUP_INDEX_KIND");
    Deployment dedup = manifests.named(Deployment.class, "dedup-service").orElseThrow();

    if (kind.equals("lucene")) {
      assertThat(dedup.getSpec().getReplicas()).isEqualTo(1);
      assertThat(dedup.getSpec().getStrategy().getType()).isEqualTo("Recreate");
      assertThat(manifests.named(HorizontalPodAutoscaler.class, "dedup-service")).isEmpty();
      assertThat(manifests.named(PersistentVolumeClaim.class, "dedup-index")).isPresent();
    } else {
      assertThat(kind).isEqualTo("qdrant");
      assertThat(manifests.named(PersistentVolumeClaim.class, "dedup-index")).isEmpty();
    }
    assertThat(overlay.equals("prod") ? "qdrant" : "lucene").isEqualTo(kind);
  }

  /**
   * The public URLs services hand out (webhook URLs registered with Gong, the OAuth callback Gong
   * redirects an admin to), by environment variable, with the service the Ingress must route them
   * to: each names a host of this overlay's Ingress, and that host routes the URL's path there.
   */
  private static final Map<String, String> PUBLIC_URLS =
      Map.of(
          "EARSHOT_INGEST_PUBLIC_BASE_URL", "webhook-gateway",
          "EARSHOT_GATEWAY_PUBLIC_BASE_URL", "webhook-gateway",
          "EARSHOT_INGEST_OAUTH_REDIRECTURI", "ingest-service");

  @ParameterizedTest
  @ValueSource(strings = {"dev", "prod"})
  void publicUrlsNameTheIngressHostThatRoutesThemToTheirService(String overlay) {
    Manifests manifests = render(overlay);
    Map<String, String> configured = new HashMap<>();
    manifests.all(ConfigMap.class).stream()
        .filter(c -> c.getData() != null)
        .forEach(c -> c.getData().forEach(configured::put));

    assertThat(configured).containsKeys(PUBLIC_URLS.keySet().toArray(String[]::new));
    for (var expected : PUBLIC_URLS.entrySet()) {
      URI url = URI.create(configured.get(expected.getKey()));
      // a base URL (no path) is the base of the service's own paths: any path it routes will do
      String path = url.getPath() == null ? "" : url.getPath();
      List<String> routedTo =
          manifests.all(Ingress.class).stream()
              .flatMap(ingress -> ingress.getSpec().getRules().stream())
              .filter(rule -> url.getHost().equals(rule.getHost()))
              .flatMap(rule -> rule.getHttp().getPaths().stream())
              .filter(p -> path.isEmpty() || path.startsWith(p.getPath()))
              .map(p -> p.getBackend().getService().getName())
              .toList();
      assertThat(routedTo)
          .as("%s=%s: a host and path of the %s Ingress", expected.getKey(), url, overlay)
          .contains(expected.getValue());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev", "prod"})
  void ingestsInternalApiIsReachableFromAssistantOnlyAndNeverThroughTheIngress(String overlay) {
    Manifests manifests = render(overlay);

    assertThat(
            manifests.all(Ingress.class).stream()
                .flatMap(ingress -> ingress.getSpec().getRules().stream())
                .flatMap(rule -> rule.getHttp().getPaths().stream())
                .map(HTTPIngressPath::getPath))
        .isNotEmpty()
        .noneMatch(path -> path.startsWith("/internal") || path.equals("/"));
    NetworkPolicy out = manifests.named(NetworkPolicy.class, "assistant-to-ingest").orElseThrow();
    NetworkPolicy in = manifests.named(NetworkPolicy.class, "ingest-from-assistant").orElseThrow();
    assertThat(out.getSpec().getPodSelector().getMatchLabels())
        .containsEntry("app.kubernetes.io/name", "assistant-service");
    assertThat(out.getSpec().getEgress().getFirst().getTo().getFirst().getPodSelector())
        .extracting(selector -> selector.getMatchLabels().get("app.kubernetes.io/name"))
        .isEqualTo("ingest-service");
    assertThat(in.getSpec().getIngress().getFirst().getFrom().getFirst().getPodSelector())
        .extracting(selector -> selector.getMatchLabels().get("app.kubernetes.io/name"))
        .isEqualTo("assistant-service");
    Deployment assistant = manifests.named(Deployment.class, "assistant-service").orElseThrow();
    assertThat(assistant.getSpec().getTemplate().getSpec().getContainers().getFirst().getEnv())
        .anyMatch(
            env ->
                env.getName().equals("EARSHOT_ASSISTANT_INGEST_CLIENT_SECRET")
                    && env.getValueFrom() != null
                    && env.getValueFrom().getSecretKeyRef() != null);
  }
}
