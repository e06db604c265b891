package dev.earshot.kit.observability;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.micrometer.metrics.autoconfigure.MeterRegistryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Tags every meter of the service with {@code service=<spring.application.name>}. */
@Configuration(proxyBeanMethods = false)
public class ServiceMetrics {

  @Bean
  MeterRegistryCustomizer<MeterRegistry> earshotServiceTag(
      @Value("${spring.application.name:earshot}") String service) {
    return registry -> registry.config().commonTags(EarshotTags.SERVICE, service);
  }
}
