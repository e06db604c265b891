package dev.earshot.gong.simulator;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Calls a started simulator over HTTP as a Gong client would, with one credential. */
record SimulatorHttp(String baseUrl, String authorization) {

  static final HttpClient HTTP = HttpClient.newHttpClient();

  static SimulatorHttp basic(GongSimulator simulator, String key, String secret) {
    return new SimulatorHttp(
        simulator.baseUrl(),
        "Basic "
            + Base64.getEncoder()
                .encodeToString((key + ":" + secret).getBytes(StandardCharsets.UTF_8)));
  }

  /** With the simulator's configured access key. */
  static SimulatorHttp of(GongSimulator simulator) {
    return basic(simulator, simulator.config().accessKey(), simulator.config().accessSecret());
  }

  HttpResponse<String> get(String path) {
    return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET());
  }

  HttpResponse<String> post(String path, String json) {
    return send(
        HttpRequest.newBuilder(URI.create(baseUrl + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json)));
  }

  /** {@code calls/extensive} for these ids, asking for everything. */
  HttpResponse<String> extensive(List<String> ids) {
    return post(
        "/v2/calls/extensive",
        "{\"filter\":{\"callIds\":"
            + Exchange.JSON.writeValueAsString(ids)
            + "},\"contentSelector\":"
            + EVERYTHING
            + "}");
  }

  HttpResponse<String> transcripts(List<String> ids) {
    return post(
        "/v2/calls/transcript",
        "{\"filter\":{\"callIds\":" + Exchange.JSON.writeValueAsString(ids) + "}}");
  }

  static final String EVERYTHING =
      """
      {"context":"Extended","exposedFields":{"parties":true,"content":{"brief":true,\
      "outline":true,"highlights":true,"keyPoints":true,"pointsOfInterest":true,"topics":true}}}""";

  private HttpResponse<String> send(HttpRequest.Builder request) {
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    try {
      return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> json(String text) {
    return Exchange.JSON.readValue(text, LinkedHashMap.class);
  }

  /** The list under {@code field} of a JSON answer (empty for a 404 "No calls found"). */
  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> list(HttpResponse<String> response, String field) {
    if (response.statusCode() == 404) {
      return List.of();
    }
    Object value = json(response.body()).get(field);
    return value == null ? List.of() : (List<Map<String, Object>>) value;
  }
}
