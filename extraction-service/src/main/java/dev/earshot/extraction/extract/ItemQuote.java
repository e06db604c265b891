package dev.earshot.extraction.extract;

/** A verbatim customer sentence with its place in the recording. */
public record ItemQuote(
    String text, long startMs, long endMs, String speakerId, String speakerName) {}
