package dev.earshot.gong.simulator;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The simulator's own endpoints under {@code /admin/} (not Gong's): ground truth, counters, faults,
 * time, token and access-key revocation, new access keys, the daily quota, cursor expiry, webhook
 * rules and the realism state. Loopback only, like the whole server.
 */
final class Admin {

  private Admin() {}

  static void handle(GongSimulator sim, Exchange ex) throws IOException {
    switch (ex.method() + " " + ex.path()) {
      case "GET /admin/ground-truth" ->
          ex.send(200, "application/x-ndjson; charset=utf-8", sim.groundTruthJsonl());
      case "GET /admin/counters" -> ex.json(200, sim.counters().snapshot());
      case "POST /admin/counters/reset" -> {
        sim.resetCounters();
        ex.json(200, Map.of("reset", true));
      }
      case "GET /admin/private-transcript-requests" ->
          ex.json(
              200, Map.of("call_ids", sim.privateTranscriptRequests().stream().sorted().toList()));
      case "GET /admin/realism" -> ex.json(200, sim.realismState());
      case "POST /admin/quota/exhaust" -> {
        String credential = credential(ex.jsonBody());
        Duration retryAfter = sim.exhaustQuota(credential);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("credential", credential == null ? "*" : credential);
        out.put("retry_after_seconds", retryAfter.toSeconds());
        out.put("until", sim.now().plus(retryAfter).toString());
        ex.json(200, out);
      }
      case "POST /admin/quota/reset" -> {
        String credential = credential(ex.jsonBody());
        sim.resetQuota(credential);
        ex.json(200, Map.of("reset", credential == null ? "*" : credential));
      }
      case "POST /admin/access-keys" -> {
        AccessKey issued = sim.issueAccessKey();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("access_key", issued.key());
        out.put("access_key_secret", issued.secret());
        ex.json(201, out);
      }
      case "POST /admin/access-keys/revoke" ->
          ex.json(200, Map.of("revoked", sim.revokeAccessKeys()));
      case "GET /admin/faults" -> ex.json(200, sim.faultsState().describe());
      case "POST /admin/faults" -> {
        sim.faults(ex.jsonBody());
        ex.json(200, sim.faultsState().describe());
      }
      case "POST /admin/faults/clear" -> {
        sim.clearFaults();
        ex.json(200, sim.faultsState().describe());
      }
      case "POST /admin/tokens/revoke" -> {
        sim.revokeTokens();
        ex.json(200, Map.of("revoked", true));
      }
      case "POST /admin/cursors/expire" -> {
        sim.expireCursors();
        ex.json(200, Map.of("expired", true));
      }
      case "POST /admin/clock/advance" -> {
        Object minutes = ex.jsonBody().get("minutes");
        if (!(minutes instanceof Number n) || n.longValue() < 0) {
          throw new GongSimulator.BadRequest("minutes must be a non-negative number");
        }
        List<String> analysed = sim.advanceClock(Duration.ofMinutes(n.longValue()));
        ex.json(200, Map.of("now", sim.now().toString(), "analysed_call_ids", analysed));
      }
      case "GET /admin/webhook-rules" -> ex.json(200, sim.webhooks().rules());
      case "POST /admin/webhook-rules" -> {
        Map<String, Object> body = ex.jsonBody();
        if (!(body.get("url") instanceof String url)
            || !(body.get("auth") instanceof String auth)) {
          throw new GongSimulator.BadRequest("url and auth (url_key or jwt) are required");
        }
        try {
          ex.json(201, Map.of("id", sim.registerWebhook(url, auth)));
        } catch (IllegalArgumentException e) {
          throw new GongSimulator.BadRequest(e.getMessage());
        }
      }
      case "GET /admin/webhook-rules/public-key" ->
          ex.send(200, "application/x-pem-file", sim.webhookPublicKeyPem());
      case "POST /admin/webhooks/fire" -> {
        Object ids = ex.jsonBody().get("call_ids");
        if (!(ids instanceof List<?> list)) {
          throw new GongSimulator.BadRequest("call_ids (a list) is required");
        }
        ex.json(
            200,
            Map.of("deliveries", sim.fireWebhooks(list.stream().map(String::valueOf).toList())));
      }
      case "GET /admin/credentials" -> ex.json(200, credentials(sim));
      default -> ex.json(404, GongSimulator.error("Not found: " + ex.method() + " " + ex.path()));
    }
  }

  /** {@code credential} of an admin body: {@code key:<access key>} or {@code oauth:<client id>}. */
  private static String credential(Map<String, Object> body) {
    Object credential = body.get("credential");
    if (credential == null) {
      return null;
    }
    if (!(credential instanceof String text)
        || !(text.startsWith("key:") || text.startsWith("oauth:"))) {
      throw new GongSimulator.BadRequest(
          "credential must be key:<access key> or oauth:<client id> (omit it for every credential)");
    }
    return text;
  }

  static Map<String, Object> credentials(GongSimulator sim) {
    SimulatorConfig config = sim.config();
    AccessKey current = sim.currentAccessKey();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("base_url", sim.baseUrl());
    out.put("access_key", current == null ? null : current.key());
    out.put("access_key_secret", current == null ? null : current.secret());
    config.oauthApps().stream()
        .findFirst()
        .ifPresent(
            app -> {
              out.put("oauth_client_id", app.clientId());
              out.put("oauth_client_secret", app.clientSecret());
              out.put("oauth_authorize_url", sim.baseUrl() + "/oauth2/authorize");
              out.put("oauth_token_url", sim.baseUrl() + "/oauth2/generate-customer-token");
            });
    return out;
  }
}
