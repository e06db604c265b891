package dev.earshot.ingest.proxy;

import dev.earshot.gong.client.GongApiException;
import dev.earshot.gong.limit.GongRateLimiter;
import dev.earshot.gong.proxy.CallsInAnswer;
import dev.earshot.gong.proxy.GongReadOperations;
import dev.earshot.ingest.connection.HoldingConnections;
import dev.earshot.ingest.connection.OpeningGongSessions;
import dev.earshot.ingest.connection.WorkspaceConnection;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;

/**
 * Forwards an admin's read of Gong's API to the org's connection: only an operation on {@link
 * GongReadOperations#ALLOWED}, only to the connection's validated base URL, through its rate
 * limiter (the same budget the background loops draw from), with private calls withheld from the
 * answer ({@link CallsInAnswer}). Gong's credentials never leave ingest-service.
 *
 * <p>What Gong's refusals do: a 401 holds the connection {@code unauthorized} and a long 429 pauses
 * it, as for every other request ({@link HoldingConnections#refused}); a 403 does not hold it (the
 * admin may have asked for an operation whose scope Earshot does not need), it is answered 502 with
 * Gong's message. Gong's 400 and 404 are the caller's: answered with the same status.
 *
 * <p>Metrics: {@code earshot.ingest.gong_proxy.requests{outcome}} (forwarded, not_allowed,
 * not_callable, gong_refused, gong_rejected, rate_limited, gong_unavailable) and {@code
 * earshot.ingest.gong_proxy.withheld_calls}.
 */
@Service
public class ForwardingGongReads {

  private static final Logger log = LoggerFactory.getLogger(ForwardingGongReads.class);

  /**
   * Gong's answer as shown.
   *
   * @param body Gong's JSON, private calls taken out
   * @param withheldCalls how many calls were taken out
   */
  public record Forwarded(JsonNode body, int withheldCalls) {}

  /** The largest body a read POST may carry (Gong's filters are small). */
  public static final int MOST_BODY_BYTES = 64 * 1024;

  private final OpeningGongSessions sessions;
  private final HoldingConnections holding;
  private final MeterRegistry meters;
  private final Clock clock;

  ForwardingGongReads(
      OpeningGongSessions sessions, HoldingConnections holding, MeterRegistry meters, Clock clock) {
    this.sessions = sessions;
    this.holding = holding;
    this.meters = meters;
    this.clock = clock;
  }

  /**
   * Forwards one read.
   *
   * @param orgId the caller's org (from its token)
   * @param caller who asks (the token's subject), for the audit log
   * @param method {@code GET} or {@code POST}
   * @param path the Gong API path, e.g. {@code /v2/calls/extensive}
   * @param query the query parameters to pass on
   * @param body the request's body as sent (a JSON object for a read POST; ignored for a GET)
   * @return Gong's answer with private calls withheld
   * @throws dev.earshot.kit.web.ApiProblem 403 not on the allow-list, 400 a POST without a JSON
   *     object or a query parameter name that is not a letter then letters and digits, 404 no
   *     connection, 409 the connection is held or paused, 429 rate limited (with {@code
   *     Retry-After}), Gong's 400/404 as such, 502 Gong refused or failed
   */
  public Forwarded forward(
      String orgId,
      String caller,
      String method,
      String path,
      Map<String, List<String>> query,
      byte[] body) {
    GongReadOperations.Operation operation =
        switch (GongReadOperations.check(method, path)) {
          case GongReadOperations.Verdict.Refused refused -> {
            count("not_allowed");
            throw GongProxyProblems.notAllowed(refused.reason());
          }
          case GongReadOperations.Verdict.Allowed allowed -> allowed.operation();
        };
    for (String name : query.keySet()) {
      if (!GongReadOperations.isQueryParameterName(name)) {
        count("not_allowed");
        throw GongProxyProblems.badQueryParameter(name);
      }
    }
    JsonNode filter = null;
    if (operation.method().equals("POST")) {
      filter = jsonObject(body);
      if (filter == null) {
        count("not_allowed");
        throw GongProxyProblems.bodyRequired();
      }
    }
    WorkspaceConnection connection =
        sessions.liveOf(orgId).orElseThrow(GongProxyProblems::noConnection);
    Instant now = clock.instant();
    var session =
        sessions
            .openInteractive(connection.id())
            .orElseThrow(
                () -> {
                  count("not_callable");
                  return GongProxyProblems.notCallingGong(whyNotCalling(connection, now));
                });
    JsonNode answer;
    try {
      answer = session.client().read(operation, path, query, filter);
    } catch (GongApiException.Forbidden forbidden) {
      count("gong_refused");
      throw GongProxyProblems.gongRefused(forbidden.status(), forbidden.gongMessage());
    } catch (GongApiException.Unauthorized unauthorized) {
      holding.refused(connection.id(), unauthorized);
      count("gong_refused");
      throw GongProxyProblems.gongRefused(401, unauthorized.getMessage());
    } catch (GongApiException.RateLimited limited) {
      holding.refused(connection.id(), limited);
      count("rate_limited");
      throw GongProxyProblems.rateLimited(limited.retryAfter(), "Gong answered 429");
    } catch (GongApiException.Rejected rejected) {
      count("gong_rejected");
      throw GongProxyProblems.gongAnswered(
          rejected.status(), rejected.getMessage(), rejected.requestId().orElse(null));
    } catch (GongApiException failed) {
      count("gong_unavailable");
      throw GongProxyProblems.gongUnavailable(failed.getMessage());
    } catch (GongRateLimiter.QuotaExhausted exhausted) {
      count("rate_limited");
      throw GongProxyProblems.rateLimited(
          Duration.ofSeconds(1), "Earshot's rate limit for this Gong connection is in use");
    }
    CallsInAnswer.Shown shown = CallsInAnswer.withholdPrivate(operation.calls(), answer);
    count("forwarded");
    meters.counter("earshot.ingest.gong_proxy.withheld_calls").increment(shown.withheld());
    log.atInfo()
        .addKeyValue("connectionId", connection.id())
        .addKeyValue("org", orgId)
        .addKeyValue("caller", caller)
        .addKeyValue("operation", operation.method() + " " + operation.template())
        .addKeyValue("withheldCalls", shown.withheld())
        .log("forwarded a read to Gong");
    return new Forwarded(shown.body(), shown.withheld());
  }

  /** The body as a JSON object, or null when it is empty, too large, not JSON or not an object. */
  private static JsonNode jsonObject(byte[] body) {
    if (body == null || body.length == 0 || body.length > MOST_BODY_BYTES) {
      return null;
    }
    try {
      JsonNode parsed = dev.earshot.gong.client.GongJson.mapper().readTree(body);
      return parsed != null && parsed.isObject() ? parsed : null;
    } catch (tools.jackson.core.JacksonException notJson) {
      return null;
    }
  }

  private static String whyNotCalling(WorkspaceConnection connection, Instant now) {
    if (connection.pausedAt(now)) {
      return "The connection is paused until "
          + connection.pausedUntil()
          + ": "
          + connection.pauseReason()
          + ".";
    }
    return "The connection is "
        + connection.status().apiName()
        + (connection.statusReason() == null ? "" : " (" + connection.statusReason() + ")")
        + ".";
  }

  private void count(String outcome) {
    meters.counter("earshot.ingest.gong_proxy.requests", "outcome", outcome).increment();
  }
}
