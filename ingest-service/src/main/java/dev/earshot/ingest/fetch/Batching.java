package dev.earshot.ingest.fetch;

import java.time.Duration;
import java.time.Instant;

/**
 * When due calls make a batch: as soon as a full batch (Gong's 100 ids) is due, or once the oldest
 * due call has waited {@code maxWait} — so calls arriving one by one share requests without waiting
 * long.
 */
record Batching(int size, Duration maxWait) {

  boolean ready(int due, Instant oldestDueSince, Instant now) {
    return due >= size || !oldestDueSince.isAfter(now.minus(maxWait));
  }
}
