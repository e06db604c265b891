package dev.earshot.assistant.ingest;

import dev.earshot.assistant.AssistantProperties;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads one call from Gong through ingest-service's internal API ({@code GET
 * /internal/v1/orgs/{orgId}/calls/{callId}}) with a service token, within {@code
 * earshot.assistant.ingest.timeout}. Never throws: every failure is an {@link Answer} with its
 * reason.
 */
@Component
public class CallsFromIngest {

  /** What ingest-service answered. */
  public sealed interface Answer {
    /** The call's summary as ingest-service's internal API shapes it. */
    record Found(JsonNode call) implements Answer {}

    /** Gong has no such non-private call for the org, or the org has no connection. */
    record Missing(String reason) implements Answer {}

    /** ingest-service (or Gong behind it, or the identity provider) could not answer now. */
    record Unavailable(String reason) implements Answer {}
  }

  private final AssistantProperties.Ingest settings;
  private final ServiceTokens tokens;
  private final JsonMapper json;
  private final HttpClient http;

  CallsFromIngest(AssistantProperties properties, ServiceTokens tokens, JsonMapper json) {
    this.settings = properties.ingest();
    this.tokens = tokens;
    this.json = json;
    this.http = HttpClient.newBuilder().connectTimeout(settings.timeout()).build();
  }

  /** Whether the fallback is on and service tokens can be had. */
  public boolean enabled() {
    return settings.fallback() && tokens.available();
  }

  /**
   * @param orgId the caller's org (from its token), never another
   * @param callId Gong's call id
   */
  public Answer call(String orgId, String callId) {
    URI uri =
        settings.url().resolve("/internal/v1/orgs/" + segment(orgId) + "/calls/" + segment(callId));
    String token;
    try {
      token = tokens.token();
    } catch (RuntimeException refused) {
      return new Answer.Unavailable("no service token for ingest-service: " + refused.getMessage());
    }
    try {
      HttpResponse<String> answer =
          http.send(
              HttpRequest.newBuilder(uri)
                  .timeout(settings.timeout())
                  .header("Authorization", "Bearer " + token)
                  .header("Accept", "application/json")
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      int status = answer.statusCode();
      if (status == 200) {
        return new Answer.Found(json.readTree(answer.body()));
      }
      String detail = detail(answer.body());
      if (status == 404 || status == 400) {
        return new Answer.Missing(detail);
      }
      return new Answer.Unavailable("ingest-service answered " + status + ": " + detail);
    } catch (IOException | JacksonException failed) {
      return new Answer.Unavailable("ingest-service could not be reached: " + failed);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      return new Answer.Unavailable("interrupted");
    }
  }

  private String detail(String body) {
    try {
      String detail = json.readTree(body).path("detail").asString("");
      return detail.isBlank() ? "no reason given" : detail;
    } catch (JacksonException notJson) {
      return "no reason given";
    }
  }

  private static String segment(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
