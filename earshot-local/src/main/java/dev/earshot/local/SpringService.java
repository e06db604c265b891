package dev.earshot.local;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One Earshot Spring Boot service started in this JVM with the {@code local} profile, wired to the
 * stack's broker and database by properties. What it does once it runs is its {@link ServiceSpec}'s
 * business, through the service's public surfaces.
 */
final class SpringService implements LocalComponent {

  /**
   * The profile every service runs with in the local stack, in either shape: its settings live in
   * the service's {@code <service>-local.yaml}.
   */
  static final String PROFILE = "local";

  private final ServiceSpec spec;
  private ConfigurableApplicationContext context;
  private final Map<String, Object> facts = new LinkedHashMap<>();

  SpringService(ServiceSpec spec) {
    this.spec = spec;
  }

  @Override
  public Map<String, Object> runOnce(LocalContext local) {
    return spec.once().apply(local);
  }

  @Override
  public String name() {
    return spec.name();
  }

  @Override
  public void start(LocalContext local) {
    Map<String, Object> props = new LinkedHashMap<>(spec.properties().apply(local));
    // Only the auto-configurations of the service's own classpath (ServiceClasspathFilter).
    props.put(ServiceClasspathFilter.MODULE, spec.module());
    props.put("server.port", spec.port());
    props.put("spring.kafka.bootstrap-servers", local.kafkaBootstrap());
    // Keep the launcher's logging (stderr, warnings) rather than each service's JSON on stdout.
    props.put("logging.config", "classpath:logback.xml");
    props.put("spring.main.banner-mode", "off");
    // As command-line arguments: they outrank the service's own application.yaml.
    String[] args =
        props.entrySet().stream()
            .map(e -> "--" + e.getKey() + "=" + e.getValue())
            .toArray(String[]::new);
    context =
        new SpringApplicationBuilder(spec.application())
            .profiles(PROFILE)
            .registerShutdownHook(false)
            .run(args);
    int actualPort = ((WebServerApplicationContext) context).getWebServer().getPort();
    String url = "http://localhost:" + actualPort;
    facts.put("url", url);
    local.put(spec.urlKey(), url);
    // the local profile keeps actuator on the API port; a management port given is read back
    int managementPort =
        context.getEnvironment().getProperty("local.management.port", Integer.class, actualPort);
    local.put(spec.managementUrlKey(), "http://localhost:" + managementPort);
    facts.putAll(spec.afterStart().apply(local));
  }

  @Override
  public Map<String, Object> facts() {
    return facts;
  }

  @Override
  public void close() {
    if (context != null) {
      context.close();
      context = null;
    }
  }
}
