package dev.earshot.assistant.mcp;

import dev.earshot.kit.security.CurrentOrg;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * The org of the MCP caller, from the bearer token service-kit's resource server checked for this
 * request. Tools run on the request's thread (Spring AI sets {@code immediateExecution} for servlet
 * servers), where Spring Security's context holds the token.
 */
final class CallerOrg {

  private CallerOrg() {}

  /**
   * @throws IllegalStateException when no checked token is present (never the case behind the
   *     security filter; a tool then fails instead of answering without an org)
   */
  static String current() {
    return CurrentOrg.of(token()).orgId();
  }

  /** The caller's checked token, to pass on to another Earshot service as the caller. */
  static Jwt token() {
    Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
    if (authentication == null || !(authentication.getPrincipal() instanceof Jwt jwt)) {
      throw new IllegalStateException("no bearer token for this MCP request");
    }
    return jwt;
  }
}
