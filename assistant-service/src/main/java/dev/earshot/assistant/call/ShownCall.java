package dev.earshot.assistant.call;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

/**
 * A call as {@code GET /api/v1/calls/{id}} answers it: the call's fields, and where it came from.
 *
 * @param call the call
 * @param source {@value #HELD} (Earshot's read model of {@code gong.calls.v1}) or {@value #GONG}
 *     (not held: read from Gong just now through ingest-service's internal API, not stored; its
 *     speakers' {@code talkSeconds} are 0, as talk time would take the transcript)
 */
public record ShownCall(@JsonUnwrapped HeldCall call, String source) {

  /** From the read model. */
  public static final String HELD = "earshot";

  /** Read from Gong through ingest-service. */
  public static final String GONG = "gong";
}
