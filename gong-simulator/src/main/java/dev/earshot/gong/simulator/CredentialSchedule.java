package dev.earshot.gong.simulator;

import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The scheduled failures of {@link Realism#quotaAndRevocation()}: counts each credential's
 * authenticated API requests and says when one of them must be revoked, must find its daily quota
 * spent, or must be refused 403 without a scope. Each event fires once per run, for the first
 * credential past its count; requests up to the count are served normally.
 */
final class CredentialSchedule {

  /** What a request sets off. */
  enum Event {
    /** the credential is revoked now; this request already gets 401 */
    REVOKE,
    /** the credential's daily quota is spent now; this request already gets 429 */
    EXHAUST_QUOTA,
    /** this request is answered 403 naming no scope */
    FORBID
  }

  private final Realism realism;
  private final Map<String, Long> counts = new HashMap<>();
  private final Map<Event, String> firedFor = new LinkedHashMap<>();
  private int forbiddenLeft;

  CredentialSchedule(Realism realism) {
    this.realism = realism;
  }

  /** Counts one authenticated request of {@code credential}; returns what it sets off. */
  synchronized Set<Event> onRequest(String credential) {
    long n = counts.merge(credential, 1L, Long::sum);
    Set<Event> events = EnumSet.noneOf(Event.class);
    if (!realism.quotaAndRevocation()) {
      return events;
    }
    if (due(Event.REVOKE, realism.revokedAfter(), n, credential)) {
      events.add(Event.REVOKE);
    }
    if (due(Event.FORBID, realism.forbiddenAfter(), n, credential)) {
      forbiddenLeft = realism.forbiddenRequests();
    }
    if (due(Event.EXHAUST_QUOTA, realism.quotaExhaustedAfter(), n, credential)) {
      events.add(Event.EXHAUST_QUOTA);
    }
    if (credential.equals(firedFor.get(Event.FORBID)) && forbiddenLeft > 0) {
      forbiddenLeft--;
      events.add(Event.FORBID);
    }
    return events;
  }

  private boolean due(Event event, long after, long n, String credential) {
    if (after <= 0 || n <= after || firedFor.containsKey(event)) {
      return false;
    }
    firedFor.put(event, credential);
    return true;
  }

  /** Counts per credential and which events fired for whom, for {@code GET /admin/realism}. */
  synchronized Map<String, Object> describe() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("requests_by_credential", new TreeMap<>(counts));
    Map<String, Object> fired = new LinkedHashMap<>();
    for (Event event : Event.values()) {
      fired.put(event.name().toLowerCase(java.util.Locale.ROOT), firedFor.get(event));
    }
    out.put("fired_for", fired);
    out.put("forbidden_left", forbiddenLeft);
    return out;
  }
}
