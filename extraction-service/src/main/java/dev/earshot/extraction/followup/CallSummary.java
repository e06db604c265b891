package dev.earshot.extraction.followup;

import java.util.List;

/**
 * What Gong's AI said about a call, when the call record carries it.
 *
 * @param brief Gong's call brief, or null
 * @param keyPoints Gong's key points (empty when none)
 */
public record CallSummary(String brief, List<String> keyPoints) {

  public CallSummary {
    keyPoints = keyPoints == null ? List.of() : List.copyOf(keyPoints);
  }

  /** No summary: Gong had not analysed the call, or its content was not fetched. */
  public static CallSummary none() {
    return new CallSummary(null, List.of());
  }

  public boolean isEmpty() {
    return (brief == null || brief.isBlank()) && keyPoints.isEmpty();
  }
}
