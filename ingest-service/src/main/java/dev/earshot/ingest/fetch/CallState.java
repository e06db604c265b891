package dev.earshot.ingest.fetch;

/** Where a call is in the ledger. */
public enum CallState {
  /** Seen, metadata not fetched yet. */
  NEW,
  /** Metadata fetched, Gong has no transcript yet: retried with backoff. */
  AWAITING_TRANSCRIPT,
  /** On gong.calls.v1. */
  PUBLISHED,
  /** Private: never fetched beyond the metadata that says so. */
  PRIVATE,
  /** The transcript never came within the configured age. */
  GAVE_UP,
  /**
   * It could not become a {@code Call} record (unreadable, too large, not encodable) in the
   * configured number of attempts; {@code failure_reason} says why. Its batch-mates went on.
   */
  FAILED
}
