package dev.earshot.deployment;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressTLS;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What every rendered overlay must hold, as a list of violations (empty: it holds). Each rule is
 * one method, so a newcomer reads the list here:
 *
 * <ul>
 *   <li>every container has startup, liveness and readiness probes;
 *   <li>every container has CPU and memory requests and limits;
 *   <li>every pod runs as non-root, and no container may escalate privileges;
 *   <li>every image has a pinned tag (not {@code latest}, not missing) or a digest;
 *   <li>every Secret referenced (env, envFrom, volumes, Ingress TLS) exists by name as a Secret or
 *       as the target of an {@code ExternalSecret} (cert-manager writes an annotated Ingress's TLS
 *       Secret), every ConfigMap and ServiceAccount referenced exists;
 *   <li>every Deployment has a PodDisruptionBudget selecting its pods, and every HPA scales an
 *       existing Deployment;
 *   <li>no unknown field on a Deployment, its pod or containers (fabric8 keeps unknown fields in
 *       {@code additionalProperties}: a typo such as {@code readinesProbe} lands there).
 * </ul>
 */
final class ManifestChecks {

  private ManifestChecks() {}

  static List<String> violations(Manifests manifests) {
    List<String> out = new ArrayList<>();
    Set<String> secrets = secretNames(manifests);
    Set<String> configMaps = new HashSet<>();
    manifests.all(ConfigMap.class).forEach(c -> configMaps.add(c.getMetadata().getName()));
    Set<String> accounts = new HashSet<>();
    manifests.all(ServiceAccount.class).forEach(a -> accounts.add(a.getMetadata().getName()));
    for (Deployment deployment : manifests.all(Deployment.class)) {
      String name = deployment.getMetadata().getName();
      PodSpec pod = deployment.getSpec().getTemplate().getSpec();
      unknownFields(name, deployment, out);
      nonRootPod(name, pod, out);
      if (pod.getServiceAccountName() != null && !accounts.contains(pod.getServiceAccountName())) {
        out.add(name + ": service account " + pod.getServiceAccountName() + " does not exist");
      }
      for (Container container : pod.getContainers()) {
        String where = name + "/" + container.getName();
        probes(where, container, out);
        resources(where, container, out);
        pinnedImage(where, container.getImage(), out);
        noEscalation(where, container, out);
        references(where, container, secrets, configMaps, out);
      }
      for (Volume volume : pod.getVolumes()) {
        if (volume.getSecret() != null && !secrets.contains(volume.getSecret().getSecretName())) {
          out.add(
              name + ": volume secret " + volume.getSecret().getSecretName() + " does not exist");
        }
      }
      disruptionBudget(deployment, manifests, out);
    }
    for (HorizontalPodAutoscaler hpa : manifests.all(HorizontalPodAutoscaler.class)) {
      String target = hpa.getSpec().getScaleTargetRef().getName();
      if (manifests.named(Deployment.class, target).isEmpty()) {
        out.add(
            "HPA " + hpa.getMetadata().getName() + " scales " + target + ", which is not rendered");
      }
    }
    for (Ingress ingress : manifests.all(Ingress.class)) {
      boolean certManager =
          ingress.getMetadata().getAnnotations() != null
              && ingress.getMetadata().getAnnotations().keySet().stream()
                  .anyMatch(k -> k.startsWith("cert-manager.io/"));
      for (IngressTLS tls :
          Objects.requireNonNullElse(ingress.getSpec().getTls(), List.<IngressTLS>of())) {
        if (!certManager && !secrets.contains(tls.getSecretName())) {
          out.add(
              "Ingress "
                  + ingress.getMetadata().getName()
                  + ": TLS secret "
                  + tls.getSecretName()
                  + " does not exist");
        }
      }
    }
    return out;
  }

  /** Names of Secrets the cluster will have: rendered Secrets and ExternalSecret targets. */
  static Set<String> secretNames(Manifests manifests) {
    Set<String> names = new HashSet<>();
    manifests.all(Secret.class).forEach(s -> names.add(s.getMetadata().getName()));
    for (GenericKubernetesResource external : manifests.generic("ExternalSecret")) {
      Object target = nested(external.getAdditionalProperties(), "spec", "target", "name");
      names.add(target != null ? target.toString() : external.getMetadata().getName());
    }
    return names;
  }

  private static Object nested(Map<String, Object> map, String... path) {
    Object at = map;
    for (String key : path) {
      if (!(at instanceof Map<?, ?> m)) {
        return null;
      }
      at = m.get(key);
    }
    return at;
  }

  private static void unknownFields(String name, Deployment deployment, List<String> out) {
    if (!deployment.getSpec().getAdditionalProperties().isEmpty()) {
      out.add(
          name
              + ": unknown Deployment spec fields "
              + deployment.getSpec().getAdditionalProperties().keySet());
    }
    PodSpec pod = deployment.getSpec().getTemplate().getSpec();
    if (!pod.getAdditionalProperties().isEmpty()) {
      out.add(name + ": unknown pod spec fields " + pod.getAdditionalProperties().keySet());
    }
    for (Container c : pod.getContainers()) {
      if (!c.getAdditionalProperties().isEmpty()) {
        out.add(
            name
                + "/"
                + c.getName()
                + ": unknown container fields "
                + c.getAdditionalProperties().keySet());
      }
    }
  }

