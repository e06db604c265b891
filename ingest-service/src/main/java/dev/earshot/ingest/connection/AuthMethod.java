package dev.earshot.ingest.connection;

/**
 * How Earshot authenticates to a workspace (the API's {@code authKind} field; the event's {@code
 * AuthKind} on gong.connections.v1).
 */
public enum AuthMethod {
  OAUTH,
  API_KEY
}
