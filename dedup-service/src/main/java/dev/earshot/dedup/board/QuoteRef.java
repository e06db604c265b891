package dev.earshot.dedup.board;

/**
 * A verbatim customer quote kept on a mention, with where it is in the recording.
 *
 * @param text what was said
 * @param startMs start in the recording
 * @param endMs end in the recording
 * @param speakerName who said it, when known
 */
public record QuoteRef(String text, long startMs, long endMs, String speakerName) {}
