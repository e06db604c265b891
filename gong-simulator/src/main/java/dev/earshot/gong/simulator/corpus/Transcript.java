package dev.earshot.gong.simulator.corpus;

import java.util.List;

/** A call's transcript in Gong's structure: monologues of timed sentences. */
public record Transcript(List<Monologue> monologues) {

  public record Monologue(String speakerId, String topic, List<Sentence> sentences) {}

  /** Times in milliseconds from the call's start. */
  public record Sentence(long start, long end, String text) {}

  public int sentenceCount() {
    return monologues.stream().mapToInt(m -> m.sentences().size()).sum();
  }
}
