package dev.earshot.kit.web;

import dev.earshot.kit.EarshotService;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.ClassUtils;

/**
 * The head of a service's OpenAPI document ({@code GET /v3/api-docs}, springdoc): the title and
 * description its application class declares in {@link EarshotService}, the version of its jar, and
 * the bearer-JWT security every {@code /api/**} call needs (service-kit's resource server). Only
 * where springdoc is on the classpath; a service's own {@link OpenAPI} bean wins.
 */
@AutoConfiguration
@ConditionalOnClass(OpenAPI.class)
public class ApiDocument {

  static final String BEARER = "bearer-jwt";

  @Bean
  @ConditionalOnMissingBean
  OpenAPI earshotApiDocument(ApplicationContext context) {
    for (Object bean : context.getBeansWithAnnotation(EarshotService.class).values()) {
      Class<?> application = ClassUtils.getUserClass(bean);
      EarshotService service =
          AnnotatedElementUtils.findMergedAnnotation(application, EarshotService.class);
      if (service != null) {
        return of(service, application.getPackage().getImplementationVersion());
      }
    }
    return of(null, null);
  }

  /**
   * The document's head for a service.
   *
   * @param service the application's annotation, or null (a generic Earshot title)
   * @param version the jar's version, or null ("dev")
   */
  static OpenAPI of(EarshotService service, String version) {
    String name = service == null ? "earshot" : service.value();
    String title = service == null || service.title().isBlank() ? name : service.title();
    String description =
        (service == null || service.description().isBlank() ? "" : service.description() + "\n\n")
            + "Every `/api/**` call carries a JWT (`Authorization: Bearer …`) whose `org` claim"
            + " scopes it to one organisation and whose `role` claim allows it; errors are RFC 9457"
            + " problem details.";
    return new OpenAPI()
        .info(
            new Info()
                .title(title)
                .description(description)
                .version(version == null ? "dev" : version)
                .license(new License().name("Apache-2.0")))
        .components(
            new Components()
                .addSecuritySchemes(
                    BEARER,
                    new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP)
                        .scheme("bearer")
                        .bearerFormat("JWT")))
        .addSecurityItem(new SecurityRequirement().addList(BEARER));
  }
}
