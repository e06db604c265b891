package dev.earshot.ingest.connection;

import dev.earshot.kit.web.ApiProblem;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpStatus;

/** Every error a connecting admin can meet, each with what happened and how to fix it. */
final class ConnectionProblems {

  private ConnectionProblems() {}

  static ApiProblem noConnection() {
    return new ApiProblem(
        HttpStatus.NOT_FOUND,
        "no-connection",
        "No Gong connection",
        "This org has no Gong connection. Connect one with an API key or OAuth.");
  }

  static ApiProblem alreadyConnected() {
    return new ApiProblem(
        HttpStatus.CONFLICT,
        "already-connected",
        "Already connected",
        "This org is already connected to Gong. Edit the connection, or disconnect it first.");
  }

  static ApiProblem workspaceLinkedElsewhere() {
    return new ApiProblem(
        HttpStatus.CONFLICT,
        "workspace-linked-to-another-org",
        "Workspace already linked",
        "This Gong workspace is connected to another Earshot org. A workspace can belong to one org only;"
            + " disconnect it there first.");
  }

  static ApiProblem invalidBaseUrl(String reason) {
    return new ApiProblem(
        HttpStatus.BAD_REQUEST,
        "invalid-base-url",
        "Invalid Gong base URL",
        "The base URL was refused: "
            + reason
            + ". Use your Gong API host, e.g. https://us-12345.api.gong.io.");
  }

  /**
   * Gong refused credentials an admin submitted (nothing was stored or changed): the detail is the
   * refusal's reason, which keeps Gong's message and says what to fix (field case 10).
   */
  static ApiProblem gongRefused(Refusal.Held refusal) {
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

  static ApiProblem gongRateLimited(java.time.Instant until) {
    return new ApiProblem(
        HttpStatus.SERVICE_UNAVAILABLE,
        "gong-rate-limited",
        "Gong's quota is spent",
        "Gong answered 429: its API quota for this company is spent until "
            + until
            + ". Try again after that.",
        Map.of("retryAt", until.toString()));
  }

  static ApiProblem gongUnavailable(String detail) {
    return new ApiProblem(
        HttpStatus.BAD_GATEWAY,
        "gong-unavailable",
        "Gong is unavailable",
        "Gong could not be reached or failed (" + detail + "). Try again in a few minutes.");
  }

  static ApiProblem invalidState() {
    return new ApiProblem(
        HttpStatus.BAD_REQUEST,
        "invalid-oauth-state",
        "Invalid or expired OAuth state",
        "This sign-in link is forged, expired (they last 10 minutes) or was already used. Start connecting again.");
  }

  static ApiProblem oauthClientNotActivated() {
    return new ApiProblem(
        HttpStatus.BAD_REQUEST,
        "oauth-client-not-activated",
        "OAuth app not activated",
        "Gong answered unauthorized_client: the OAuth app is not activated yet. Ask Gong to activate it, or"
            + " connect with an API key meanwhile.");
  }

  static ApiProblem consentDenied(String error) {
    return new ApiProblem(
        HttpStatus.BAD_REQUEST,
        "oauth-consent-denied",
        "Gong did not grant access",
        "Gong returned '"
            + error
            + "' instead of a code. Start connecting again and choose Allow.");
  }

  static ApiProblem exchangeFailed(String gongMessage) {
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

  static ApiProblem redirectUriMismatch() {
    return new ApiProblem(
        HttpStatus.BAD_REQUEST,
        "redirect-uri-mismatch",
        "Redirect URI mismatch",
        "Gong reported redirect_uri_mismatch. Register this service's callback URL exactly in the Gong OAuth app.");
  }

  static ApiProblem noOAuthClient() {
    return new ApiProblem(
        HttpStatus.BAD_REQUEST,
        "no-oauth-client",
        "No OAuth app configured",
        "This deployment has no Gong OAuth app. Paste your app's client id and secret, or use an API key.");
  }

  static ApiProblem insufficientScope(Set<String> missing) {
    return new ApiProblem(
        HttpStatus.FORBIDDEN,
        "insufficient-scope",
        "Insufficient Gong scope",
        "The Gong grant lacks "
            + String.join(", ", missing)
            + ". Add the scope to the Gong app and connect again.",
        Map.of("missingScopes", missing));
  }

  static ApiProblem notUsable(ConnectionStatus status) {
    return new ApiProblem(
        HttpStatus.CONFLICT,
        "connection-not-usable",
        "Connection cannot be used",
        "The Gong connection is "
            + status.apiName()
            + "; fix it (reconnect or grant the missing scopes) first.");
  }
}
