package dev.earshot.local;

import dev.earshot.gateway.GatewayApplication;
import java.util.List;
import java.util.Map;

/**
 * How webhook-gateway runs in the local stack: Gong (the simulator) calls it on its own port. The
 * launcher's classpath also holds the other services' libraries (JDBC, Flyway, Spring Security,
 * Modulith's event registry), which the gateway does not use; their auto-configurations are
 * switched off for it here.
 */
final class GatewayLocal {

  static final Class<?> APP = GatewayApplication.class;
  static final String URL = "webhook_gateway.url";

  /** Auto-configurations that only the shared classpath of the launcher would switch on. */
  static final List<String> NOT_ITS_OWN =
      List.of(
          "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
          "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration",
          "org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration",
          "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
          "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
          "org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration",
          "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration",
          "org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration",
          "org.springframework.modulith.events.config.EventPublicationAutoConfiguration",
          "org.springframework.modulith.events.config.EventExternalizationAutoConfiguration",
          "org.springframework.modulith.events.jdbc.JdbcEventPublicationAutoConfiguration");

  private GatewayLocal() {}

  static Map<String, Object> properties(int port) {
    return Map.of(
        "earshot.gateway.public-base-url",
        "http://localhost:" + port,
        "spring.autoconfigure.exclude",
        String.join(",", NOT_ITS_OWN));
  }
}
