package dev.earshot.local;

import java.util.Map;
import java.util.function.Function;

/**
 * One Earshot service as the local stack runs it, in either shape: inside the launcher's JVM
 * ({@link SpringService}, the {@code local} profile) or as its own JVM from its bootable jar
 * ({@link ServiceProcess}, the same profile, configured otherwise by environment variables only).
 * The {@code --once} work reads the service through its public surfaces alone (its URLs in the
 * {@link LocalContext}: API, {@code /actuator/prometheus}), so it is the same code in both shapes.
 *
 * @param name summary key and log name, e.g. {@code ingest_service}; the service's URL is published
 *     in the context as {@code <name>.url}, its actuator's as {@code <name>.management_url}
 * @param application the Spring Boot application class (single-JVM shape)
 * @param module the Maven module whose {@code target/<module>-*-exec.jar} is the bootable jar; in
 *     one JVM it names the dependency list that decides the service's auto-configurations ({@link
 *     ServiceClasspathFilter})
 * @param port HTTP port (already resolved: never 0)
 * @param properties Spring properties of the stack (broker, database, simulator URLs…), by their
 *     property names; given as command-line arguments in one JVM, as environment variables in a
 *     process
 * @param processSettings what differs when it runs as its own process, on top of its {@code local}
 *     profile ({@link ServiceProcess} gives every service's actuator a port of its own, as in
 *     production); its local settings themselves live in the service's {@code <service>-local.yaml}
 *     only
 * @param afterStart what to do once it is ready (connect the demo org…); facts for the summary
 * @param once its share of a {@code --once} run; figures for the summary
 */
record ServiceSpec(
    String name,
    Class<?> application,
    String module,
    int port,
    Function<LocalContext, Map<String, Object>> properties,
    Function<LocalContext, Map<String, Object>> processSettings,
    Function<LocalContext, Map<String, Object>> afterStart,
    Function<LocalContext, Map<String, Object>> once) {

  /** The context key of the service's base URL. */
  String urlKey() {
    return name + ".url";
  }

  /** The context key of the URL its actuator listens on. */
  String managementUrlKey() {
    return name + ".management_url";
  }
}
