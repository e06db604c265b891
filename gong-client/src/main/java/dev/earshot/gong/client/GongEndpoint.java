package dev.earshot.gong.client;

import dev.earshot.gong.auth.GongScopes;

/** The Gong endpoints Earshot calls, with the OAuth scope each one needs. */
public enum GongEndpoint {
  USERS("/v2/users", GongScopes.USERS),
  CALLS("/v2/calls", GongScopes.CALLS_BASIC),
  CALLS_EXTENSIVE("/v2/calls/extensive", GongScopes.CALLS_EXTENSIVE),
  CALLS_TRANSCRIPT("/v2/calls/transcript", GongScopes.CALLS_TRANSCRIPT),
  OAUTH_TOKEN("/oauth2/generate-customer-token", ""),
  /**
   * Any read an admin forwards through ingest-service's Gong proxy ({@code
   * dev.earshot.gong.proxy.GongReadOperations}); its scope depends on the operation.
   */
  PROXIED_READ("/v2", "");

  private final String path;
  private final String scope;

  GongEndpoint(String path, String scope) {
    this.path = path;
    this.scope = scope;
  }

  public String path() {
    return path;
  }

  public String scope() {
    return scope;
  }

  /** Metric tag value. */
  public String tag() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
