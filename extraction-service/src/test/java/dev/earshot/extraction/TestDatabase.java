package dev.earshot.extraction;

import dev.earshot.testing.EmbeddedDatabase;
import java.util.Map;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;

/**
 * Gives every extraction-service context of the test JVM the same embedded PostgreSQL (started on
 * first use, stopped with the JVM) and the local token issuer, so each {@code @SpringBootTest}
 * starts without naming a database; a test's own {@code properties} or {@code
 * DynamicPropertySource} still win. Registered in {@code META-INF/spring.factories} of the test
 * classpath. Tests sharing the database use their own org ids.
 */
public final class TestDatabase
    implements ApplicationContextInitializer<ConfigurableApplicationContext> {

  private static final String INLINED = "Inlined Test Properties";
  private static EmbeddedDatabase server;

  /** The JVM's database server, started on first use. */
  public static synchronized EmbeddedDatabase server() {
    if (server == null) {
      server = EmbeddedDatabase.start("extraction");
    }
    return server;
  }

  @Override
  public void initialize(ConfigurableApplicationContext context) {
    MutablePropertySources sources = context.getEnvironment().getPropertySources();
    MapPropertySource test =
        new MapPropertySource(
            "extractionTestDatabase",
            Map.of(
                "spring.datasource.url", server().jdbcUrl("extraction"),
                "spring.datasource.username", "postgres",
                "earshot.security.local-issuer", "true"));
    if (sources.contains(INLINED)) {
      sources.addAfter(INLINED, test);
    } else {
      sources.addFirst(test);
    }
  }
}
