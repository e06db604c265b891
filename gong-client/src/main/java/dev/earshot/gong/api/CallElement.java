package dev.earshot.gong.api;

import tools.jackson.databind.JsonNode;

/**
 * One element of a Gong list answer about a call ({@code calls/extensive}'s {@code calls}, {@code
 * calls/transcript}'s {@code callTranscripts}), read on its own: an element Earshot cannot read is
 * reported with the reason instead of making its page-mates unreadable.
 *
 * @param callId the call id the element names ({@code metaData.id} or {@code callId}), or null when
 *     not even that can be read
 * @param json the element exactly as Gong sent it (what a capture of real data keeps)
 * @param value the element read as {@code T}, or null when unreadable
 * @param problem why it could not be read (no input echoed), or null when readable
 * @param <T> {@link ExtensiveCall} or {@link CallTranscript}
 */
public record CallElement<T>(String callId, JsonNode json, T value, String problem) {

  /** Whether {@link #value()} is there. */
  public boolean readable() {
    return value != null;
  }
}
