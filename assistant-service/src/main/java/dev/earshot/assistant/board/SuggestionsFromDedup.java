package dev.earshot.assistant.board;

import dev.earshot.assistant.AssistantProperties;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The org's open merge suggestions, read from dedup-service's posts API ({@code GET
 * /api/v1/posts/suggestions}) with the caller's own bearer token, so dedup-service scopes them to
 * the caller's org as it does for any client. Read there, not from {@code feedback.posts.v1}:
 * accepting or dismissing a suggestion is review state only dedup-service holds.
 */
@Component
public class SuggestionsFromDedup {

  /** dedup-service could not answer; the message says why. */
  public static final class Unavailable extends RuntimeException {
    Unavailable(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private final AssistantProperties properties;
  private final JsonMapper json;
  private final HttpClient http;

  SuggestionsFromDedup(AssistantProperties properties, JsonMapper json) {
    this.properties = properties;
    this.json = json;
    this.http = HttpClient.newBuilder().connectTimeout(properties.dedupTimeout()).build();
  }

  /**
   * @param bearerToken the caller's token, passed on as is
   * @param size 1 to 100
   * @return dedup-service's page: {@code {"items":[{id, status, score, post, candidate, evidence,
   *     …}], "page", "size", "total"}}
   * @throws Unavailable when dedup-service cannot be reached or does not answer 200
   */
  public JsonNode open(String bearerToken, int size) {
    URI uri = properties.dedupUrl().resolve("/api/v1/posts/suggestions?size=" + size);
    try {
      HttpResponse<String> answer =
          http.send(
              HttpRequest.newBuilder(uri)
                  .timeout(properties.dedupTimeout())
                  .header("Authorization", "Bearer " + bearerToken)
                  .header("Accept", "application/json")
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (answer.statusCode() != 200) {
        throw new Unavailable("dedup-service answered " + answer.statusCode(), null);
      }
      return json.readTree(answer.body());
    } catch (IOException failed) {
      throw new Unavailable("dedup-service could not be reached: " + failed.getMessage(), failed);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      throw new Unavailable("interrupted", interrupted);
    }
  }
}
