package dev.earshot.provider;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.RetryPolicy;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * POSTs JSON to a model provider (language or embedding models): per-request timeout, retries with
 * exponential backoff and jitter (Failsafe) for timeouts, 5xx, 408, 409, 425 and 429 — a 429 waits
 * the provider's {@code Retry-After} (seconds or an HTTP date, exactly: jitter moves backoffs only)
 * when it is at most {@link #LONGEST_WAIT_IN_THREAD}, a longer one is handed to the caller at once
 * (a daily quota must not hold a Kafka consumer for hours); a 429 without one backs off as a 5xx.
 *
 * <p>Failures are told apart by what they say about the record being processed:
 *
 * <ul>
 *   <li>{@link ModelUnavailable}: the provider cannot serve <em>any</em> request now — no answer,
 *       5xx, throttling that outlasted the retries, refused credentials (401/403: a revoked or
 *       expired key is an outage of configuration), an unknown model or path (404), an unusable
 *       answer; and a 400 about the account or the settings rather than the record ({@link
 *       #notTheRecords}): a spend limit reached or credit spent ({@link Outage#QUOTA_SPENT}), a
 *       parameter or model the provider refuses ({@link Outage#MISCONFIGURED}). The record is not
 *       at fault; retry it later.
 *   <li>{@link RequestRefused}: the provider refused <em>this</em> request for what it holds (413,
 *       422, and any other 400: e.g. an input longer than the model's context, a content filter).
 *       Sending it again will not help.
 * </ul>
 *
 * <p>Messages hold the HTTP status, the provider's host and, when the answer names one, its error
 * type and code (OpenAI's {@code error.type}/{@code error.code}, Anthropic's {@code error.type}),
 * never the answer's text: providers echo request content in their error messages, and these
 * messages reach logs and dead-letter headers.
 */
public final class ProviderHttp {

  /** Longest {@code Retry-After} waited for inside a call; longer ones fail the call at once. */
  public static final Duration LONGEST_WAIT_IN_THREAD = Duration.ofSeconds(10);

  private static final Duration FIRST_BACKOFF = Duration.ofMillis(500);
  private static final double JITTER = 0.2;
  private static final Set<Integer> RETRIED_4XX = Set.of(408, 409, 425, 429);
  private static final Set<Integer> REFUSED_FOR_WHAT_IT_HOLDS = Set.of(400, 413, 422);
  private static final Pattern ERROR_TOKEN = Pattern.compile("[A-Za-z0-9_.\\-]{1,64}");

  /** Why a provider could not serve a request, as far as the caller can tell. */
  public enum Outage {
    /** No answer in time, or the connection failed. */
    NO_ANSWER,
    /** 5xx, or 408/409/425, after the retries. */
    PROVIDER_FAILED,
    /** 429 after the retries, or with a {@code Retry-After} too long to wait in a call. */
    THROTTLED,
    /** 401 or 403: the key is missing, revoked, expired or lacks a permission. */
    CREDENTIALS_REFUSED,
    /**
     * 404, 405, 410, 415 and other 4xx: the base URL, path or model name is wrong; or a header
     * value (the key) the HTTP client refuses, e.g. one holding a line break.
     */
    MISCONFIGURED,
    /** A 2xx answer that cannot be used (not JSON, vectors missing or of the wrong dimension). */
    ANSWER_UNUSABLE,
    /**
     * The account's spend limit is reached or its credit is spent: Anthropic answers these with 400
     * {@code invalid_request_error} ("…reached your specified API usage limits…", "Your credit
     * balance is too low…"), OpenAI with the codes {@code insufficient_quota} or {@code
     * billing_hard_limit_reached}. It lasts until the limit resets or someone pays.
     */
    QUOTA_SPENT;

    /**
     * Whether only a person ends this outage: a setting, key or account the provider refuses
     * ({@link #MISCONFIGURED}, {@link #CREDENTIALS_REFUSED}, {@link #QUOTA_SPENT}). Retrying does
     * not end it, so a caller that retries tells an operator what to fix (at ERROR, say) rather
     * than waiting silently; the others pass by themselves.
     */
    public boolean needsOperator() {
      return this == MISCONFIGURED || this == CREDENTIALS_REFUSED || this == QUOTA_SPENT;
    }
  }

  /**
   * The provider cannot serve any request now (see {@link Outage}); the record is not at fault, so
   * a consumer retries it for as long as this lasts instead of dead-lettering it.
   */
  public static final class ModelUnavailable extends RuntimeException {
    private final Outage outage;
    private final int status;

    /**
     * @param outage what kind of outage
     * @param status the last HTTP status, 0 when there was none
     * @param message status, host and reason; never provider text or request content
     */
    public ModelUnavailable(Outage outage, int status, String message, Throwable cause) {
      super(message, cause);
      this.outage = outage;
      this.status = status;
    }

    public Outage outage() {
      return outage;
    }

    /** The last HTTP status, 0 when the provider never answered. */
    public int status() {
      return status;
    }
  }

  /**
   * The provider refused this request for what it holds (HTTP 413, 422, or a 400 not about the
   * account or the settings): the same input will be refused again, so the record that produced it
   * can never succeed.
   */
  public static final class RequestRefused extends RuntimeException {
    private final int status;

    RequestRefused(int status, String message) {
      super(message);
      this.status = status;
    }

    public int status() {
      return status;
    }
  }

  /** A failure worth retrying within the call; becomes {@link ModelUnavailable} when exhausted. */
  private static final class Retryable extends RuntimeException {
    final Outage outage;
    final int status;
    final Duration retryAfter;

    Retryable(Outage outage, int status, String message, Duration retryAfter, Throwable cause) {
      super(message, cause, false, false);
      this.outage = outage;
      this.status = status;
      this.retryAfter = retryAfter;
    }

    boolean waitsTooLong() {
      return retryAfter != null && retryAfter.compareTo(LONGEST_WAIT_IN_THREAD) > 0;
    }
  }

  private static final JsonMapper json = JsonMapper.builder().build();

  private final HttpClient http;
  private final Duration timeout;
  private final int maxRetries;
  private final RetryPolicy<Object> retry;

  /**
   * @param http the client (its connect timeout counts in {@link #longestCall()})
   * @param timeout longest wait for one answer
   * @param maxRetries retries after the first attempt
   */
  public ProviderHttp(HttpClient http, Duration timeout, int maxRetries) {
    this.http = http;
    this.timeout = timeout;
    this.maxRetries = maxRetries;
    this.retry =
        RetryPolicy.builder()
            .handle(Retryable.class)
            .abortIf((result, failure) -> failure instanceof Retryable r && r.waitsTooLong())
            .withMaxRetries(maxRetries)
            // no withBackoff/withJitter: Failsafe 3.3 applies a policy's jitter to what the delay
            // function returns too, which cut a 429's Retry-After by up to a fifth; the function
            // computes both delays, jitter on the backoff only (as gong-client's GongTransport)
            .withDelayFn(
                e ->
                    wait(
                        e.getLastException() instanceof Retryable r ? r.retryAfter : null,
                        e.getAttemptCount(),
                        ThreadLocalRandom.current().nextDouble()))
            .build();
  }

  /**
   * The wait after the {@code attempts}-th failed attempt: the provider's {@code Retry-After} as it
   * says (never moved: it is the least time to wait), else {@link #backoff}.
   *
   * @param retryAfter the 429's {@code Retry-After}; null without one, and for other failures
   * @param random in [0, 1), for the backoff's jitter
   */
  static Duration wait(Duration retryAfter, int attempts, double random) {
    return retryAfter != null ? retryAfter : backoff(attempts, random);
  }

  /**
   * The backoff after the {@code attempts}-th failed attempt (a timeout, a 5xx, a 429 without
   * {@code Retry-After}): 500 ms doubled per attempt after the first, at most {@link
   * #LONGEST_WAIT_IN_THREAD}, then moved by up to {@link #JITTER} of itself either way ({@code
   * random} 0.5 moves it not at all; towards 1, up to 12 s).
   */
  static Duration backoff(int attempts, double random) {
    long base = FIRST_BACKOFF.toMillis();
    long max = LONGEST_WAIT_IN_THREAD.toMillis();
    for (int i = 1; i < attempts && base < max; i++) {
      base *= 2;
    }
    base = Math.min(base, max);
    return Duration.ofMillis(Math.max(0, Math.round(base * (1 + JITTER * (2 * random - 1)))));
  }

  /**
   * The longest one {@link #post} can take before it returns or throws: every attempt waits for its
   * connection and its answer, and every retry waits the longer of a {@code Retry-After} waited in
   * the call ({@link #LONGEST_WAIT_IN_THREAD}, exactly) and its backoff at its most jittered. Kafka
   * consumers size their polls with it.
   */
  public Duration longestCall() {
    Duration connect = http.connectTimeout().orElse(Duration.ZERO);
    Duration attempts = connect.plus(timeout).multipliedBy(maxRetries + 1L);
    Duration waits = Duration.ZERO;
    for (int attempt = 1; attempt <= maxRetries; attempt++) {
      waits = waits.plus(max(LONGEST_WAIT_IN_THREAD, backoff(attempt, 1.0)));
    }
    return attempts.plus(waits);
  }

  /**
   * POSTs {@code body} as JSON and returns the JSON answer.
   *
   * @throws ModelUnavailable when the provider cannot serve requests now
   * @throws RequestRefused when it refused this request for what it holds
   */
  public JsonNode post(URI uri, Map<String, String> headers, Object body) {
    HttpRequest request = request(uri, headers, json.writeValueAsString(body));
    try {
      return Failsafe.with(retry).get(() -> once(uri, request));
    } catch (Retryable exhausted) {
      throw new ModelUnavailable(
          exhausted.outage, exhausted.status, exhausted.getMessage(), exhausted.getCause());
    } catch (FailsafeException wrapped) {
      if (wrapped.getCause() instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      throw new ModelUnavailable(
          Outage.NO_ANSWER, 0, "request to " + uri.getHost() + " interrupted", wrapped);
    }
  }

  /**
   * The request every attempt sends.
   *
   * @throws ModelUnavailable ({@link Outage#MISCONFIGURED}) when the HTTP client refuses a header:
   *     its message names the header, never its value (the JDK's own message quotes the value, and
   *     the value is usually the key)
   */
  private HttpRequest request(URI uri, Map<String, String> headers, String payload) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri)
            .timeout(timeout)
            .header("Content-Type", "application/json")
            .header("Accept", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(payload));
    headers.forEach(
        (name, value) -> {
          try {
            request.header(name, value);
          } catch (IllegalArgumentException refused) {
            // not chained: the JDK's message quotes the value
            throw new ModelUnavailable(
                Outage.MISCONFIGURED,
                0,
                "the HTTP client refuses the value of header "
                    + (ERROR_TOKEN.matcher(name).matches() ? name : "(unprintable name)")
                    + " for "
                    + uri.getHost()
                    + ": check the key for a line break or other control character",
                null);
          }
        });
    return request.build();
  }

  private JsonNode once(URI uri, HttpRequest request) throws InterruptedException {
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new Retryable(
          Outage.NO_ANSWER,
          0,
          "no answer from " + uri.getHost() + ": " + e.getClass().getSimpleName(),
          null,
          e);
    }
    int status = response.statusCode();
    if (status >= 200 && status < 300) {
      try {
        return json.readTree(response.body());
      } catch (JacksonException e) {
        throw new ModelUnavailable(
            Outage.ANSWER_UNUSABLE,
            status,
            "HTTP " + status + " from " + uri.getHost() + " is not JSON",
            null);
      }
    }
    String said = "HTTP " + status + " from " + uri.getHost() + errorNamed(response.body());
    if (status == 429) {
      throw new Retryable(
          Outage.THROTTLED, status, said + ": rate limited", retryAfter(response), null);
    }
    if (status >= 500 || RETRIED_4XX.contains(status)) {
      throw new Retryable(Outage.PROVIDER_FAILED, status, said + ": provider failed", null, null);
    }
    if (status == 401 || status == 403) {
      throw new ModelUnavailable(
          Outage.CREDENTIALS_REFUSED, status, said + ": credentials refused", null);
    }
    if (REFUSED_FOR_WHAT_IT_HOLDS.contains(status)) {
      Blame blame = status == 400 ? notTheRecords(response.body()) : null;
      if (blame != null) {
        throw new ModelUnavailable(blame.outage(), status, said + ": " + blame.reason(), null);
      }
      throw new RequestRefused(status, said + ": request refused for what it holds");
    }
    throw new ModelUnavailable(
        Outage.MISCONFIGURED, status, said + ": check the base URL, path and model name", null);
  }

  /** A 400 that is no fault of the record: what kind of outage, and why, in Earshot's words. */
  record Blame(Outage outage, String reason) {}

  /** OpenAI/Azure codes of a 400 about what the request holds: the record's fault. */
  private static final Set<String> RECORD_CODES =
      Set.of(
          "context_length_exceeded",
          "string_above_max_length",
          "content_filter",
          "content_policy_violation",
          "invalid_prompt");

  /** OpenAI codes of an account out of money. */
  private static final Set<String> QUOTA_CODES =
      Set.of("insufficient_quota", "billing_hard_limit_reached", "billing_not_active");

  /** OpenAI codes of a request whose settings (not content) the model refuses. */
  private static final Set<String> SETTINGS_CODES =
      Set.of(
          "unsupported_parameter",
          "unsupported_value",
          "model_not_found",
          "invalid_model",
          "unsupported_model",
          "invalid_api_key");

  /**
   * OpenAI's {@code error.param} when one of its reasoning models refuses the chat-completions
   * request Earshot sends other models ({@link LanguageModelChat#openAiBody}).
   */
  private static final Set<String> REASONING_REFUSES = Set.of("max_tokens", "temperature");

  /** What to do about it, told with the status (the setting's prefix differs per service). */
  static final String REASONING_HINT =
      "; an OpenAI reasoning model (o1, o3, o4-mini, gpt-5…) takes max_completion_tokens and no"
          + " temperature: set reasoning: true in the model's settings";

  /**
   * A request field that comes from the settings, the same in every request: OpenAI's {@code
   * error.param}, or the field an Anthropic {@code invalid_request_error} message starts with
   * ({@code max_tokens: 100000 > 64000, which is the maximum…}).
   */
  private static final Pattern SETTINGS_FIELD =
      Pattern.compile(
          "(model|max_tokens|max_completion_tokens|temperature|response_format|tools|tool_choice"
              + "|system)\\b");

  /**
   * Why a 400 is no fault of the record it was sent for, or null when it is or cannot be told (an
   * input longer than the context, a content filter, anything not recognised: the call stays {@link
   * RequestRefused}). The provider's message is read to tell, and never kept: it can echo the
   * request.
   */
  static Blame notTheRecords(String body) {
    JsonNode error;
    try {
      error = json.readTree(body == null ? "" : body).path("error");
    } catch (JacksonException notJson) {
      return null;
    }
    String code = identifier(error.path("code"));
    String param = identifier(error.path("param"));
    String message =
        error.path("message").isString()
            ? error.path("message").asString().strip().toLowerCase(Locale.ROOT)
            : "";
    if (RECORD_CODES.contains(code) || message.startsWith("prompt is too long")) {
      return null;
    }
    if (QUOTA_CODES.contains(code)
        || message.contains("api usage limits")
        || message.contains("credit balance is too low")) {
      return new Blame(
          Outage.QUOTA_SPENT, "the account's spend limit is reached or its credit is spent");
    }
    if (SETTINGS_CODES.contains(code)
        || SETTINGS_FIELD.matcher(param).lookingAt()
        || SETTINGS_FIELD.matcher(message).lookingAt()) {
      return new Blame(
          Outage.MISCONFIGURED,
          "the model refuses the request's settings"
              + (param.isEmpty() ? "" : " (parameter " + param + ")")
              + ": check the model's name, max-output-tokens and what the model accepts"
              + (REASONING_REFUSES.contains(param) ? REASONING_HINT : ""));
    }
    return null;
  }

  /** A string field's value when it is identifier-like, else empty. */
  private static String identifier(JsonNode value) {
    return value.isString() && ERROR_TOKEN.matcher(value.asString()).matches()
        ? value.asString()
        : "";
  }

  /**
   * The provider's error type and code when its answer names them as identifiers ({@code
   * {"error":{"type":"invalid_request_error","code":"context_length_exceeded"}}}); free text is
   * never kept.
   */
  static String errorNamed(String body) {
    JsonNode error;
    try {
      error = json.readTree(body == null ? "" : body).path("error");
    } catch (JacksonException notJson) {
      return "";
    }
    StringBuilder named = new StringBuilder();
    for (String field : new String[] {"type", "code"}) {
      JsonNode value = error.path(field);
      if (value.isString() && ERROR_TOKEN.matcher(value.asString()).matches()) {
        named.append(named.isEmpty() ? " (" : "/").append(value.asString());
      }
    }
    return named.isEmpty() ? "" : named.append(')').toString();
  }

  static Duration retryAfter(HttpResponse<?> response) {
    return retryAfter(response.headers().firstValue("Retry-After").orElse(""), Instant.now());
  }

  /**
   * A 429's {@code Retry-After}: seconds (a fraction allowed) or an HTTP date; null when absent or
   * unreadable (the call backs off as for a 5xx). A wait longer than {@link
   * #LONGEST_WAIT_IN_THREAD} is handed to the caller at once.
   */
  static Duration retryAfter(String header, Instant now) {
    String value = header.strip();
    if (value.matches("\\d+(\\.\\d+)?")) {
      return value.indexOf('.') > 9 || (value.indexOf('.') < 0 && value.length() > 9)
          ? LONGEST_WAIT_IN_THREAD.plusSeconds(1)
          : Duration.ofMillis((long) Math.ceil(Double.parseDouble(value) * 1000));
    }
    try {
      Duration until =
          Duration.between(
              now, ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
      return until.isNegative() ? Duration.ZERO : until;
    } catch (DateTimeParseException unreadable) {
      return null;
    }
  }

  /**
   * The header that carries a provider key: {@code Authorization: Bearer <key>} when {@code header}
   * is {@code Authorization} or unset, else {@code <header>: <key>} (Azure's {@code api-key},
   * Anthropic's {@code x-api-key}); none when the key is null or blank (local servers). Whitespace
   * around the key (a Kubernetes secret made with {@code echo} ends in a line break) is dropped.
   */
  public static Map<String, String> keyHeaders(String header, String key) {
    if (key == null || key.isBlank()) {
      return Map.of();
    }
    // a secret written with `echo` ends in a line break, which no key holds
    String trimmed = key.strip();
    return header == null || header.isBlank() || "Authorization".equalsIgnoreCase(header)
        ? Map.of("Authorization", "Bearer " + trimmed)
        : Map.of(header, trimmed);
  }

  /** A key as settings print it: {@code none} when null or blank, else {@code ***}. */
  public static String masked(String key) {
    return key == null || key.isBlank() ? "none" : "***";
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }
}
