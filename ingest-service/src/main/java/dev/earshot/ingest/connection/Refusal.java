package dev.earshot.ingest.connection;

import dev.earshot.gong.client.GongApiException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What a Gong refusal means for a connection: the one mapping from Gong's answers to connection
 * state, used by the background loops, the health check, edits, token refresh and connecting. Pure:
 * no Spring, no I/O.
 *
 * <ul>
 *   <li>a refresh the token endpoint refused (4xx: {@code invalid_grant}, {@code invalid_client}) →
 *       {@link ConnectionState#UNAUTHORIZED}: a refresh failure is permanent (NangoHQ "Token
 *       refresh error from the external API").
 *   <li>401 ({@link GongApiException.Unauthorized}): the credentials are dead (expired, deleted or
 *       revoked key; revoked grant; or a non-US tenant's token sent to the wrong region) → {@link
 *       ConnectionState#UNAUTHORIZED} (field case 09: Nango's Gong guide, amp-labs #3000).
 *   <li>403, or a 401 whose text names a scope ({@link GongApiException.Forbidden}), naming a scope
 *       → {@link ConnectionState#INSUFFICIENT_SCOPE} naming it (Pipedream #16062).
 *   <li>the same naming no scope → {@link ConnectionState#FORBIDDEN}: usually the wrong regional
 *       host or, for access keys, Gong's trusted-IP setting (field case 10: dust-tt #27851).
 *   <li>429 whose {@code Retry-After} is longer than the client waits ({@link
 *       GongApiException.RateLimited}, Gong's daily quota answers hours; help.gong.io "API limits")
 *       → a pause until then; the status does not change.
 *   <li>anything else (5xx, timeouts, bad requests, short 429s) is not a refusal: the caller
 *       retries later.
 * </ul>
 */
public sealed interface Refusal {

  /** Gong's refusal as connection state; empty when the failure says nothing about it. */
  static Optional<Refusal> of(GongApiException failure, AuthMethod authKind, Duration clientWaits) {
    return Optional.ofNullable(
        switch (failure) {
          case GongApiException.Unauthorized refused when refused.endpoint() == TOKEN ->
              new Held(ConnectionState.UNAUTHORIZED, refreshReason(refused));
          case GongApiException.Rejected refused when refused.endpoint() == TOKEN ->
              new Held(ConnectionState.UNAUTHORIZED, refreshReason(refused));
          case GongApiException.Unauthorized revoked ->
              new Held(ConnectionState.UNAUTHORIZED, revokedReason(revoked, authKind));
          case GongApiException.Forbidden forbidden ->
              forbidden
                  .missingScope()
                  .<Refusal>map(
                      scope ->
                          new Held(
                              ConnectionState.INSUFFICIENT_SCOPE,
                              scopeReason(forbidden, scope, authKind)))
                  .orElseGet(
                      () ->
                          new Held(
                              ConnectionState.FORBIDDEN, forbiddenReason(forbidden, authKind)));
          case GongApiException.RateLimited limited
              when limited.retryAfter().compareTo(clientWaits) > 0 ->
              new Paused(limited.retryAfter());
          default -> null;
        });
  }

  /**
   * The connection moves to {@code status} (one of {@link ConnectionState#held()}) with a reason
   * that keeps Gong's own message and says what to fix.
   */
  record Held(ConnectionState status, String reason) implements Refusal {}

  /**
   * Gong asked to wait longer than the client does: nothing calls Gong through the connection for
   * {@code retryAfter}.
   */
  record Paused(Duration retryAfter) implements Refusal {

    /** {@code now} + Retry-After, rounded up to a whole second (readable, never early). */
    public Instant until(Instant now) {
      Instant until = now.plus(retryAfter);
      return until.getNano() == 0
          ? until
          : until.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).plusSeconds(1);
    }

    static String reason(Instant until) {
      return "rate limited by Gong until " + until;
    }
  }

  dev.earshot.gong.client.GongEndpoint TOKEN = dev.earshot.gong.client.GongEndpoint.OAUTH_TOKEN;

  /** The regional-host hint Gong's API page answers (field case 10, amp-labs #3000). */
  String REGIONAL_HOST_HINT =
      "If your Gong company is outside the US, use the API base URL shown on Gong's API page"
          + " (Company settings > Ecosystem > API), such as https://us-12345.api.gong.io.";

  /**
   * Gong's token endpoint refused a refresh ({@code invalid_grant}: the grant was revoked or the
   * refresh token is dead; {@code invalid_client}: the app's secret changed). Retrying does not
   * help.
   */
  private static String refreshReason(GongApiException refused) {
    return "Gong refused the token refresh ("
        + refused.getMessage()
        + "). Connect again through Gong's consent screen.";
  }

  private static String revokedReason(GongApiException.Unauthorized revoked, AuthMethod authKind) {
    String fix =
        authKind == AuthMethod.API_KEY
            ? " The access key may have expired, been deleted or be limited to other IPs. Copy them"
                + " again from Gong's Company settings > Ecosystem > API page and edit the"
                + " connection. "
            : " The OAuth grant was revoked or has expired: connect again through Gong's consent"
                + " screen. ";
    return revoked.getMessage() + "." + fix + REGIONAL_HOST_HINT;
  }

  private static String scopeReason(
      GongApiException.Forbidden forbidden, String scope, AuthMethod authKind) {
    String where =
        authKind == AuthMethod.API_KEY
            ? "Allow it for the access key in Gong (Company settings > Ecosystem > API)"
            : "Add it to the Gong OAuth app and connect again";
    return "missing scope "
        + scope
        + ": Gong refused "
        + forbidden.endpoint().path()
        + " ('"
        + forbidden.gongMessage()
        + "'). "
        + where
        + ", then run a health check.";
  }

  private static String forbiddenReason(GongApiException.Forbidden forbidden, AuthMethod authKind) {
    return "Gong refused "
        + forbidden.endpoint().path()
        + " ("
        + forbidden.status()
        + ") without naming a scope: '"
        + forbidden.gongMessage()
        + "'. Check that the base URL is your company's regional API host (shown on Gong's API"
        + " page)"
        + (authKind == AuthMethod.API_KEY
            ? " and that Gong's trusted-IP setting for this access key allows Earshot."
            : ".");
  }
}
