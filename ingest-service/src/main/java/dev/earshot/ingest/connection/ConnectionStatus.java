package dev.earshot.ingest.connection;

import java.util.Locale;

/** Lifecycle of a connection, as the API shows it (lower case). */
public enum ConnectionStatus {
  CONNECTED,
  INSUFFICIENT_SCOPE,
  UNAUTHORIZED,
  WEBHOOK_SUBSCRIPTION_FAILED,
  DISCONNECTED;

  public String apiName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
