package dev.earshot.kit;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.ResourcePropertySource;

/**
 * Adds the kit's defaults (service-kit-defaults.properties) as the lowest-precedence property
 * source, so a service's own application.yaml, profiles and environment always win.
 */
public class ServiceKitDefaults implements EnvironmentPostProcessor {

  static final String SOURCE_NAME = "earshotServiceKitDefaults";

  @Override
  public void postProcessEnvironment(
      ConfigurableEnvironment environment, SpringApplication application) {
    if (environment.getPropertySources().contains(SOURCE_NAME)) {
      return;
    }
    try {
      environment
          .getPropertySources()
          .addLast(
              new ResourcePropertySource(
                  SOURCE_NAME, new ClassPathResource("service-kit-defaults.properties")));
    } catch (IOException e) {
      throw new UncheckedIOException("service-kit-defaults.properties is missing", e);
    }
  }
}
