package dev.earshot.ingest.fetch;

import dev.earshot.events.Call;
import java.util.List;

/** What fetching one call came to. */
sealed interface FetchOutcome
    permits FetchOutcome.Fetched,
        FetchOutcome.TranscriptPending,
        FetchOutcome.PrivateCall,
        FetchOutcome.NotFound,
        FetchOutcome.Unfit,
        FetchOutcome.StillNoSummary {

  /**
   * Metadata and transcript are in, and the call encodes within the topic's limit: publish.
   *
   * @param dropped CRM values left out of the call (see {@link
   *     dev.earshot.gong.calls.CallAssembly.Assembled})
   */
  record Fetched(Call call, int bytes, List<String> dropped) implements FetchOutcome {}

  /** Gong has the call but not its transcript yet: keep the metadata, retry later. */
  record TranscriptPending(String extensiveJson) implements FetchOutcome {}

  /**
   * Not to be read: nothing more is ever requested for it.
   *
   * @param stage the metric's stage: {@code metadata} (Gong said private) or {@code
   *     metadata_unflagged} (its extensive metadata still lacked {@code isPrivate})
   */
  record PrivateCall(String stage) implements FetchOutcome {
    static final PrivateCall SAID_PRIVATE = new PrivateCall("metadata");
    static final PrivateCall NOT_SAID_PUBLIC = new PrivateCall("metadata_unflagged");
  }

  /** Gong returned nothing for the id (not analysed yet, or deleted): retry later. */
  record NotFound() implements FetchOutcome {}

  /**
   * This call cannot become a {@code Call} record now; its batch-mates go on without it. Retried
   * with backoff a bounded number of times, then parked {@code FAILED}.
   *
   * @param kind a metric tag: {@code unreadable_metadata}, {@code unreadable_transcript}, {@code
   *     assembly}, {@code serialization}, {@code too_large} or {@code refused_by_kafka}
   * @param reason what went wrong, for the ledger and the API (no call content)
   */
  record Unfit(String kind, String reason) implements FetchOutcome {}

  /**
   * A summary re-check: Gong's extensive answer still has no brief, so nothing more was asked (no
   * transcript request) and the call waits for its next re-check.
   */
  record StillNoSummary() implements FetchOutcome {}
}
