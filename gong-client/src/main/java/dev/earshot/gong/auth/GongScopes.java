package dev.earshot.gong.auth;

import java.util.Set;
import java.util.TreeSet;

/** The OAuth scopes Earshot needs, and what is missing from a grant. */
public final class GongScopes {

  public static final String CALLS_BASIC = "api:calls:read:basic";
  public static final String CALLS_EXTENSIVE = "api:calls:read:extensive";
  public static final String CALLS_TRANSCRIPT = "api:calls:read:transcript";
  public static final String USERS = "api:users:read";

  public static final Set<String> REQUIRED =
      Set.of(CALLS_BASIC, CALLS_EXTENSIVE, CALLS_TRANSCRIPT, USERS);

  private GongScopes() {}

  /** Required scopes absent from the granted ones, sorted for stable messages. */
  public static Set<String> missingFrom(Set<String> granted) {
    Set<String> missing = new TreeSet<>(REQUIRED);
    missing.removeAll(granted);
    return missing;
  }
}
