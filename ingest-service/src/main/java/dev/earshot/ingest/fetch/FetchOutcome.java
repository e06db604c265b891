package dev.earshot.ingest.fetch;

import dev.earshot.events.Call;

/** What fetching one call came to. */
sealed interface FetchOutcome
    permits FetchOutcome.Fetched,
        FetchOutcome.TranscriptPending,
        FetchOutcome.PrivateCall,
        FetchOutcome.NotFound {

  /** Metadata and transcript are in: publish. */
  record Fetched(Call call) implements FetchOutcome {}

  /** Gong has the call but not its transcript yet: keep the metadata, retry later. */
  record TranscriptPending(String extensiveJson) implements FetchOutcome {}

  /** The metadata says private: nothing more is ever requested for it. */
  record PrivateCall() implements FetchOutcome {}

  /** Gong returned nothing for the id (not analysed yet, or deleted): retry later. */
  record NotFound() implements FetchOutcome {}
}
