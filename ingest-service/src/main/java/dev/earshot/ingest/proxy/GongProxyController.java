package dev.earshot.ingest.proxy;

import dev.earshot.gong.proxy.GongReadOperations;
import dev.earshot.kit.security.CurrentOrg;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * The admins' read-only Gong proxy: {@code GET|POST /api/v1/gong/v2/...} forwards an allow-listed
 * read of Gong's API v2 to the org's connection and answers Gong's JSON (private calls withheld,
 * their count in the {@code Earshot-Withheld-Calls} header); {@code GET /api/v1/gong} lists what
 * may be forwarded. Any other method, or a path not on the list, is 403 with the reason.
 */
@RestController
@RequestMapping(GongProxyController.BASE)
@PreAuthorize("hasRole('ADMIN')")
class GongProxyController {

  static final String BASE = "/api/v1/gong";

  /** Response header: how many calls were withheld from Gong's answer as private. */
  static final String WITHHELD_HEADER = "Earshot-Withheld-Calls";

  private final ForwardingGongReads forwarding;

  GongProxyController(ForwardingGongReads forwarding) {
    this.forwarding = forwarding;
  }

  /** The allow-list: method, path template and what of a call its answer carries. */
  @GetMapping
  List<GongReadOperations.Operation> allowed() {
    return GongReadOperations.ALLOWED;
  }

  @RequestMapping(
      value = "/**",
      method = {
        RequestMethod.GET,
        RequestMethod.POST,
        RequestMethod.PUT,
        RequestMethod.PATCH,
        RequestMethod.DELETE
      })
  ResponseEntity<JsonNode> forward(@AuthenticationPrincipal Jwt jwt, HttpServletRequest request)
      throws java.io.IOException {
    // The body is read here, not bound by Spring: a write is refused (403) for what it is, whatever
    // content type it came with, before anything looks at its body.
    byte[] body = request.getInputStream().readNBytes(ForwardingGongReads.MOST_BODY_BYTES + 1);
    CurrentOrg caller = CurrentOrg.of(jwt);
    String path = request.getRequestURI().substring(request.getContextPath().length());
    path = path.substring(BASE.length());
    Map<String, List<String>> query = new LinkedHashMap<>();
    request.getParameterMap().forEach((name, values) -> query.put(name, Arrays.asList(values)));
    ForwardingGongReads.Forwarded forwarded =
        forwarding.forward(
            caller.orgId(), caller.subject(), request.getMethod(), path, query, body);
    return ResponseEntity.ok()
        .header(WITHHELD_HEADER, Integer.toString(forwarded.withheldCalls()))
        .body(forwarded.body());
  }
}
