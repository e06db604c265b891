package dev.earshot.gong.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** Opaque paging cursors bound to one query, expiring after a time to live as Gong's do. */
final class Cursors {

  record Position(String query, int offset, Instant created) {}

  /** Why a cursor could not be used. */
  enum Problem {
    UNKNOWN,
    EXPIRED,
    OTHER_QUERY
  }

  private final Duration ttl;
  private final Map<String, Position> cursors = new ConcurrentHashMap<>();
  private volatile Instant expireBefore = Instant.MIN;
  private final java.util.concurrent.atomic.AtomicInteger forcedExpiries =
      new java.util.concurrent.atomic.AtomicInteger();

  Cursors(Duration ttl) {
    this.ttl = ttl;
  }

  String issue(String query, int offset, Instant now) {
    String cursor = UUID.randomUUID().toString().replace("-", "");
    cursors.put(cursor, new Position(query, offset, now));
    return cursor;
  }

  /** The offset to continue from, or the problem with the cursor. */
  sealed interface Lookup permits Found, Refused {}

  record Found(int offset) implements Lookup {}

  record Refused(Problem problem) implements Lookup {}

  Lookup resolve(String cursor, String query, Instant now) {
    Position position = cursors.get(cursor);
    if (position == null) {
      return new Refused(Problem.UNKNOWN);
    }
    if (forcedExpiries.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      cursors.remove(cursor);
      return new Refused(Problem.EXPIRED);
    }
    if (position.created().plus(ttl).isBefore(now) || position.created().isBefore(expireBefore)) {
      cursors.remove(cursor);
      return new Refused(Problem.EXPIRED);
    }
    if (!position.query().equals(query)) {
      return new Refused(Problem.OTHER_QUERY);
    }
    return new Found(position.offset());
  }

  /** Fault injection: every cursor issued before now is expired. */
  void expireAll(Instant now) {
    expireBefore = now;
  }

  /** Fault injection: the next {@code n} cursors presented are refused as expired. */
  void expireNext(int n) {
    forcedExpiries.set(n);
  }
}
