package dev.earshot.extraction.model;

import dev.earshot.extraction.call.NormalisedCall;

/**
 * Token counts estimated as words × 4/3 (the usual ratio for English with BPE tokenizers); the same
 * estimate on both sides makes "share of the transcript sent" meaningful across providers.
 */
public final class Tokens {

  private Tokens() {}

  public static long of(String text) {
    if (text == null || text.isBlank()) {
      return 0;
    }
    return Math.round(text.strip().split("\\s+").length * 4.0 / 3.0);
  }

  public static long of(NormalisedCall call) {
    return call.utterances().stream().mapToLong(u -> of(u.text())).sum();
  }
}
