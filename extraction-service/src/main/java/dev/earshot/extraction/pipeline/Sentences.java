package dev.earshot.extraction.pipeline;

import java.util.ArrayList;
import java.util.List;

/** Splits free text into sentences at . ! ? followed by a space (Gong's transcripts come split). */
final class Sentences {

  private Sentences() {}

  static List<String> split(String text) {
    List<String> sentences = new ArrayList<>();
    for (String part : text.strip().split("(?<=[.!?])\\s+")) {
      if (!part.isBlank()) {
        sentences.add(part.strip());
      }
    }
    if (sentences.isEmpty()) {
      sentences.add(text.strip());
    }
    return sentences;
  }
}
