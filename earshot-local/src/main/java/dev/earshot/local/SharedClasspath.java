package dev.earshot.local;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The launcher runs every service in one JVM, so each sees the others' libraries. A service is told
 * which auto-configurations belong to libraries it does not use, so it does not try to start them
 * (a DataSource with no URL, a security filter chain on a public webhook endpoint...).
 */
final class SharedClasspath {

  /** What a service may use of the libraries on the shared classpath. */
  enum Uses {
    JDBC,
    SECURITY,
    MODULITH,
    /** Spring AI's MCP server (assistant-service only). */
    MCP
  }

  private static final List<String> JDBC =
      List.of(
          "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
          "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration");
  private static final List<String> SECURITY =
      List.of(
          "org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration",
          "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
          "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
          "org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration",
          "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration",
          "org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration",
          "dev.earshot.kit.security.EarshotSecurity");
  private static final List<String> MODULITH =
      List.of(
          "org.springframework.modulith.events.config.EventPublicationAutoConfiguration",
          "org.springframework.modulith.events.config.EventExternalizationAutoConfiguration",
          "org.springframework.modulith.events.jdbc.JdbcEventPublicationAutoConfiguration");

  /** Off for a service that does not serve MCP (Spring AI's server starter reads it). */
  static final String MCP_SERVER_ENABLED = "spring.ai.mcp.server.enabled";

  private SharedClasspath() {}

  /** {@code spring.autoconfigure.exclude} for a service that uses only {@code uses}. */
  static String exclusionsFor(Set<Uses> uses) {
    List<String> out = new ArrayList<>();
    if (!uses.contains(Uses.JDBC)) {
      out.addAll(JDBC);
    }
    if (!uses.contains(Uses.SECURITY)) {
      out.addAll(SECURITY);
    }
    if (!uses.contains(Uses.MODULITH)) {
      out.addAll(MODULITH);
    }
    return String.join(",", out);
  }
}
