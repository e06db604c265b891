package dev.earshot.ingest.connection;

import java.util.Locale;

/** Lifecycle of a connection, as the API shows it (lower case). */
public enum ConnectionStatus {
  CONNECTED,
  INSUFFICIENT_SCOPE,
  UNAUTHORIZED,
  WEBHOOK_SUBSCRIPTION_FAILED,
  DISCONNECTED;

  /**
   * Whether Earshot may call Gong through it: a failed webhook subscription leaves polling working.
   */
  public boolean usable() {
    return this == CONNECTED || this == WEBHOOK_SUBSCRIPTION_FAILED;
  }

  public String apiName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
