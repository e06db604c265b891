package dev.earshot.gong.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The simulator's time: the corpus's "now" plus real elapsed time plus any advance an admin asked
 * for (so late transcripts, token expiry and cursor expiry can be tested without waiting).
 */
final class SimulatorClock {

  private final Instant start;
  private final long startNanos = System.nanoTime();
  private final AtomicLong advancedMillis = new AtomicLong();

  SimulatorClock(Instant start) {
    this.start = start;
  }

  Instant now() {
    return start.plusNanos(System.nanoTime() - startNanos).plusMillis(advancedMillis.get());
  }

  void advance(Duration by) {
    advancedMillis.addAndGet(by.toMillis());
  }
}
