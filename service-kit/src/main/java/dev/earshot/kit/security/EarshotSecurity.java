package dev.earshot.kit.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.web.SecurityFilterChain;

/**
 * For services with Spring Security on their classpath: every API call carries a JWT with an {@code
 * org} claim and a {@code role} ({@code admin} or {@code member}, becoming {@code
 * ROLE_ADMIN}/{@code ROLE_MEMBER}) and an {@code aud} naming one of {@code
 * spring.security.oauth2.resourceserver.jwt.audiences} (required with a production identity
 * provider: the service refuses to start without it); health probes, metrics, the OpenAPI document
 * and the service's {@code earshot.security.open-paths} are open.
 */
@AutoConfiguration
@ConditionalOnClass({SecurityFilterChain.class, JwtDecoder.class})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(SecurityProperties.class)
@EnableMethodSecurity
@Import({LocalTokenIssuer.class, SecurityProblems.class})
public class EarshotSecurity {

  private static final List<String> ALWAYS_OPEN =
      List.of("/actuator/health/**", "/actuator/prometheus", "/v3/api-docs/**", "/error");

  /** Fails the start of a production resource server that would not check the audience. */
  @Bean
  InitializingBean earshotApiAudienceRequired(
      Environment environment, SecurityProperties properties) {
    return () -> ApiAudiences.requireInProduction(environment, properties);
  }

  @Bean
  @ConditionalOnMissingBean(SecurityFilterChain.class)
  SecurityFilterChain earshotApiSecurity(HttpSecurity http, SecurityProperties properties)
      throws Exception {
    List<String> open = new ArrayList<>(ALWAYS_OPEN);
    open.addAll(properties.openPaths());
    http.csrf(csrf -> csrf.disable())
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .authorizeHttpRequests(
            auth ->
                auth.requestMatchers(open.toArray(String[]::new))
                    .permitAll()
                    .anyRequest()
                    .authenticated())
        .oauth2ResourceServer(oauth -> oauth.jwt(jwt -> jwt.jwtAuthenticationConverter(roles())));
    return http.build();
  }

  static JwtAuthenticationConverter roles() {
    JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
    converter.setJwtGrantedAuthoritiesConverter(
        jwt -> {
          String role = jwt.getClaimAsString("role");
          return role == null
              ? List.of()
              : List.of(new SimpleGrantedAuthority("ROLE_" + role.toUpperCase(Locale.ROOT)));
        });
    return converter;
  }
}
