package dev.earshot.ingest.internal;

import dev.earshot.gong.api.CallMetadata;
import dev.earshot.gong.api.CallsFilter;
import dev.earshot.gong.api.ContentSelector;
import dev.earshot.gong.api.ExtensiveCall;
import dev.earshot.gong.api.ExtensiveRequest;
import dev.earshot.gong.api.Privacy;
import dev.earshot.gong.client.GongClient;
import dev.earshot.gong.client.GongJson;
import dev.earshot.ingest.proxy.ForwardingGongReads;
import dev.earshot.kit.web.ApiProblem;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;

/**
 * Reads calls from Gong for another Earshot service: through {@link ForwardingGongReads}, so each
 * read is one allow-listed request on the org's connection (its validated base URL, its rate
 * limiter, its holds and Retry-After handling, its audit log) with private calls withheld fail
 * closed. One call is read with {@code POST /v2/calls/extensive} and the content selector (no
 * transcript); a window with {@code GET /v2/calls}, one page of Gong's at a time.
 *
 * <p>Metrics: {@code earshot.ingest.internal.reads{operation, outcome}} (operation {@code call} or
 * {@code calls}; outcome {@code found}, {@code not_found}, {@code invalid} or {@code failed}, the
 * latter with the proxy's own outcome in {@code earshot.ingest.gong_proxy.requests}).
 */
@Service
public class ReadingGongCalls {

  /** Gong's call ids: digits in practice; letters, digits, '-' and '_' accepted, 1 to 64. */
  private static final Pattern CALL_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  /** Org ids as tokens carry them. */
  private static final Pattern ORG_ID = Pattern.compile("[A-Za-z0-9._-]{1,128}");

  private static final String EXTENSIVE = "/v2/calls/extensive";
  private static final String LIST = "/v2/calls";

  private final ForwardingGongReads forwarding;
  private final MeterRegistry meters;

  ReadingGongCalls(ForwardingGongReads forwarding, MeterRegistry meters) {
    this.forwarding = forwarding;
    this.meters = meters;
  }

  /**
   * One call's summary, read from Gong now.
   *
   * @param orgId the org whose connection reads it (from the path)
   * @param callId Gong's call id
   * @param caller the calling service (the token's subject), for the audit log
   * @throws dev.earshot.kit.web.ApiProblem 400 bad ids, 404 no connection or no such non-private
   *     call, 409 the connection is held or paused, 429 rate limited (with {@code Retry-After}),
   *     502 Gong refused or failed
   */
  public GongCallSummary call(String orgId, String callId, String caller) {
    checkOrg(orgId, "call");
    if (callId == null || !CALL_ID.matcher(callId).matches()) {
      count("call", "invalid");
      throw InternalApiProblems.invalid(
          "the call id must be Gong's id: 1 to 64 letters, digits, '-' or '_'");
    }
    ExtensiveRequest request =
        new ExtensiveRequest(
            CallsFilter.ofIds(List.of(callId)), ContentSelector.everythingEarshotUses(), null);
    ForwardingGongReads.Forwarded forwarded;
    try {
      forwarded =
          forwarding.forward(orgId, auditName(caller), "POST", EXTENSIVE, Map.of(), json(request));
    } catch (ApiProblem problem) {
      // Gong answers 404 when no call matches the filter: no such call, as for a private one.
      if (problem.type().toString().endsWith("/gong-answered-404")) {
        count("call", "not_found");
        throw InternalApiProblems.callNotFound(callId);
      }
      count("call", "failed");
      throw problem;
    } catch (RuntimeException failed) {
      count("call", "failed");
      throw failed;
    }
    for (JsonNode element : forwarded.body().path("calls")) {
      var read = GongClient.extensiveElement(element);
      ExtensiveCall call = read.value();
      if (read.readable()
          && callId.equals(call.metaData().id())
          && call.metaData().privacy() == Privacy.PUBLIC) {
        count("call", "found");
        return GongCallSummary.of(call);
      }
    }
    count("call", "not_found");
    throw InternalApiProblems.callNotFound(callId);
  }

  /**
   * One page of the calls that started in {@code [from, to)}, private calls left out.
   *
   * @param from ISO-8601 instant, required
   * @param to ISO-8601 instant after {@code from}, or null for now
   * @param cursor Gong's cursor from a previous page, or null
   * @throws dev.earshot.kit.web.ApiProblem as {@link #call}; 400 for a bad window
   */
  public GongCallSummary.Page calls(
      String orgId, String from, String to, String cursor, String caller) {
    checkOrg(orgId, "calls");
    Instant start = instant("from", from, true);
    Instant end = instant("to", to, false);
    if (end != null && !start.isBefore(end)) {
      count("calls", "invalid");
      throw InternalApiProblems.invalid("'from' must be before 'to'");
    }
    Map<String, List<String>> query = new LinkedHashMap<>();
    query.put("fromDateTime", List.of(start.toString()));
    if (end != null) {
      query.put("toDateTime", List.of(end.toString()));
    }
    if (cursor != null && !cursor.isBlank()) {
      query.put("cursor", List.of(cursor));
    }
    ForwardingGongReads.Forwarded forwarded =
        counted(
            "calls", () -> forwarding.forward(orgId, auditName(caller), "GET", LIST, query, null));
    List<GongCallSummary.Listed> calls = new ArrayList<>();
    for (JsonNode element : forwarded.body().path("calls")) {
      CallMetadata meta = GongJson.mapper().treeToValue(element, CallMetadata.class);
      if (meta.privacy() == Privacy.PUBLIC) {
        calls.add(
            new GongCallSummary.Listed(
                meta.id(),
                meta.title() == null ? "" : meta.title(),
                meta.started(),
                meta.duration(),
                meta.url()));
      }
    }
    String next = forwarded.body().path("records").path("cursor").asString(null);
    count("calls", "found");
    return new GongCallSummary.Page(
        calls,
        calls.size(),
        forwarded.withheldCalls(),
        next == null || next.isBlank() ? null : next);
  }

  /** The proxy's read, counted {@code failed} when it throws (its problem is the answer). */
  private ForwardingGongReads.Forwarded counted(
      String operation, Supplier<ForwardingGongReads.Forwarded> read) {
    try {
      return read.get();
    } catch (RuntimeException failed) {
      count(operation, "failed");
      throw failed;
    }
  }

  /** Who the proxy's audit log names: the calling service. */
  private static String auditName(String caller) {
    return "service:" + caller;
  }

  private void checkOrg(String orgId, String operation) {
    if (orgId == null || !ORG_ID.matcher(orgId).matches()) {
      count(operation, "invalid");
      throw InternalApiProblems.invalid(
          "the org id must be 1 to 128 letters, digits, '.', '-' or '_'");
    }
  }

  private Instant instant(String name, String value, boolean required) {
    if (value == null || value.isBlank()) {
      if (required) {
        count("calls", "invalid");
        throw InternalApiProblems.invalid("'" + name + "' is required: an ISO-8601 instant");
      }
      return null;
    }
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException bad) {
      count("calls", "invalid");
      throw InternalApiProblems.invalid(
          "'"
              + name
              + "' must be an ISO-8601 instant such as 2026-11-01T00:00:00Z, not '"
              + value
              + "'");
    }
  }

  private static byte[] json(ExtensiveRequest request) {
    return GongJson.mapper().writeValueAsBytes(request);
  }

  private void count(String operation, String outcome) {
    meters
        .counter("earshot.ingest.internal.reads", "operation", operation, "outcome", outcome)
        .increment();
  }
}
