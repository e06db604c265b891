package dev.earshot.ingest.internal;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The internal read API, for other Earshot services only (a service token: {@code role: service}
 * for {@code earshot.security.internal-audience}; user tokens are 403, and the Ingress does not
 * route {@code /internal}):
 *
 * <ul>
 *   <li>{@code GET /internal/v1/orgs/{orgId}/calls/{callId}}: one call's Gong summary ({@link
 *       GongCallSummary}), read from Gong now; 404 for a private or unknown call.
 *   <li>{@code GET /internal/v1/orgs/{orgId}/calls?from&to&cursor}: one page of the non-private
 *       calls that started in {@code [from, to)} ({@link GongCallSummary.Page}).
 * </ul>
 *
 * The org is the path's: the calling service answers for having taken it from its own caller's
 * token. Errors are RFC 9457 problems: 400 bad input, 404 no connection or no such call, 409 the
 * connection is held or paused, 429 with {@code Retry-After}, 502 Gong refused or failed.
 */
@RestController
@RequestMapping("/internal/v1/orgs/{orgId}/calls")
@PreAuthorize("hasRole('SERVICE')")
class InternalCallController {

  private final ReadingGongCalls reading;

  InternalCallController(ReadingGongCalls reading) {
    this.reading = reading;
  }

  /** One call's summary from Gong. */
  @GetMapping("/{callId}")
  GongCallSummary call(
      @AuthenticationPrincipal Jwt jwt, @PathVariable String orgId, @PathVariable String callId) {
    return reading.call(orgId, callId, jwt.getSubject());
  }

  /** A page of a window's calls from Gong. */
  @GetMapping
  GongCallSummary.Page calls(
      @AuthenticationPrincipal Jwt jwt,
      @PathVariable String orgId,
      @RequestParam(required = false) String from,
      @RequestParam(required = false) String to,
      @RequestParam(required = false) String cursor) {
    return reading.calls(orgId, from, to, cursor, jwt.getSubject());
  }
}
