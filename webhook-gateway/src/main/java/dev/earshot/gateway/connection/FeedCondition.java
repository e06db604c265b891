package dev.earshot.gateway.connection;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How far the connection table can be trusted, from which readiness and liveness follow. The feed
 * reports what it sees (started, current as of a moment, failed, ended, stopped); {@link #state()}
 * applies the policies:
 *
 * <ul>
 *   <li>"the table is ready only while it is known to hold everything on the topic": ready once the
 *       feed's position reached end offsets taken at most {@code readyWithin} ago;
 *   <li>"a feed that ended, or was not current for {@code deadAfter}, is dead": liveness fails, so
 *       the orchestrator restarts the replica (a restart re-reads the compacted topic; nothing is
 *       lost, webhooks meanwhile get 503 and Gong retries).
 * </ul>
 *
 * Thread-safe: the feed's threads write, HTTP and health threads read.
 */
final class FeedCondition {

  /** Where the feed is; {@link State} says what follows from it. */
  enum Stage {
    /** Started, not yet confirmed to hold everything on the topic (or the topic is not there). */
    CATCHING_UP,
    /** Confirmed to hold everything on the topic at most {@code readyWithin} ago. */
    CURRENT,
    /** Was current once, but not confirmed for longer than {@code readyWithin}. */
    BEHIND,
    /** Not started, or stopped by the application. */
    STOPPED,
    /** Ended unexpectedly (consumer thread died, topic changed shape): dead for good. */
    ENDED
  }

  /**
   * @param stage where the feed is
   * @param ready whether webhooks may be answered from the table (readiness UP)
   * @param alive false when only a restart can help (liveness DOWN)
   * @param currentAsOf the moment whose end offsets the feed last reached, or null if never
   * @param problem the last failure or the reason it ended, or null
   * @param failures failures since the feed was last current
   */
  record State(
      Stage stage,
      boolean ready,
      boolean alive,
      Instant currentAsOf,
      String problem,
      int failures) {}

  private final Clock clock;
  private final Duration readyWithin;
  private final Duration deadAfter;
  private final AtomicInteger failures = new AtomicInteger();
  private volatile boolean running;
  private volatile Instant startedAt;
  private volatile Instant currentAsOf;
  private volatile String problem;
  private volatile String endedBecause;

  /**
   * @param readyWithin how recently the feed must have been confirmed current to be ready
   * @param deadAfter how long the feed may go without being current before liveness fails
   */
  FeedCondition(Clock clock, Duration readyWithin, Duration deadAfter) {
    this.clock = clock;
    this.readyWithin = readyWithin;
    this.deadAfter = deadAfter;
  }

  void started() {
    startedAt = clock.instant();
    currentAsOf = null;
    problem = null;
    endedBecause = null;
    failures.set(0);
    running = true;
  }

  /** The feed's position reached the end offsets the topic had at {@code asOf}. */
  void current(Instant asOf) {
    Instant last = currentAsOf;
    if (last == null || asOf.isAfter(last)) {
      currentAsOf = asOf;
    }
    failures.set(0);
    problem = null;
  }

  /**
   * An attempt failed (broker unreachable, topic missing, request timed out).
   *
   * @return consecutive failures since the feed was last current, this one included
   */
  int failed(String what) {
    problem = what;
    return failures.incrementAndGet();
  }

  /** The feed cannot go on without a restart. */
  void ended(String because) {
    endedBecause = because;
  }

  void stopped() {
    running = false;
  }

  State state() {
    Instant now = clock.instant();
    Instant asOf = currentAsOf;
    String ended = endedBecause;
    int failed = failures.get();
    if (ended != null) {
      return new State(Stage.ENDED, false, false, asOf, ended, failed);
    }
    if (!running) {
      return new State(Stage.STOPPED, false, true, asOf, problem, failed);
    }
    if (asOf == null) {
      boolean alive = !olderThan(startedAt, now, deadAfter);
      return new State(Stage.CATCHING_UP, false, alive, null, problem, failed);
    }
    if (!olderThan(asOf, now, readyWithin)) {
      return new State(Stage.CURRENT, true, true, asOf, problem, failed);
    }
    return new State(Stage.BEHIND, false, !olderThan(asOf, now, deadAfter), asOf, problem, failed);
  }

  private static boolean olderThan(Instant then, Instant now, Duration limit) {
    return Duration.between(then, now).compareTo(limit) > 0;
  }
}
