package dev.earshot.ingest.connection;

/** How Earshot authenticates to a workspace. */
public enum AuthKind {
  OAUTH,
  API_KEY
}
