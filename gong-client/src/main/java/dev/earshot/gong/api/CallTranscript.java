package dev.earshot.gong.api;

import java.util.List;

/** A call's transcript: monologues by speaker, sentences timed in milliseconds. */
public record CallTranscript(String callId, List<Monologue> transcript) {

  public CallTranscript {
    transcript = transcript == null ? List.of() : List.copyOf(transcript);
  }

  public record Monologue(String speakerId, String topic, List<Sentence> sentences) {
    public Monologue {
      sentences = sentences == null ? List.of() : List.copyOf(sentences);
    }
  }

  public record Sentence(long start, long end, String text) {}
}
