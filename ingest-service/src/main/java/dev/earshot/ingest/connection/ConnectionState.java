package dev.earshot.ingest.connection;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * Lifecycle of a connection, as the API shows it (lower case) in its {@code status} field; on
 * gong.connections.v1 it is the event's {@code ConnectionStatus} ({@link
 * ConnectionStatePublisher#topicStatus}).
 */
public enum ConnectionState {
  /** Gong accepts the credentials. */
  CONNECTED,
  /** Gong named a scope the credentials lack (or the OAuth grant lacks one Earshot needs). */
  INSUFFICIENT_SCOPE,
  /** Gong refused the credentials (401): expired, deleted or revoked. */
  UNAUTHORIZED,
  /**
   * Gong refused a request without naming a scope (a 403): usually the wrong regional API host or,
   * for access keys, Gong's trusted-IP setting. Published on gong.connections.v1 as {@code
   * UNAUTHORIZED}: the topic's enum has no such symbol, and adding one needs consumers deployed
   * first (readers refuse unknown writer schemas).
   */
  FORBIDDEN,
  /** Webhooks could not be subscribed; polling and fetching still work. */
  WEBHOOK_SUBSCRIPTION_FAILED,
  /** An admin disconnected it; its credentials are deleted. */
  DISCONNECTED;

  private static final Set<ConnectionState> HELD =
      EnumSet.of(INSUFFICIENT_SCOPE, UNAUTHORIZED, FORBIDDEN);

  /**
   * Whether Earshot may call Gong through it: a failed webhook subscription leaves polling working.
   */
  public boolean usable() {
    return this == CONNECTED || this == WEBHOOK_SUBSCRIPTION_FAILED;
  }

  /** Whether Gong's refusal holds it until an admin fixes it (a health check or an edit). */
  public boolean held() {
    return HELD.contains(this);
  }

  public String apiName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
