package dev.earshot.extraction.call;

/**
 * One transcribed sentence with its speaker.
 *
 * @param index position in the call, from 0
 * @param turn index of the speaker turn it belongs to
 */
public record Utterance(
    int index, int turn, Speaker speaker, String text, long startMs, long endMs) {}
