package dev.earshot.kit.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.PropertySourcesPlaceholdersResolver;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

/**
 * A service's configuration bound outside Spring Boot, the way the service would bind it: the
 * service's YAML, then the environment (e.g. {@code EARSHOT_OPENAI_API_KEY}), then overrides, with
 * the YAML's placeholders ({@code ${EARSHOT_OPENAI_API_KEY:}}) resolved against all three. So a
 * command on files uses exactly the model, key and settings the running service uses.
 */
public final class ServiceSettings {

  private ServiceSettings() {}

  /**
   * @param yaml the service's configuration file on the classpath, e.g. {@code dedup-service.yaml}
   * @param prefix the properties' prefix, e.g. {@code earshot.dedup}
   * @param type the {@code @ConfigurationProperties} record
   * @param overrides settings that win over both
   */
  public static <T> T bind(
      String yaml, String prefix, Class<T> type, Map<String, Object> overrides) {
    MutablePropertySources sources = new MutablePropertySources();
    sources.addFirst(new MapPropertySource("command line", overrides));
    new StandardEnvironment().getPropertySources().forEach(sources::addLast);
    try {
      new YamlPropertySourceLoader()
          .load(yaml, new ClassPathResource(yaml))
          .forEach(sources::addLast);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + yaml, e);
    }
    // placeholders (${EARSHOT_OPENAI_API_KEY:}) resolve against the same sources, as in the service
    return new Binder(
            ConfigurationPropertySources.from(sources),
            new PropertySourcesPlaceholdersResolver(sources))
        .bindOrCreate(prefix, type);
  }
}
