package dev.earshot.gong.api;

import java.util.List;

/** One page of {@code POST /v2/calls/transcript}. */
public record TranscriptPage(
    String requestId, PageInfo records, List<CallTranscript> callTranscripts) {

  public TranscriptPage {
    callTranscripts = callTranscripts == null ? List.of() : List.copyOf(callTranscripts);
  }
}
