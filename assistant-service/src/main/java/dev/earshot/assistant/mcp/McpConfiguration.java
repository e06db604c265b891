package dev.earshot.assistant.mcp;

import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Set;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import tools.jackson.databind.json.JsonMapper;

/**
 * Who may use the MCP server: the roles the REST API takes ({@code admin}, {@code member}; its
 * controllers' {@code @PreAuthorize}), no other. service-kit's security already refuses a request
 * without a token (401) and a service token (403); this refuses, with a 403 problem, a user's token
 * of any other role or of none, before the request reaches the MCP server.
 *
 * <p>Why an HTTP 403 and not a tool error: the MCP specification's authorization rules for HTTP
 * transports have a server answer a token with insufficient permissions with HTTP 403, while a tool
 * result marked {@code isError} is for a failure inside a tool that the model can act on (a bad
 * argument, an unknown id). Every tool here needs the same role, so such a caller may use none of
 * the server: it is refused at {@code initialize} and is never listed tools it cannot call, as the
 * REST API refuses it every path. And it can only be done here: Spring AI's Streamable HTTP server
 * answers a JSON-RPC request with an event stream, status 200, before the tool runs, so a status
 * can come only from the servlet filter chain in front of it. Spring Security 7 applies a {@code
 * Customizer<HttpSecurity>} bean to the chain service-kit builds.
 */
@Configuration(proxyBeanMethods = false)
class McpConfiguration {

  /** The authorities of the roles the REST API takes. */
  static final Set<String> API_ROLES = Set.of("ROLE_ADMIN", "ROLE_MEMBER");

  @Bean
  Customizer<HttpSecurity> mcpTakesTheApisRoles(
      @Value("${spring.ai.mcp.server.streamable-http.mcp-endpoint:/mcp}") String endpoint,
      JsonMapper json) {
    // matched as Spring MVC routes a request, on the decoded path ("/%6Dcp" is "/mcp" too), which
    // a comparison of the raw request URI missed
    RequestMatcher mcp = PathPatternRequestMatcher.withDefaults().matcher(endpoint + "/**");
    JsonRpcProblems messages = new JsonRpcProblems(json);
    Filter refuseOtherRoles =
        (request, response, chain) -> {
          if (request instanceof HttpServletRequest http
              && response instanceof HttpServletResponse answer
              && mcp.matches(http)) {
            if (!hasApiRole(SecurityContextHolder.getContext().getAuthentication())) {
              refuse(answer, json);
              return;
            }
            // a message the MCP server cannot take is a JSON-RPC error and a 4xx, not its 500
            messages.filter(http, answer, chain);
            return;
          }
          chain.doFilter(request, response);
        };
    return http -> http.addFilterAfter(refuseOtherRoles, AuthorizationFilter.class);
  }

  /**
   * The errors the MCP SDK's transport answers itself, written as JSON-RPC error responses rather
   * than as the exception (whose stack trace the body held); Boot registers a module bean with the
   * JSON mapper Spring MVC writes bodies with.
   */
  @Bean
  tools.jackson.databind.JacksonModule mcpErrorsAsJsonRpc() {
    return JsonRpcProblems.errorsAsJsonRpc();
  }

  private static boolean hasApiRole(Authentication caller) {
    return caller != null
        && caller.getAuthorities().stream()
            .map(GrantedAuthority::getAuthority)
            .anyMatch(API_ROLES::contains);
  }

  private static void refuse(HttpServletResponse response, JsonMapper json)
      throws java.io.IOException {
    JsonRpcProblems.writeProblem(
        response,
        json,
        HttpStatus.FORBIDDEN,
        "Forbidden",
        "forbidden",
        "Earshot's MCP tools take a token with role admin or member, as its API does; ask an"
            + " org admin.");
  }
}
