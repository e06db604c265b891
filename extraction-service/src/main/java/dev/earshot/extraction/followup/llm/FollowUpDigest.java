package dev.earshot.extraction.followup.llm;

import dev.earshot.extraction.call.NormalisedCall;
import dev.earshot.extraction.call.Speaker;
import dev.earshot.extraction.call.Utterance;
import dev.earshot.extraction.followup.ActionItem;
import dev.earshot.extraction.followup.CallSummary;
import dev.earshot.extraction.model.Tokens;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * What a language model is sent to draft one call's follow-up: the title, the participants with
 * their side, Gong's brief and key points, and the call's sentences numbered by id ("[12] Ana
 * (customer) @14:03: …"). A transcript over {@code maxTokens} is cut to the sentences with
 * commitment cues and their neighbours, then the call's last sentences, then the rest in order,
 * until the budget is spent.
 *
 * @param text the user message
 * @param sentences the numbered sentences the model may cite, by id
 * @param sentTokens tokens of {@code text}
 * @param transcriptTokens tokens of the whole transcript
 */
public record FollowUpDigest(
    String text, Map<Integer, Utterance> sentences, long sentTokens, long transcriptTokens) {

  static final int TAIL = 40;

  /**
   * The digest of a call.
   *
   * @param cued the action items the offline cues found, whose sentences are kept first
   * @param maxTokens the most tokens of header and sentences to send (estimated as {@link Tokens})
   */
  public static FollowUpDigest of(
      NormalisedCall call, CallSummary summary, List<ActionItem> cued, int maxTokens) {
    String header = header(call, summary);
    List<Utterance> all = call.utterances();
    long budget = maxTokens - Tokens.of(header);
    TreeSet<Integer> chosen = new TreeSet<>();
    long used = 0;
    List<Integer> order = new java.util.ArrayList<>();
    for (ActionItem a : cued) {
      for (Utterance u : a.cited()) {
        for (int k = Math.max(0, u.index() - 1);
            k <= Math.min(all.size() - 1, u.index() + 1);
            k++) {
          order.add(k);
        }
      }
    }
    for (int k = Math.max(0, all.size() - TAIL); k < all.size(); k++) {
      order.add(k);
    }
    for (int k = 0; k < all.size(); k++) {
      order.add(k);
    }
    for (int k : order) {
      if (chosen.contains(k)) {
        continue;
      }
      long cost = Tokens.of(line(all.get(k)));
      if (used + cost > budget) {
        continue;
      }
      used += cost;
      chosen.add(k);
    }
    StringBuilder text = new StringBuilder(header);
    Map<Integer, Utterance> sentences = new LinkedHashMap<>();
    int previous = -1;
    for (int k : chosen) {
      if (previous >= 0 && k > previous + 1) {
        text.append("…\n");
      }
      text.append(line(all.get(k))).append('\n');
      sentences.put(k, all.get(k));
      previous = k;
    }
    return new FollowUpDigest(
        text.toString(), sentences, Tokens.of(text.toString()), Tokens.of(call));
  }

  private static String header(NormalisedCall call, CallSummary summary) {
    StringBuilder h = new StringBuilder();
    h.append("Call: ")
        .append(call.facts().title() == null ? "" : call.facts().title())
        .append('\n');
    if (call.facts().accountName() != null) {
      h.append("Customer account: ").append(call.facts().accountName()).append('\n');
    }
    h.append("Participants:\n");
    call.speakers().values().stream()
        .filter(s -> s.name() != null)
        .sorted(java.util.Comparator.comparing(Speaker::name))
        .forEach(s -> h.append("- ").append(s.name()).append(" (").append(side(s)).append(")\n"));
    if (summary.brief() != null && !summary.brief().isBlank()) {
      h.append("Gong's brief: ").append(summary.brief().strip()).append('\n');
    }
    if (!summary.keyPoints().isEmpty()) {
      h.append("Gong's key points: ").append(String.join(" | ", summary.keyPoints())).append('\n');
    }
    h.append("Sentences ([id] speaker (side) @mm:ss: text):\n");
    return h.toString();
  }

  private static String line(Utterance u) {
    Speaker s = u.speaker();
    long sec = u.startMs() / 1000;
    return "["
        + u.index()
        + "] "
        + (s.name() == null ? "unknown" : s.name())
        + " ("
        + side(s)
        + ") @"
        + String.format("%02d:%02d", sec / 60, sec % 60)
        + ": "
        + u.text();
  }

  private static String side(Speaker s) {
    return switch (s.role()) {
      case INTERNAL -> "us";
      case CUSTOMER -> "customer";
      case UNKNOWN -> "unknown";
    };
  }
}
