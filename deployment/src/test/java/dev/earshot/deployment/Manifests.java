package dev.earshot.deployment;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.Yaml;

/**
 * The objects of one rendered overlay, typed: Kubernetes kinds through fabric8's model (a wrong
 * field type throws), {@code KafkaTopic} through Strimzi's {@code io.strimzi:api} (which does not
 * register with fabric8's kind lookup, so it is dispatched here), anything else (an {@code
 * ExternalSecret}) as a {@link GenericKubernetesResource}.
 *
 * @param objects every object, in the rendered order
 */
record Manifests(List<HasMetadata> objects) {

  private static final Pattern DOCUMENT_SEPARATOR = Pattern.compile("(?m)^---\\s*$");

  /** Parses {@code kubectl kustomize} output (YAML documents separated by {@code ---}). */
  static Manifests parse(String rendered) {
    List<HasMetadata> objects = new ArrayList<>();
    for (String document : DOCUMENT_SEPARATOR.split(rendered)) {
      if (document.isBlank()) {
        continue;
      }
      Map<String, Object> raw = new Yaml().load(document);
      String kind = String.valueOf(raw.get("kind"));
      HasMetadata object =
          switch (kind) {
            case "KafkaTopic" -> Serialization.unmarshal(document, KafkaTopic.class);
            case "ExternalSecret" ->
                Serialization.unmarshal(document, GenericKubernetesResource.class);
            default -> Serialization.unmarshal(document);
          };
      objects.add(object);
    }
    return new Manifests(List.copyOf(objects));
  }

  /** Every object of this type. */
  <T extends HasMetadata> List<T> all(Class<T> type) {
    return objects.stream().filter(type::isInstance).map(type::cast).toList();
  }

  /** The object of this type and name, if rendered. */
  <T extends HasMetadata> Optional<T> named(Class<T> type, String name) {
    return all(type).stream().filter(o -> name.equals(o.getMetadata().getName())).findFirst();
  }

  /** Objects of a kind read generically (custom resources other than KafkaTopic). */
  List<GenericKubernetesResource> generic(String kind) {
    return all(GenericKubernetesResource.class).stream()
        .filter(o -> kind.equals(o.getKind()))
        .toList();
  }
}
