package dev.earshot.assistant.call;

import dev.earshot.kit.security.CurrentOrg;
import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The calls API, read-only and scoped to the caller's org: {@code GET
 * /api/v1/calls?from&to&q&limit} (the read model only) and {@code GET /api/v1/calls/{id}} (the read
 * model, else Gong through ingest-service's internal API).
 */
@RestController
@RequestMapping("/api/v1/calls")
@PreAuthorize("hasAnyRole('ADMIN', 'MEMBER')")
class CallController {

  /** A page of search results: the calls, newest first, and how many. */
  record CallPage(List<HeldCall.Listed> calls, int count) {}

  private final ReadingCalls reading;

  CallController(ReadingCalls reading) {
    this.reading = reading;
  }

  /**
   * Calls that started in {@code [from, to)} whose title, participants or company hold every word
   * of {@code q}.
   */
  @GetMapping
  CallPage search(
      @AuthenticationPrincipal Jwt jwt,
      @RequestParam(required = false) String from,
      @RequestParam(required = false) String to,
      @RequestParam(required = false) String q,
      @RequestParam(required = false) Integer limit) {
    List<HeldCall.Listed> calls = reading.search(CurrentOrg.of(jwt).orgId(), from, to, q, limit);
    return new CallPage(calls, calls.size());
  }

  /**
   * One call with Gong's summary of it and its {@code source}: {@code earshot} (the read model) or
   * {@code gong} (not held yet: read from Gong through ingest-service for the caller's org, when
   * {@code earshot.assistant.ingest.fallback} is on). 404 when neither has it; 503 when it is not
   * held and Gong cannot be asked now.
   */
  @GetMapping("/{id}")
  ShownCall call(@AuthenticationPrincipal Jwt jwt, @PathVariable String id) {
    return reading.getOrFetch(CurrentOrg.of(jwt).orgId(), id);
  }
}
