package dev.earshot.gong.client;

import dev.earshot.gong.api.GongErrorBody;
import dev.earshot.gong.limit.GongRateLimiter;
import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.RetryPolicy;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Supplier;
import tools.jackson.core.JacksonException;

/**
 * The one path every Gong request takes: a rate-limit permit, the request, status mapping to typed
 * errors, and retries (Failsafe) for 429 (after {@code Retry-After}), 5xx and timeouts. Each retry
 * takes a new permit.
 */
final class GongTransport {

  private final HttpClient http;
  private final GongRateLimiter limiter;
  private final String connectionKey;
  private final RetrySettings retry;
  private final GongClientMetrics metrics;

  GongTransport(
      HttpClient http,
      GongRateLimiter limiter,
      String connectionKey,
      RetrySettings retry,
      GongClientMetrics metrics) {
    this.http = http;
    this.limiter = limiter;
    this.connectionKey = connectionKey;
    this.retry = retry;
    this.metrics = metrics;
  }

  /** Sends the request (built afresh per attempt) and parses a 2xx body as {@code type}. */
  <T> T send(GongEndpoint endpoint, Supplier<HttpRequest.Builder> request, Class<T> type) {
    RetryPolicy<Object> policy =
        RetryPolicy.builder()
            .handle(GongApiException.RateLimited.class, GongApiException.Unavailable.class)
            .withMaxRetries(retry.maxRetries())
            .withBackoff(retry.initialBackoff(), retry.maxBackoff())
            .withJitter(retry.jitterFactor())
            .withDelayFn(
                event ->
                    event.getLastException() instanceof GongApiException.RateLimited limited
                        ? limited.retryAfter()
                        : Duration.ofMillis(-1))
            .abortIf(
                (result, failure) ->
                    failure instanceof GongApiException.RateLimited limited
                        && limited.retryAfter().compareTo(retry.maxRetryAfter()) > 0)
            .onRetry(event -> metrics.retry(endpoint))
            .build();
    try {
      return Failsafe.with(policy).get(() -> attempt(endpoint, request.get(), type));
    } catch (FailsafeException wrapped) {
      if (wrapped.getCause() instanceof InterruptedException interrupted) {
        Thread.currentThread().interrupt();
        throw new GongApiException.Unavailable(endpoint, 0, null, "interrupted", interrupted);
      }
      throw wrapped;
    }
  }

  private <T> T attempt(GongEndpoint endpoint, HttpRequest.Builder builder, Class<T> type)
      throws InterruptedException {
    metrics.limiterWait(limiter.acquire(connectionKey));
    HttpResponse<String> response;
    try {
      response =
          http.send(
              builder.timeout(retry.requestTimeout()).build(),
              HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      metrics.response(endpoint, 0);
      throw new GongApiException.Unavailable(endpoint, 0, null, e.getClass().getSimpleName(), e);
    }
    int status = response.statusCode();
    metrics.response(endpoint, status);
    if (status >= 200 && status < 300) {
      return parse(endpoint, response, type);
    }
    throw failure(endpoint, response);
  }

  private static <T> T parse(GongEndpoint endpoint, HttpResponse<String> response, Class<T> type) {
    try {
      return GongJson.mapper().readValue(response.body(), type);
    } catch (JacksonException e) {
      throw new GongApiException.Rejected(
          endpoint,
          response.statusCode(),
          null,
          "unreadable response body: " + e.getOriginalMessage());
    }
  }

  private static GongApiException failure(GongEndpoint endpoint, HttpResponse<String> response) {
    GongErrorBody error = errorBody(response.body());
    int status = response.statusCode();
    return switch (status) {
      case 401 ->
          // Gong's "You don't have permission to use '<scope>'" is a scope problem whatever the
          // status it comes with, not bad credentials (field case 10).
          GongApiException.Forbidden.namedScope(error.message()).isPresent()
              ? new GongApiException.Forbidden(endpoint, 401, error.requestId(), error.message())
              : new GongApiException.Unauthorized(endpoint, error.requestId(), error.message());
      case 403 -> new GongApiException.Forbidden(endpoint, 403, error.requestId(), error.message());
      case 429 ->
          new GongApiException.RateLimited(endpoint, error.requestId(), retryAfter(response));
      default -> {
        if (status >= 500) {
          yield new GongApiException.Unavailable(
              endpoint, status, error.requestId(), error.message(), null);
        }
        if (status == 400
            && error.message().toLowerCase(java.util.Locale.ROOT).contains("cursor")) {
          yield new GongApiException.CursorExpired(endpoint, error.requestId(), error.message());
        }
        yield new GongApiException.Rejected(endpoint, status, error.requestId(), error.message());
      }
    };
  }

  /** The longest Retry-After believed: Gong's daily quota resets within a day. */
  static final Duration LONGEST_RETRY_AFTER = Duration.ofDays(2);

  /**
   * Retry-After in seconds (Gong's form, help.gong.io API introduction) or an HTTP date; 1 s when
   * absent or unreadable; at most {@link #LONGEST_RETRY_AFTER} however large the number.
   */
  static Duration retryAfter(HttpResponse<?> response) {
    String value = response.headers().firstValue("Retry-After").orElse("").strip();
    if (value.matches("\\d+")) {
      return value.length() > 9
          ? LONGEST_RETRY_AFTER
          : min(Duration.ofSeconds(Long.parseLong(value)), LONGEST_RETRY_AFTER);
    }
    try {
      var at =
          java.time.ZonedDateTime.parse(
              value, java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME);
      Duration until = Duration.between(java.time.Instant.now(), at.toInstant());
      return until.isNegative() ? Duration.ZERO : min(until, LONGEST_RETRY_AFTER);
    } catch (java.time.format.DateTimeParseException e) {
      return Duration.ofSeconds(1);
    }
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  private static GongErrorBody errorBody(String body) {
    try {
      GongErrorBody parsed = GongJson.mapper().readValue(body, GongErrorBody.class);
      return parsed == null ? GongErrorBody.of("") : parsed;
    } catch (JacksonException | IllegalArgumentException e) {
      String text = body == null ? "" : body.substring(0, Math.min(200, body.length()));
      return GongErrorBody.of(text);
    }
  }

  static HttpRequest.Builder json(URI uri, String authorization) {
    return HttpRequest.newBuilder(uri)
        .header("Authorization", authorization)
        .header("Accept", "application/json")
        .header("Content-Type", "application/json");
  }
}
