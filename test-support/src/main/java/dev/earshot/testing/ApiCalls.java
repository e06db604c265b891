package dev.earshot.testing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * Calls a service's HTTP API on localhost as a client does: a JSON body (or none), a bearer token
 * and a {@code Cookie} header when given; redirects are not followed, so a test sees them.
 */
public final class ApiCalls {

  private static final HttpClient http =
      HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

  private ApiCalls() {}

  /**
   * @param method the HTTP method
   * @param path the path and query, from the root
   * @param token a bearer token, or null for none
   * @param body a JSON body, or null for none
   * @param cookie a {@code Cookie} header value, or null for none
   */
  public static HttpResponse<String> send(
      int port, String method, String path, String token, String body, String cookie)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .header("Content-Type", "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    if (cookie != null) {
      request.header("Cookie", cookie);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** A GET with the bearer token only (no content type). */
  public static HttpResponse<String> get(int port, String path, String token) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .header("Authorization", "Bearer " + token)
            .GET()
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** A POST of a JSON body with the bearer token. */
  public static HttpResponse<String> post(int port, String path, String token, String body)
      throws Exception {
    return withBody(port, "POST", path, token, body);
  }

  /** A PATCH of a JSON body with the bearer token. */
  public static HttpResponse<String> patch(int port, String path, String token, String body)
      throws Exception {
    return withBody(port, "PATCH", path, token, body);
  }

  private static HttpResponse<String> withBody(
      int port, String method, String path, String token, String body) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            .method(method, HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
