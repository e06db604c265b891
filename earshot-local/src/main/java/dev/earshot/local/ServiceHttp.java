package dev.earshot.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A service's public HTTP surface as a client outside it reads it: its REST API (JSON, with a
 * bearer token when one is given) and its {@code /actuator/prometheus} scrape. The same whether the
 * service runs in the launcher's JVM or as its own process. A read that is refused is an {@link
 * IllegalStateException} naming the status and the problem type.
 */
final class ServiceHttp {

  private static final JsonMapper json = JsonMapper.builder().build();
  private static final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final String baseUrl;
  private final String managementUrl;
  private final String token;

  /**
   * @param baseUrl where the API listens, e.g. {@code http://localhost:8082}
   * @param managementUrl where actuator listens (the same as {@code baseUrl} unless the service
   *     serves it on a port of its own)
   * @param token a bearer token for the API, or null
   */
  ServiceHttp(String baseUrl, String managementUrl, String token) {
    this.baseUrl = baseUrl;
    this.managementUrl = managementUrl;
    this.token = token;
  }

  /** The service {@code name} of a running stack, by its published URLs, with {@code token}. */
  static ServiceHttp of(LocalContext local, String name, String token) {
    String url = local.require(name + ".url");
    return new ServiceHttp(url, local.find(name + ".management_url").orElse(url), token);
  }

  /** An HTTP answer: status and JSON body (an empty object when there is none). */
  record Answer(int status, JsonNode body) {}

  /** GET {@code path}; the JSON body of a 2xx answer. */
  JsonNode get(String path) {
    return ok("GET", path, send("GET", path, null));
  }

  /** POST {@code body} (JSON, or nothing when null) to {@code path}; the JSON body of a 2xx. */
  JsonNode post(String path, Object body) {
    return ok(
        "POST", path, send("POST", path, body == null ? null : json.writeValueAsString(body)));
  }

  /** One scrape of {@code /actuator/prometheus}. */
  Metrics metrics() {
    HttpResponse<String> response =
        exchange(
            HttpRequest.newBuilder(URI.create(managementUrl + "/actuator/prometheus"))
                .timeout(Duration.ofSeconds(30))
                .GET(),
            "GET /actuator/prometheus");
    if (response.statusCode() != 200) {
      throw new IllegalStateException(
          "GET " + managementUrl + "/actuator/prometheus answered " + response.statusCode());
    }
    return Metrics.parse(response.body());
  }

  /** Sends {@code body} (JSON text, or nothing when null) with {@code method} to {@code path}. */
  Answer send(String method, String path, String body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(baseUrl + path))
            .timeout(Duration.ofSeconds(30))
            .header("Accept", "application/json");
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    request.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    HttpResponse<String> response = exchange(request, method + " " + path);
    JsonNode answer =
        response.body().isBlank() ? json.createObjectNode() : json.readTree(response.body());
    return new Answer(response.statusCode(), answer);
  }

  private static JsonNode ok(String method, String path, Answer answer) {
    if (answer.status() / 100 != 2) {
      throw new IllegalStateException(
          method + " " + path + " answered " + answer.status() + " " + answer.body().path("type"));
    }
    return answer.body();
  }

  private static HttpResponse<String> exchange(HttpRequest.Builder request, String what) {
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException(what + " failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted during " + what, e);
    }
  }
}