  private static void probes(String where, Container c, List<String> out) {
    if (c.getStartupProbe() == null) {
      out.add(where + ": no startup probe");
    }
    if (c.getLivenessProbe() == null) {
      out.add(where + ": no liveness probe");
    }
    if (c.getReadinessProbe() == null) {
      out.add(where + ": no readiness probe");
    }
  }

  private static void resources(String where, Container c, List<String> out) {
    Map<String, Quantity> limits =
        c.getResources() == null
            ? Map.of()
            : Objects.requireNonNullElse(c.getResources().getLimits(), Map.of());
    Map<String, Quantity> requests =
        c.getResources() == null
            ? Map.of()
            : Objects.requireNonNullElse(c.getResources().getRequests(), Map.of());
    for (String resource : List.of("cpu", "memory")) {
      if (!limits.containsKey(resource)) {
        out.add(where + ": no " + resource + " limit");
      }
      if (!requests.containsKey(resource)) {
        out.add(where + ": no " + resource + " request");
      }
    }
  }

  /** A pinned image: {@code name:tag} with a tag other than latest, or {@code name@sha256:…}. */
  static void pinnedImage(String where, String image, List<String> out) {
    if (image == null || image.isBlank()) {
      out.add(where + ": no image");
      return;
    }
    if (image.contains("@sha256:")) {
      return;
    }
    String last = image.substring(image.lastIndexOf('/') + 1);
    int colon = last.lastIndexOf(':');
    if (colon < 0) {
      out.add(where + ": image " + image + " has no tag");
    } else if (last.substring(colon + 1).equals("latest")) {
      out.add(where + ": image " + image + " uses the latest tag");
    }
  }

  private static void nonRootPod(String name, PodSpec pod, List<String> out) {
    boolean podNonRoot =
        pod.getSecurityContext() != null
            && Boolean.TRUE.equals(pod.getSecurityContext().getRunAsNonRoot());
    for (Container c : pod.getContainers()) {
      boolean containerNonRoot =
          c.getSecurityContext() != null
              && Boolean.TRUE.equals(c.getSecurityContext().getRunAsNonRoot());
      boolean containerRoot =
          c.getSecurityContext() != null
              && (Boolean.FALSE.equals(c.getSecurityContext().getRunAsNonRoot())
                  || Long.valueOf(0).equals(c.getSecurityContext().getRunAsUser()));
      boolean podRoot =
          pod.getSecurityContext() != null
              && Long.valueOf(0).equals(pod.getSecurityContext().getRunAsUser());
      if (!(podNonRoot || containerNonRoot) || containerRoot || podRoot) {
        out.add(name + "/" + c.getName() + ": may run as root (runAsNonRoot not true, or user 0)");
      }
    }
  }

  private static void noEscalation(String where, Container c, List<String> out) {
    if (c.getSecurityContext() == null
        || !Boolean.FALSE.equals(c.getSecurityContext().getAllowPrivilegeEscalation())) {
      out.add(where + ": allowPrivilegeEscalation is not false");
    }
  }

  private static void references(
      String where, Container c, Set<String> secrets, Set<String> configMaps, List<String> out) {
    for (EnvVar env : Objects.requireNonNullElse(c.getEnv(), List.<EnvVar>of())) {
      if (env.getValueFrom() != null && env.getValueFrom().getSecretKeyRef() != null) {
        String secret = env.getValueFrom().getSecretKeyRef().getName();
        if (!secrets.contains(secret)) {
          out.add(
              where
                  + ": env "
                  + env.getName()
                  + " reads secret "
                  + secret
                  + ", which does not exist");
        }
      }
      if (env.getValueFrom() != null && env.getValueFrom().getConfigMapKeyRef() != null) {
        String map = env.getValueFrom().getConfigMapKeyRef().getName();
        if (!configMaps.contains(map)) {
          out.add(
              where
                  + ": env "
                  + env.getName()
                  + " reads config map "
                  + map
                  + ", which does not exist");
        }
      }
    }
    for (EnvFromSource from :
        Objects.requireNonNullElse(c.getEnvFrom(), List.<EnvFromSource>of())) {
      if (from.getSecretRef() != null && !secrets.contains(from.getSecretRef().getName())) {
        out.add(where + ": envFrom secret " + from.getSecretRef().getName() + " does not exist");
      }
      if (from.getConfigMapRef() != null
          && !configMaps.contains(from.getConfigMapRef().getName())) {
        out.add(
            where + ": envFrom config map " + from.getConfigMapRef().getName() + " does not exist");
      }
    }
  }

  private static void disruptionBudget(
      Deployment deployment, Manifests manifests, List<String> out) {
    Map<String, String> podLabels = deployment.getSpec().getTemplate().getMetadata().getLabels();
    boolean covered =
        manifests.all(PodDisruptionBudget.class).stream()
            .map(pdb -> pdb.getSpec().getSelector().getMatchLabels())
            .filter(Objects::nonNull)
            .anyMatch(selector -> podLabels.entrySet().containsAll(selector.entrySet()));
    if (!covered) {
      out.add(deployment.getMetadata().getName() + ": no PodDisruptionBudget selects its pods");
    }
  }
}
