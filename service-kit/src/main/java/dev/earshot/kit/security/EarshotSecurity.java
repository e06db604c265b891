package dev.earshot.kit.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
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
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

/**
 * For services with Spring Security on their classpath: every API call carries a JWT with an {@code
 * org} claim and a {@code role} ({@code admin} or {@code member}, becoming {@code
 * ROLE_ADMIN}/{@code ROLE_MEMBER}) and an {@code aud} naming one of {@code
 * spring.security.oauth2.resourceserver.jwt.audiences} (required with a production identity
 * provider: the service refuses to start without it); health probes, Prometheus's scrape, the
 * OpenAPI document and the service's {@code earshot.security.open-paths} are open. The probes and
 * the scrape are served on the service's management port ({@code management.server.port}, which
 * this filter chain guards too), never on its API port, since some meters carry org ids.
 *
 * <p>Service-to-service calls: a service's internal API ({@value #INTERNAL_PATHS}) takes only
 * service tokens, a JWT with {@code role: service} whose {@code aud} names {@code
 * earshot.security.internal-audience} (another Earshot service obtains it with the identity
 * provider's client-credentials grant, or from the local issuer); a service token reaches nothing
 * else. Either refusal is a 403 problem saying why.
 */
@AutoConfiguration
@ConditionalOnClass({SecurityFilterChain.class, JwtDecoder.class})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(SecurityProperties.class)
@EnableMethodSecurity
@Import({LocalTokenIssuer.class, SecurityProblems.class})
public class EarshotSecurity {

  /** The paths of a service's internal, service-to-service API. */
  public static final String INTERNAL_PATHS = "/internal/**";

  /** The role of service tokens ({@code role: service}). */
  public static final String SERVICE_ROLE = "service";

  private static final String SERVICE_AUTHORITY = "ROLE_SERVICE";

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
                    .requestMatchers(INTERNAL_PATHS)
                    .access(serviceCaller(properties.internalAudience()))
                    .anyRequest()
                    .access(userCaller()))
        .exceptionHandling(denied -> denied.accessDeniedHandler(EarshotSecurity::refuse))
        .oauth2ResourceServer(oauth -> oauth.jwt(jwt -> jwt.jwtAuthenticationConverter(roles())));
    return http.build();
  }

  /** Authenticated with a service token for {@code audience}. */
  static AuthorizationManager<RequestAuthorizationContext> serviceCaller(String audience) {
    return (authentication, context) -> {
      Authentication caller = authentication.get();
      return new AuthorizationDecision(
          isService(caller)
              && caller instanceof JwtAuthenticationToken token
              && token.getToken().getAudience() != null
              && token.getToken().getAudience().contains(audience));
    };
  }

  /** Authenticated with anything but a service token. */
  static AuthorizationManager<RequestAuthorizationContext> userCaller() {
    return (authentication, context) -> {
      Authentication caller = authentication.get();
      return new AuthorizationDecision(
          caller != null
              && caller.isAuthenticated()
              && !(caller instanceof AnonymousAuthenticationToken)
              && !isService(caller));
    };
  }

  private static boolean isService(Authentication caller) {
    return caller != null
        && caller.isAuthenticated()
        && caller.getAuthorities().stream()
            .anyMatch(authority -> SERVICE_AUTHORITY.equals(authority.getAuthority()));
  }

  /** A refused token's 403, as an RFC 9457 problem saying which tokens the path takes. */
  private static void refuse(
      HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
      throws IOException {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    boolean internal = path.equals("/internal") || path.startsWith("/internal/");
    String detail =
        internal
            ? "The internal API takes only service tokens (role 'service', audience of this"
                + " service's internal API), obtained by an Earshot service with the client"
                + " credentials grant; user tokens are refused here."
            : "Service tokens reach only a service's internal API (/internal/**); call this API"
                + " with a user's token.";
    response.setStatus(HttpServletResponse.SC_FORBIDDEN);
    response.setContentType("application/problem+json");
    response
        .getWriter()
        .write(
            "{\"type\":\"https://earshot.dev/problems/forbidden\",\"title\":\"Forbidden\","
                + "\"status\":403,\"detail\":\""
                + detail
                + "\"}");
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
