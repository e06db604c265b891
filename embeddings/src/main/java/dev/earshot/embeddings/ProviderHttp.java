package dev.earshot.embeddings;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.RetryPolicy;
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
 * POSTs JSON to a model provider (language or embedding models): per-request timeout, retries with
 * exponential backoff and jitter (Failsafe) for timeouts, 5xx and 429 — a 429 waits the provider's
 * {@code Retry-After}. Other 4xx answers are not retried.
 */
public final class ProviderHttp {

  /** The provider answered with an error that retrying will not fix, or never answered. */
  public static final class ModelUnavailable extends RuntimeException {
    ModelUnavailable(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private static final class Retryable extends RuntimeException {
    final Duration retryAfter;

    Retryable(String message, Duration retryAfter, Throwable cause) {
      super(message, cause);
      this.retryAfter = retryAfter;
    }
  }

  private static final JsonMapper json = JsonMapper.builder().build();

  private final HttpClient http;
  private final Duration timeout;
  private final RetryPolicy<Object> retry;

  public ProviderHttp(HttpClient http, Duration timeout, int maxRetries) {
    this.http = http;
    this.timeout = timeout;
    this.retry =
        RetryPolicy.builder()
            .handle(Retryable.class)
            .withMaxRetries(maxRetries)
            .withBackoff(Duration.ofMillis(500), Duration.ofSeconds(30))
            .withJitter(0.2)
            .withDelayFn(
                e ->
                    e.getLastException() instanceof Retryable r && r.retryAfter != null
                        ? r.retryAfter
                        : Duration.ofMillis(-1))
            .build();
  }

  public JsonNode post(URI uri, Map<String, String> headers, Object body) {
    String payload = json.writeValueAsString(body);
    try {
      return Failsafe.with(retry).get(() -> once(uri, headers, payload));
    } catch (Retryable exhausted) {
      throw new ModelUnavailable(exhausted.getMessage(), exhausted);
    } catch (FailsafeException wrapped) {
      throw new ModelUnavailable("model request failed: " + wrapped.getMessage(), wrapped);
    }
  }

  private JsonNode once(URI uri, Map<String, String> headers, String payload)
      throws InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri)
            .timeout(timeout)
            .header("Content-Type", "application/json")
            .header("Accept", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(payload));
    headers.forEach(request::header);
    HttpResponse<String> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new Retryable(
          "no answer from " + uri.getHost() + ": " + e.getClass().getSimpleName(), null, e);
    }
    int status = response.statusCode();
    if (status == 429) {
      throw new Retryable("rate limited by the model provider", retryAfter(response), null);
    }
    if (status >= 500) {
      throw new Retryable("the model provider failed with HTTP " + status, null, null);
    }
    if (status >= 400) {
      throw new ModelUnavailable(
          "the model provider refused the request with HTTP "
              + status
              + ": "
              + abbreviate(response.body()),
          null);
    }
    return json.readTree(response.body());
  }

  static Duration retryAfter(HttpResponse<?> response) {
    String value = response.headers().firstValue("Retry-After").orElse("").strip();
    if (value.matches("\\d+(\\.\\d+)?")) {
      return Duration.ofMillis((long) (Double.parseDouble(value) * 1000));
    }
    return Duration.ofSeconds(1);
  }

  private static String abbreviate(String body) {
    return body == null ? "" : body.substring(0, Math.min(300, body.length()));
  }
}
