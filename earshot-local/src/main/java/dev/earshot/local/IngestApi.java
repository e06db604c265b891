package dev.earshot.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
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

  private final String baseUrl;
  private final String adminToken;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  IngestApi(String baseUrl, String adminToken) {
    this.baseUrl = baseUrl;
    this.adminToken = adminToken;
  }

  /** {@code GET /api/v1/connections/current}: status, statusReason, pausedUntil, pauseReason… */
  JsonNode connection() {
    return get("/api/v1/connections/current");
  }

  /**
   * {@code GET /api/v1/connections/current/ingestion}: loops, poll, backfill, calls, failedCalls.
   */
  JsonNode ingestion() {
    return get("/api/v1/connections/current/ingestion");
  }

  /** {@code GET /api/v1/connections/current/backfill}: state, percent, callsFound… */
  JsonNode backfill() {
    return get("/api/v1/connections/current/backfill");
  }

  /**
   * {@code POST /api/v1/connections/current/health}: the connection as it is after the check (a
   * problem detail when the check could not run, e.g. Gong unavailable).
   */
  Answer checkHealth() {
    return send("POST", "/api/v1/connections/current/health", null);
  }

  /**
   * {@code PATCH /api/v1/connections/current} with a new access key, which ingest-service verifies
   * with Gong before storing it.
   *
   * @return the answer's status and body (a 422 problem when Gong refuses the key)
   */
  Answer replaceAccessKey(String accessKey, String secret) {
    return send(
        "PATCH",
        "/api/v1/connections/current",
        json.writeValueAsString(Map.of("accessKey", accessKey, "secret", secret)));
  }

  /** An HTTP answer: status and JSON body (an empty object when there is none). */
  record Answer(int status, JsonNode body) {}

  private JsonNode get(String path) {
    Answer answer = send("GET", path, null);
    if (answer.status() / 100 != 2) {
      throw new IllegalStateException(
          "GET " + path + " answered " + answer.status() + " " + answer.body().path("type"));
    }
    return answer.body();
  }

  private Answer send(String method, String path, String body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(baseUrl + path))
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", "Bearer " + adminToken)
            .header("Accept", "application/json");
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    request.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    HttpResponse<String> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException(method + " " + path + " failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted during " + method + " " + path, e);
    }
    JsonNode answer =
        response.body().isBlank() ? json.createObjectNode() : json.readTree(response.body());
    return new Answer(response.statusCode(), answer);
  }
}
