package dev.earshot.local;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One Earshot Spring Boot service started in this JVM with the {@code local} profile, wired to the
 * stack's broker and database by properties. What it adds to the local stack: its properties, and
 * what to do once it runs (seed demo data, report facts).
 */
final class SpringService implements LocalComponent {

  private final String name;
  private final Class<?> application;
  private final int port;
  private final Function<LocalContext, Map<String, Object>> properties;
  private final BiFunction<ConfigurableApplicationContext, LocalContext, Map<String, Object>>
      afterStart;
  private final BiFunction<ConfigurableApplicationContext, LocalContext, Map<String, Object>> once;
  private ConfigurableApplicationContext context;
  private final Map<String, Object> facts = new LinkedHashMap<>();

  SpringService(
      String name,
      Class<?> application,
      int port,
      Function<LocalContext, Map<String, Object>> properties,
      BiFunction<ConfigurableApplicationContext, LocalContext, Map<String, Object>> afterStart,
      BiFunction<ConfigurableApplicationContext, LocalContext, Map<String, Object>> once) {
    this.name = name;
    this.application = application;
    this.port = port;
    this.properties = properties;
    this.afterStart = afterStart;
    this.once = once;
  }

  /** A service with nothing of its own to run in {@code --once}. */
  SpringService(
      String name,
      Class<?> application,
      int port,
      Function<LocalContext, Map<String, Object>> properties,
      BiFunction<ConfigurableApplicationContext, LocalContext, Map<String, Object>> afterStart) {
    this(name, application, port, properties, afterStart, (app, local) -> Map.of());
  }

  @Override
  public Map<String, Object> runOnce(LocalContext local) {
    return once.apply(context, local);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void start(LocalContext local) {
    Map<String, Object> props = new LinkedHashMap<>(properties.apply(local));
    props.put("server.port", port);
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
        new SpringApplicationBuilder(application)
            .profiles("local")
            .registerShutdownHook(false)
            .run(args);
    int actualPort = ((WebServerApplicationContext) context).getWebServer().getPort();
    facts.put("url", "http://localhost:" + actualPort);
    local.put(name + ".url", "http://localhost:" + actualPort);
    facts.putAll(afterStart.apply(context, local));
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
