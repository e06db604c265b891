package dev.earshot.gong.client;

import java.time.Duration;
import java.util.Optional;

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

  /** 403: the credentials lack a scope; {@link #missingScope()} names it. */
  public static final class Forbidden extends GongApiException {
    private final String missingScope;

    Forbidden(GongEndpoint endpoint, String requestId, String gongMessage) {
      super(
          endpoint,
          403,
          requestId,
          "Gong refused "
              + endpoint.path()
              + " for lack of scope "
              + endpoint.scope()
              + ": "
              + gongMessage,
          null);
      this.missingScope = endpoint.scope();
    }

    public String missingScope() {
      return missingScope;
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
