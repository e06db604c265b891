package dev.earshot.testing;

import java.util.Map;

/**
 * Settings of a service a test starts itself ({@code new SpringApplicationBuilder(App.class)
 * .run(ServiceArguments.of(settings))}, e.g. two replicas, or an instance restarted), given as
 * command-line arguments: they win over the service's own YAML, which default properties would not.
 */
public final class ServiceArguments {

  private ServiceArguments() {}

  /** {@code --<key>=<value>} for every setting, in the map's order. */
  public static String[] of(Map<String, ?> settings) {
    return settings.entrySet().stream()
        .map(e -> "--" + e.getKey() + "=" + e.getValue())
        .toArray(String[]::new);
  }
}
