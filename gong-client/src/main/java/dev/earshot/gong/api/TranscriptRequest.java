package dev.earshot.gong.api;

/** Body of {@code POST /v2/calls/transcript}. */
public record TranscriptRequest(CallsFilter filter, String cursor) {

  public TranscriptRequest withCursor(String next) {
    return new TranscriptRequest(filter, next);
  }
}
