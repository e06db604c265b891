package dev.earshot.local;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.beans.factory.BeanClassLoaderAware;
import org.springframework.boot.autoconfigure.AutoConfigurationImportFilter;
import org.springframework.boot.autoconfigure.AutoConfigurationMetadata;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;
import org.springframework.core.type.classreading.MetadataReaderFactory;
import org.springframework.core.type.classreading.SimpleMetadataReaderFactory;

/**
 * In the launcher's single JVM every service sees every other service's libraries. Spring Boot
 * turns on an auto-configuration when its classes are present, so without this a service would
 * start what only another one uses (a DataSource with no URL in the gateway, a security filter
 * chain on its public webhook endpoint, an MCP server in ingest…). Told the service's module by
 * {@link #MODULE} (the launcher sets it, {@link SpringService}), this filter keeps an
 * auto-configuration only when it would be a candidate on that service's own classpath ({@link
 * ServiceClasspath}): its class comes from one of the service's libraries, and so does every class
 * its {@code @ConditionalOnClass} names. Nothing is listed by hand. Registered in {@code
 * META-INF/spring.factories}; without the property (a service run on its own) it keeps everything.
 */
public final class ServiceClasspathFilter
    implements AutoConfigurationImportFilter, EnvironmentAware, BeanClassLoaderAware {

  /** The property naming the service's Maven module, e.g. {@code webhook-gateway}. */
  public static final String MODULE = "earshot.local.module";

  private String module;
  private ClassLoader loader = ServiceClasspathFilter.class.getClassLoader();

  @Override
  public void setEnvironment(Environment environment) {
    module = environment.getProperty(MODULE);
  }

  @Override
  public void setBeanClassLoader(ClassLoader classLoader) {
    loader = classLoader;
  }

  @Override
  public boolean[] match(String[] candidates, AutoConfigurationMetadata metadata) {
    boolean[] keep = new boolean[candidates.length];
    Arrays.fill(keep, true);
    if (module == null || module.isBlank()) {
      return keep;
    }
    ServiceClasspath own = ServiceClasspath.of(module, loader);
    MetadataReaderFactory readers = new SimpleMetadataReaderFactory(loader);
    for (int i = 0; i < candidates.length; i++) {
      String candidate = candidates[i];
      if (candidate == null) {
        continue;
      }
      keep[i] =
          own.admits(candidate)
              && requiredClasses(candidate, metadata, readers).stream().allMatch(own::admits);
    }
    return keep;
  }

  /**
   * The classes {@code @ConditionalOnClass} names on {@code candidate}: from Spring Boot's
   * precomputed metadata when its jar has it, else read from the class file (without loading it).
   */
  static List<String> requiredClasses(
      String candidate, AutoConfigurationMetadata metadata, MetadataReaderFactory readers) {
    if (metadata.wasProcessed(candidate)) {
      return List.copyOf(metadata.getSet(candidate, "ConditionalOnClass", Set.of()));
    }
    try {
      Map<String, Object> attributes =
          readers
              .getMetadataReader(candidate)
              .getAnnotationMetadata()
              .getAnnotationAttributes(ConditionalOnClass.class.getName(), true);
      if (attributes == null) {
        return List.of();
      }
      List<String> names = new ArrayList<>();
      for (String key : List.of("value", "name")) {
        if (attributes.get(key) instanceof String[] values) {
          names.addAll(Arrays.asList(values));
        }
      }
      return names;
    } catch (IOException e) {
      // Not readable here: Spring's own class conditions decide.
      return List.of();
    }
  }
}
