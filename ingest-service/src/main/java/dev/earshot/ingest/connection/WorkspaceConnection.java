package dev.earshot.ingest.connection;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * A stored connection without its secrets: what may be shown. Masks are computed when credentials
 * are written, so reading a connection never decrypts anything. Its state goes out on
 * gong.connections.v1 as the event {@code dev.earshot.events.Connection} ({@link
 * ConnectionStatePublisher#record}).
 *
 * @param id connection id
 * @param orgId owning org
 * @param authKind OAuth or API key
 * @param baseUrl the workspace's API base URL (normalised)
 * @param status lifecycle state
 * @param statusReason why, when not connected
 * @param scopes granted OAuth scopes (API keys: empty)
 * @param maskedKey the access key or OAuth client id, bullets and last four
 * @param maskedSecret the secret, bullets and last four
 * @param tokenExpiresAt OAuth access token expiry
 * @param lastHealth last health check, or null
 * @param webhookKeyHash SHA-256 of the key the webhook URL carries
 * @param webhookPublicKey PEM key Gong signs webhook JWTs with; set when the rule uses signed JWTs
 * @param createdAt creation time
 * @param updatedAt last change
 * @param pausedUntil nothing calls Gong through it before this instant (Gong's daily quota, a long
 *     {@code Retry-After}, or the local quota); null when never paused
 * @param pauseReason why it was paused, e.g. {@code rate limited by Gong until <instant>}
 */
public record WorkspaceConnection(
    UUID id,
    String orgId,
    AuthMethod authKind,
    String baseUrl,
    ConnectionState status,
    String statusReason,
    Set<String> scopes,
    String maskedKey,
    String maskedSecret,
    Instant tokenExpiresAt,
    HealthCheck lastHealth,
    String webhookKeyHash,
    String webhookPublicKey,
    Instant createdAt,
    Instant updatedAt,
    Instant pausedUntil,
    String pauseReason) {

  /** Whether it is paused at {@code now}: a pause ends by itself at {@link #pausedUntil()}. */
  public boolean pausedAt(Instant now) {
    return pausedUntil != null && pausedUntil.isAfter(now);
  }

  /** Whether Earshot may call Gong through it at {@code now}: usable and not paused. */
  public boolean callableAt(Instant now) {
    return status.usable() && !pausedAt(now);
  }
}
