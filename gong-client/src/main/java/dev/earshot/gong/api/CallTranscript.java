package dev.earshot.gong.api;

import java.util.List;

/**
 * A call's transcript: monologues by speaker, sentences timed in milliseconds. A monologue's {@code
 * speakerId} may be null (Gong could not attribute it); lists hold no null element.
 */
public record CallTranscript(String callId, List<Monologue> transcript) {

  public CallTranscript {
    transcript = GongLists.present(transcript);
  }

  public record Monologue(String speakerId, String topic, List<Sentence> sentences) {
    public Monologue {
      sentences = GongLists.present(sentences);
    }
  }

  public record Sentence(long start, long end, String text) {}
}
