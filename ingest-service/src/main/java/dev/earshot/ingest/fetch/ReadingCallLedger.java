package dev.earshot.ingest.fetch;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;

/** What the call ledger holds for a connection, as the ingestion API shows it. */
@Service
public class ReadingCallLedger {

  private final CallLedger ledger;

  ReadingCallLedger(CallLedger ledger) {
    this.ledger = ledger;
  }

  /** The connection's calls by state (every state present, zero when none). */
  public Map<CallState, Long> countsByState(UUID connectionId) {
    return ledger.countsByState(connectionId);
  }

  /**
   * How many of the connection's published calls are still re-checked for Gong's brief (published
   * before Gong wrote it).
   */
  public long summariesPending(UUID connectionId) {
    return ledger.summaryPending(connectionId);
  }

  /** The connection's most recently parked failed calls, newest first, at most {@code limit}. */
  public List<FailedCall> latestFailed(UUID connectionId, int limit) {
    return ledger.latestFailed(connectionId, limit);
  }
}
