package dev.earshot.kit;

import dev.earshot.kit.observability.ServiceMetrics;
import dev.earshot.kit.web.ProblemDetailsAdvice;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Import;

/** Entry point of the kit; each imported piece is conditional on what the service uses. */
@AutoConfiguration
@Import({ProblemDetailsAdvice.class, ServiceMetrics.class})
public class ServiceKitAutoConfiguration {}
