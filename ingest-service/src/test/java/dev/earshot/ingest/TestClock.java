package dev.earshot.ingest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The service's clock in tests: the system's until a test sets it, then fixed at that instant until
 * moved or reset, so scheduled-loop logic can be driven through hours in milliseconds.
 */
public final class TestClock extends Clock {

  private volatile Instant fixed;

  @Override
  public Instant instant() {
    Instant at = fixed;
    return at != null ? at : Instant.now();
  }

  /** Stops the clock at {@code at}. */
  public void set(Instant at) {
    fixed = at;
  }

  /** Moves a stopped clock forward (or stops a running one there). */
  public void advance(Duration by) {
    fixed = instant().plus(by);
  }

  /** Back to the system's time. */
  public void reset() {
    fixed = null;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }
}
