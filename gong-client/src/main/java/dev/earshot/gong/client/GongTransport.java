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
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import tools.jackson.core.JacksonException;

/**
 * The one path every Gong request takes: a rate-limit permit, the request, status mapping to typed
 * errors, and retries (Failsafe) for 429 (after {@code Retry-After}), 5xx and timeouts. Each retry
 * takes a new permit. A 429's short {@code Retry-After} holds the limiter for the whole connection
 * ({@link GongRateLimiter#holdFor}), so its other callers wait too.
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
            // no withBackoff/withJitter: Failsafe 3.3 applies a policy's jitter to what the delay
            // function returns too, which brought a 429's retry up to a quarter before Gong's
            // Retry-After; the function computes both delays, jitter on the backoff only
            .withDelayFn(
                event ->
                    event.getLastException() instanceof GongApiException.RateLimited limited
                        ? limited.retryAfter()
                        : backoff(
                            retry,
                            event.getAttemptCount(),
                            ThreadLocalRandom.current().nextDouble()))
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

  /**
   * The wait after the {@code attempts}-th failed attempt of a 5xx or a timeout: {@code
   * initialBackoff} doubled per attempt after the first, at most {@code maxBackoff}, then moved by
   * up to {@code jitterFactor} of itself either way ({@code random} in [0, 1): 0.5 moves it not at
   * all); never negative.
   */
  static Duration backoff(RetrySettings retry, int attempts, double random) {
    long initial = retry.initialBackoff().toMillis();
    long max = retry.maxBackoff().toMillis();
    long base = initial;
    for (int i = 1; i < attempts && base < max; i++) {
      base *= 2;
    }
    base = Math.min(base, max);
    double jitter = retry.jitterFactor() * (2 * random - 1);
    return Duration.ofMillis(Math.max(0, Math.round(base * (1 + jitter))));
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
    GongApiException failure = failure(endpoint, response);
    if (failure instanceof GongApiException.RateLimited limited
        && limited.retryAfter().compareTo(retry.maxRetryAfter()) <= 0) {
      // every request of this connection waits it out, not only this one's retry (a longer
      // Retry-After is handed back and pauses the connection)
      limiter.holdFor(connectionKey, limited.retryAfter());
    }
    throw failure;
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
