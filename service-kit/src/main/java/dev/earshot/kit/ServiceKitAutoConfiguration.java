package dev.earshot.kit;

import dev.earshot.kit.observability.ServiceMetrics;
import dev.earshot.kit.web.ProblemDetailsAdvice;
import java.time.Clock;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/** Entry point of the kit; each imported piece is conditional on what the service uses. */
@AutoConfiguration
@Import({ProblemDetailsAdvice.class, ServiceMetrics.class})
public class ServiceKitAutoConfiguration {

  /**
   * The one clock a service reads time from: UTC system time, unless the service or a test declares
   * its own {@link Clock} bean.
   */
  @Bean
  @ConditionalOnMissingBean
  Clock clock() {
    return Clock.systemUTC();
  }
}
