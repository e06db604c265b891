package dev.earshot.gong.client;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Gong request that failed, typed by what the caller should do about it. Messages carry Gong's
 * own error text and request id, never credentials.
 */
public sealed class GongApiException extends RuntimeException {

  private final GongEndpoint endpoint;
  private final int status;
  private final String requestId;

  GongApiException(
      GongEndpoint endpoint, int status, String requestId, String message, Throwable cause) {
    super(message, cause);
    this.endpoint = endpoint;
    this.status = status;
    this.requestId = requestId;
  }

  public GongEndpoint endpoint() {
    return endpoint;
  }

  /** HTTP status, or 0 when no response arrived. */
  public int status() {
    return status;
  }

  public Optional<String> requestId() {
    return Optional.ofNullable(requestId);
  }

  /** 401: the credentials are wrong, revoked or expired. Reconnect or refresh. */
  public static final class Unauthorized extends GongApiException {
    Unauthorized(GongEndpoint endpoint, String requestId, String gongMessage) {
      super(
          endpoint,
          401,
          requestId,
          "Gong rejected the credentials for " + endpoint.path() + ": " + gongMessage,
          null);
    }
  }

  /**
   * 403 (or a 401 whose text names a scope): Gong refused the request. A 403 does not always mean a
   * missing scope: a wrong regional host or a key limited to other IPs are refused the same way
   * (field case 10: dust-tt #27851, amp-labs #3000, Nango's Gong guide). {@link #missingScope()}
   * names a scope only when Gong's own message names one, such as {@code You don't have permission
   * to use 'api:calls:read:extensive' in your company} (Pipedream #16062).
   */
  public static final class Forbidden extends GongApiException {
    private static final Pattern SCOPE = Pattern.compile("\\b(api(?::[a-z]+){2,})\\b");

    private final String missingScope;
    private final String gongMessage;

    Forbidden(GongEndpoint endpoint, int status, String requestId, String gongMessage) {
      super(endpoint, status, requestId, describe(endpoint, status, gongMessage), null);
      this.missingScope = namedScope(gongMessage).orElse(null);
      this.gongMessage = gongMessage;
    }

    /** The scope Gong's message names, e.g. {@code api:calls:read:extensive}; empty otherwise. */
    public Optional<String> missingScope() {
      return Optional.ofNullable(missingScope);
    }

    /** Gong's own text, as it sent it (no credentials: Gong never echoes them). */
    public String gongMessage() {
      return gongMessage;
    }

    static Optional<String> namedScope(String gongMessage) {
      if (gongMessage == null) {
        return Optional.empty();
      }
      Matcher matcher = SCOPE.matcher(gongMessage.toLowerCase(Locale.ROOT));
      return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    private static String describe(GongEndpoint endpoint, int status, String gongMessage) {
      return namedScope(gongMessage)
          .map(
              scope ->
                  "Gong refused "
                      + endpoint.path()
                      + " for lack of scope "
                      + scope
                      + ": "
                      + gongMessage)
          .orElseGet(
              () ->
                  "Gong refused "
                      + endpoint.path()
                      + " ("
                      + status
                      + ") without naming a scope: "
                      + gongMessage
                      + ". Check that the base URL is your company's regional API host (shown on"
                      + " Gong's API page) and, for access keys, Gong's trusted-IP setting.");
    }
  }

  /** 429 still answered after every retry; {@link #retryAfter()} is Gong's last hint. */
  public static final class RateLimited extends GongApiException {
    private final Duration retryAfter;

    RateLimited(GongEndpoint endpoint, String requestId, Duration retryAfter) {
      super(
          endpoint,
          429,
          requestId,
          "Gong rate-limited " + endpoint.path() + "; retry after " + retryAfter,
          null);
      this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
      return retryAfter;
    }
  }

  /** 5xx, or no answer (timeout, connection failure), after every retry. */
  public static final class Unavailable extends GongApiException {
    Unavailable(
        GongEndpoint endpoint, int status, String requestId, String detail, Throwable cause) {
      super(
          endpoint,
          status,
          requestId,
          "Gong is unavailable for " + endpoint.path() + ": " + detail,
          cause);
    }
  }

  /** The paging cursor expired; callers restart paging from what they already have. */
  public static final class CursorExpired extends GongApiException {
    CursorExpired(GongEndpoint endpoint, String requestId, String gongMessage) {
      super(
          endpoint,
          400,
          requestId,
          "Gong cursor expired on " + endpoint.path() + ": " + gongMessage,
          null);
    }
  }

  /** Any other 4xx: the request itself is wrong (Gong's message says how). */
  public static final class Rejected extends GongApiException {
    Rejected(GongEndpoint endpoint, int status, String requestId, String gongMessage) {
      super(
          endpoint,
          status,
          requestId,
          "Gong rejected " + endpoint.path() + " (" + status + "): " + gongMessage,
          null);
    }
  }
}
