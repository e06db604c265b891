package dev.earshot.local;

import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * ingest-service's REST API as the demo org's admin calls it (the token {@code ./earshot local}
 * prints), so the {@code --once} run watches and fixes the connection through the same surface a
 * real admin has. Answers are JSON trees; a read that is refused is an {@link
 * IllegalStateException} naming the status and the problem type.
 */
final class IngestApi {

  private static final JsonMapper json = JsonMapper.builder().build();

  private final ServiceHttp http;

  IngestApi(ServiceHttp http) {
    this.http = http;
  }

  /** {@code GET /api/v1/connections/current}: status, statusReason, pausedUntil, pauseReason… */
  JsonNode connection() {
    return http.get("/api/v1/connections/current");
  }

  /**
   * {@code GET /api/v1/connections/current/ingestion}: loops, poll, backfill, calls, failedCalls.
   */
  JsonNode ingestion() {
    return http.get("/api/v1/connections/current/ingestion");
  }

  /** {@code GET /api/v1/connections/current/backfill}: state, percent, callsFound… */
  JsonNode backfill() {
    return http.get("/api/v1/connections/current/backfill");
  }

  /**
   * {@code POST /api/v1/connections/api-key}: connects the token's org to Gong at {@code baseUrl}
   * with an access key and a backfill of {@code backfillDays}; the answer is {@code {connection,
   * webhookUrl}}.
   */
  JsonNode connectWithApiKey(String baseUrl, String accessKey, String secret, int backfillDays) {
    return http.post(
        "/api/v1/connections/api-key",
        Map.of(
            "baseUrl", baseUrl,
            "accessKey", accessKey,
            "secret", secret,
            "backfillDays", backfillDays));
  }

  /**
   * {@code POST /api/v1/connections/current/subscriptions} with {@code auth}: subscribes the
   * connection to Gong's webhooks; the answer is {@code {subscription, webhookUrl}}.
   */
  JsonNode subscribeWebhooks(String auth) {
    return http.post("/api/v1/connections/current/subscriptions", Map.of("auth", auth));
  }

  /**
   * {@code POST /api/v1/connections/current/health}: the connection as it is after the check (a
   * problem detail when the check could not run, e.g. Gong unavailable).
   */
  ServiceHttp.Answer checkHealth() {
    return http.send("POST", "/api/v1/connections/current/health", null);
  }

  /**
   * {@code PATCH /api/v1/connections/current} with a new access key, which ingest-service verifies
   * with Gong before storing it.
   *
   * @return the answer's status and body (a 422 problem when Gong refuses the key)
   */
  ServiceHttp.Answer replaceAccessKey(String accessKey, String secret) {
    return http.send(
        "PATCH",
        "/api/v1/connections/current",
        json.writeValueAsString(Map.of("accessKey", accessKey, "secret", secret)));
  }
}
