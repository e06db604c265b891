package dev.earshot.gong.simulator;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The simulator's own endpoints under {@code /admin/} (not Gong's): ground truth, counters, faults,
 * time, token revocation, cursor expiry and webhook rules. Loopback only, like the whole server.
 */
final class Admin {

  private Admin() {}

  static void handle(GongSimulator sim, Exchange ex) throws IOException {
    switch (ex.method() + " " + ex.path()) {
      case "GET /admin/ground-truth" ->
          ex.send(200, "application/x-ndjson; charset=utf-8", sim.groundTruthJsonl());
      case "GET /admin/counters" -> ex.json(200, sim.counters().snapshot());
      case "POST /admin/counters/reset" -> {
        sim.counters().reset();
        ex.json(200, Map.of("reset", true));
      }
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

  static Map<String, Object> credentials(GongSimulator sim) {
    SimulatorConfig config = sim.config();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("base_url", sim.baseUrl());
    out.put("access_key", config.accessKey());
    out.put("access_key_secret", config.accessSecret());
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
