package dev.earshot.gong.simulator;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Gong API access keys (Basic auth): the configured one at start, more issued by an admin, and
 * revoked ones, which Gong refuses with "access token has been revoked" (field case 09) rather than
 * as unknown. A revoked key never works again.
 */
final class AccessKeys {

  /** What presenting a key and secret amounts to. */
  enum Check {
    VALID,
    REVOKED,
    UNKNOWN
  }

  private final Map<String, String> active = new LinkedHashMap<>();
  private final Set<String> revoked = ConcurrentHashMap.newKeySet();
  private final SecureRandom random = new SecureRandom();

  AccessKeys(String key, String secret) {
    active.put(key, secret);
  }

  synchronized Check check(String key, String secret) {
    if (secret.equals(active.get(key))) {
      return Check.VALID;
    }
    return revoked.contains(key) ? Check.REVOKED : Check.UNKNOWN;
  }

  /** The newest working key, if any. */
  synchronized AccessKey current() {
    return active.entrySet().stream()
        .reduce((first, second) -> second)
        .map(e -> new AccessKey(e.getKey(), e.getValue()))
        .orElse(null);
  }

  /** Creates a key as a Gong admin does: returned once, working at once. */
  synchronized AccessKey issue() {
    byte[] bytes = new byte[16];
    random.nextBytes(bytes);
    String key = HexFormat.of().formatHex(bytes).toUpperCase(java.util.Locale.ROOT);
    random.nextBytes(bytes);
    String secret = "secret-" + HexFormat.of().formatHex(bytes);
    active.put(key, secret);
    return new AccessKey(key, secret);
  }

  /** Revokes one key; false when it was not active. */
  synchronized boolean revoke(String key) {
    if (active.remove(key) == null) {
      return false;
    }
    revoked.add(key);
    return true;
  }

  /** Revokes every active key; returns the keys revoked. */
  synchronized List<String> revokeAll() {
    List<String> keys = List.copyOf(active.keySet());
    keys.forEach(this::revoke);
    return keys;
  }

  synchronized Map<String, Object> describe() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("active", List.copyOf(active.keySet()));
    out.put("revoked", List.copyOf(revoked));
    return out;
  }
}
