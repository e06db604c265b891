package dev.earshot.kit;

import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Sets {@code spring.config.name} to the {@link EarshotService} name of the application's sources,
 * before config files are read (Boot reads them at {@code HIGHEST_PRECEDENCE + 10}). An explicit
 * {@code spring.config.name} still wins.
 */
public class ServiceConfigName implements EnvironmentPostProcessor, Ordered {

  static final String SOURCE_NAME = "earshotServiceConfigName";

  @Override
  public void postProcessEnvironment(
      ConfigurableEnvironment environment, SpringApplication application) {
    if (environment.containsProperty("spring.config.name")) {
      return;
    }
    application.getAllSources().stream()
        .filter(Class.class::isInstance)
        .map(
            source ->
                AnnotatedElementUtils.findMergedAnnotation((Class<?>) source, EarshotService.class))
        .filter(java.util.Objects::nonNull)
        .findFirst()
        .ifPresent(
            service ->
                environment
                    .getPropertySources()
                    .addLast(
                        new MapPropertySource(
                            SOURCE_NAME, Map.of("spring.config.name", service.value()))));
  }

  @Override
  public int getOrder() {
    return Ordered.HIGHEST_PRECEDENCE + 5;
  }
}
