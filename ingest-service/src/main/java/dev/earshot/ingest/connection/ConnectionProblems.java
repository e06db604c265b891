package dev.earshot.ingest.connection;

import dev.earshot.kit.web.ApiProblem;
import java.util.Map;
import java.util.Set;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Every error a connecting admin can meet, each with what happened and how to fix it; and the
 * answers to the connection domain's own refusals ({@link BackfillWindow.Invalid}), wherever a
 * request meets them. Ordered before service-kit's catch-all, which would answer them with a 500.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public final class ConnectionProblems {

  ConnectionProblems() {}

  /** A backfill window outside 1..60 days: 400 {@code invalid-backfill-window}. */
  @ExceptionHandler(BackfillWindow.Invalid.class)
  ResponseEntity<ProblemDetail> invalidBackfillWindow(BackfillWindow.Invalid invalid) {
    return new ApiProblem(
            HttpStatus.BAD_REQUEST,
            "invalid-backfill-window",
            "Invalid backfill window",
            invalid.getMessage())
        .response();
  }

  public static ApiProblem notAnApiKeyConnection() {
    return new ApiProblem(
        HttpStatus.BAD_REQUEST,
        "not-an-api-key-connection",
        "Not an API-key connection",
        "This connection uses OAuth; reconnect through Gong to change its credentials.");
  }

  public static ApiProblem noConnection() {
    return new ApiProblem(
        HttpStatus.NOT_FOUND,
        "no-connection",
        "No Gong connection",
        "This org has no Gong connection. Connect one with an API key or OAuth.");
  }

  public static ApiProblem alreadyConnected() {
    return new ApiProblem(
        HttpStatus.CONFLICT,
        "already-connected",
        "Already connected",
        "This org is already connected to Gong. Edit the connection, or disconnect it first.");
  }

  public static ApiProblem workspaceLinkedElsewhere() {
    return new ApiProblem(
        HttpStatus.CONFLICT,
        "workspace-linked-to-another-org",
        "Workspace already linked",
        "This Gong workspace is connected to another Earshot org. A workspace can belong to one org only;"
            + " disconnect it there first.");
  }

  public static ApiProblem invalidBaseUrl(String reason) {
    return new ApiProblem(
        HttpStatus.BAD_REQUEST,
        "invalid-base-url",
        "Invalid Gong base URL",
        "The base URL was refused: "
            + reason
            + ". Use the API base URL shown on Gong's API page (Company settings > Ecosystem >"
            + " API), such as https://api.gong.io or https://<your-id>.api.gong.io.");
  }

  /**
   * Gong refused credentials an admin submitted (nothing was stored or changed): the detail is the
   * refusal's reason, which keeps Gong's message and says what to fix (field case 10).
   */
  public static ApiProblem gongRefused(Refusal.Held refusal) {
    return switch (refusal.status()) {
      case INSUFFICIENT_SCOPE ->
          new ApiProblem(
              HttpStatus.UNPROCESSABLE_CONTENT,
              "gong-missing-scope",
              "Gong named a missing scope",
              refusal.reason());
      case FORBIDDEN ->
          new ApiProblem(
              HttpStatus.UNPROCESSABLE_CONTENT,
              "gong-forbidden",
              "Gong refused the request",
              refusal.reason());
      default ->
          new ApiProblem(
              HttpStatus.UNPROCESSABLE_CONTENT,
              "gong-rejected-credentials",
              "Gong rejected the credentials",
              refusal.reason());
    };
  }

  public static ApiProblem gongRateLimited(java.time.Instant until) {
    return new ApiProblem(
        HttpStatus.SERVICE_UNAVAILABLE,
        "gong-rate-limited",
        "Gong's quota is spent",
        "Gong answered 429: its API quota for this company is spent until "
            + until
            + ". Try again after that.",
        Map.of("retryAt", until.toString()));
  }

  public static ApiProblem gongUnavailable(String detail) {
    return new ApiProblem(
        HttpStatus.BAD_GATEWAY,
        "gong-unavailable",
        "Gong is unavailable",
        "Gong could not be reached or failed (" + detail + "). Try again in a few minutes.");
  }

  public static ApiProblem invalidState() {
    return new ApiProblem(
        HttpStatus.BAD_REQUEST,
        "invalid-oauth-state",
        "Invalid or expired OAuth state",
        "This sign-in link is forged, expired (they last 10 minutes) or was already used. Start connecting again.");
  }

  public static ApiProblem oauthBrowserMismatch() {
    return new ApiProblem(
        HttpStatus.FORBIDDEN,
        "oauth-browser-mismatch",
        "Consent link opened in another browser",
        "This Gong consent link was opened in a browser other than the one that started connecting"
            + " (or that browser's cookie expired or was blocked), so Earshot did not connect"
            + " anything. Start connecting again from Earshot and approve in the same browser;"
            + " never forward a Gong consent link to someone else: it would connect their"
            + " workspace to your org.");
  }

  public static ApiProblem oauthClientNotActivated() {
    return new ApiProblem(
        HttpStatus.BAD_REQUEST,
        "oauth-client-not-activated",
        "OAuth app not activated",
        "Gong answered unauthorized_client: the OAuth app is not activated yet. Ask Gong to activate it, or"
            + " connect with an API key meanwhile.");
  }

  public static ApiProblem consentDenied(String error) {
    return new ApiProblem(
        HttpStatus.BAD_REQUEST,
        "oauth-consent-denied",
        "Gong did not grant access",
        "Gong returned '"
            + error
            + "' instead of a code. Start connecting again and choose Allow.");
  }

  public static ApiProblem exchangeFailed(String gongMessage) {
    String fix =
        gongMessage.contains("redirect_uri")
            ? " The redirect URI registered with the Gong app must be exactly this service's callback URL."
            : " Start connecting again.";
    return new ApiProblem(
        HttpStatus.BAD_REQUEST,
        "oauth-exchange-failed",
        "Gong refused the code exchange",
        "Gong refused to exchange the code: " + gongMessage + "." + fix);
  }

  public static ApiProblem gongApiHostUnknown(String fallback, String gongMessage) {
    return new ApiProblem(
        HttpStatus.BAD_GATEWAY,
        "gong-api-host-unknown",
        "Gong did not return your API host",
        "Gong's token answer has no api_base_url_for_customer, and "
            + fallback
            + " refused the new tokens ("
            + gongMessage
            + "): your Gong company is probably served by a regional host. Nothing was stored."
            + " Connect with an access key and the API base URL shown on Gong's API page"
            + " (Company settings > Ecosystem > API) instead.");
  }

  public static ApiProblem gongReturnedInvalidApiHost(String reason) {
    return new ApiProblem(
        HttpStatus.BAD_GATEWAY,
        "gong-returned-invalid-api-host",
        "Gong returned an unusable API host",
        "Gong's token answer names an API host Earshot refuses ("
            + reason
            + "). Nothing was stored; connect with an access key and the API base URL shown on"
            + " Gong's API page instead.");
  }

  public static ApiProblem redirectUriMismatch() {
    return new ApiProblem(
        HttpStatus.BAD_REQUEST,
        "redirect-uri-mismatch",
        "Redirect URI mismatch",
        "Gong reported redirect_uri_mismatch. Register this service's callback URL exactly in the Gong OAuth app.");
  }

  public static ApiProblem noOAuthClient() {
    return new ApiProblem(
        HttpStatus.BAD_REQUEST,
        "no-oauth-client",
        "No OAuth app configured",
        "This deployment has no Gong OAuth app. Paste your app's client id and secret, or use an API key.");
  }

  public static ApiProblem insufficientScope(Set<String> missing) {
    return new ApiProblem(
        HttpStatus.FORBIDDEN,
        "insufficient-scope",
        "Insufficient Gong scope",
        "The Gong grant lacks "
            + String.join(", ", missing)
            + ". Add the scope to the Gong app and connect again.",
        Map.of("missingScopes", missing));
  }

  public static ApiProblem notUsable(ConnectionState status) {
    return new ApiProblem(
        HttpStatus.CONFLICT,
        "connection-not-usable",
        "WorkspaceConnection cannot be used",
        "The Gong connection is "
            + status.apiName()
            + "; fix it (reconnect or grant the missing scopes) first.");
  }
}
