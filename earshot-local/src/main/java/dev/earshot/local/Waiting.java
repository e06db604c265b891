package dev.earshot.local;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Polls a condition until it holds or time runs out (then the --once run fails, saying what); a
 * part of the stack that died ({@link LocalContext#checkAlive}) fails it at once.
 */
final class Waiting {

  private Waiting() {}

  static void until(LocalContext local, BooleanSupplier condition, Duration timeout, String what) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      local.checkAlive();
      boolean holds;
      try {
        holds = condition.getAsBoolean();
      } catch (RuntimeException e) {
        // a service that stopped answering may have died: say so rather than what failed
        pause(1000, what);
        local.checkAlive();
        throw e;
      }
      if (holds) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(what + " did not settle within " + timeout);
      }
      pause(200, what);
    }
  }

  private static void pause(long millis, String what) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for " + what, e);
    }
  }
}
