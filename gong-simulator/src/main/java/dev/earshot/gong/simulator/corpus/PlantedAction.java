package dev.earshot.gong.simulator.corpus;

/**
 * Ground truth: an action item agreed on a call, and the sentence that agrees it.
 *
 * @param speakerId who says the sentence
 * @param side who owns the action: {@code Internal} (our side) or {@code External} (the
 *     customer's); the speaker's own side for a promise or a proposal, the other side for a request
 * @param what what is to be done, as a phrase starting with its verb
 * @param due when, as the words said, or null when no time is said
 * @param sentence the exact sentence said
 * @param planted true for an action planted by {@link Corpus#withPlantedActions}, false for one the
 *     corpus's ordinary talk already holds (the rep's "I'll follow up with a summary")
 */
public record PlantedAction(
    String speakerId, String side, String what, String due, String sentence, boolean planted) {}
