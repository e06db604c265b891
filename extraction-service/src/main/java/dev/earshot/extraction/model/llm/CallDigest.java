package dev.earshot.extraction.model.llm;

import dev.earshot.extraction.call.NormalisedCall;
import dev.earshot.extraction.call.Speaker;
import dev.earshot.extraction.call.Utterance;
import dev.earshot.extraction.detect.LexicalGate;
import dev.earshot.extraction.model.Taxonomy;
import dev.earshot.extraction.model.Tokens;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a language model is sent for one call: not the transcript, but the customer sentences the
 * lexical gate finds likely to be feedback, each with the sentence before it when someone else said
 * it (the question it answers), numbered so the model can quote by id. Sentences are taken best
 * first until {@code maxShare} of the transcript's tokens is reached.
 *
 * @param text the user message
 * @param sentences the numbered customer sentences the model may quote
 * @param sentTokens tokens of {@code text}
 * @param transcriptTokens tokens of the whole transcript
 */
public record CallDigest(
    String text, Map<Integer, Utterance> sentences, long sentTokens, long transcriptTokens) {

  /**
   * @param gateScore lexical score from which a customer sentence is worth sending
   * @param maxShare largest share of the transcript's tokens to send
   * @param contextWords words kept of a context sentence
   */
  public record Settings(double gateScore, double maxShare, int contextWords) {
    public static Settings defaults() {
      return new Settings(0.1, 0.3, 25);
    }
  }

  public static CallDigest of(
      NormalisedCall call, Taxonomy taxonomy, LexicalGate gate, Settings settings) {
    long transcriptTokens = Tokens.of(call);
    long budget = (long) (transcriptTokens * settings.maxShare());
    List<Utterance> all = call.utterances();
    List<Scored> candidates = new ArrayList<>();
    for (Utterance u : call.customerUtterances()) {
      double score = gate.score(u.text());
      if (score >= settings.gateScore()) {
        candidates.add(new Scored(u, score));
      }
    }
    candidates.sort(Comparator.comparingDouble(Scored::score).reversed());
    TreeMap<Integer, String> lines = new TreeMap<>();
    Map<Integer, Utterance> quotable = new LinkedHashMap<>();
    long used = Tokens.of(header(call, taxonomy));
    for (Scored c : candidates) {
      Utterance u = c.utterance();
      String line = customerLine(u);
      String context = null;
      if (u.index() > 0 && !all.get(u.index() - 1).speaker().isCustomer()) {
        context = contextLine(all.get(u.index() - 1), settings.contextWords());
      }
      long cost = Tokens.of(line) + (context == null ? 0 : Tokens.of(context));
      if (used + cost > budget && !quotable.isEmpty()) {
        continue;
      }
      used += cost;
      lines.put(u.index() * 2 + 1, line);
      if (context != null) {
        lines.put((u.index() - 1) * 2, context);
      }
      quotable.put(u.index(), u);
    }
    StringBuilder text = new StringBuilder(header(call, taxonomy));
    lines.values().forEach(l -> text.append(l).append('\n'));
    if (quotable.isEmpty()) {
      text.append("(no customer sentence looks like product feedback)\n");
    }
    return new CallDigest(text.toString(), quotable, Tokens.of(text.toString()), transcriptTokens);
  }

  private record Scored(Utterance utterance, double score) {}

  private static String header(NormalisedCall call, Taxonomy taxonomy) {
    StringBuilder h = new StringBuilder();
    h.append("Call: ").append(nz(call.facts().title())).append('\n');
    if (call.facts().accountName() != null) {
      h.append("Customer account: ").append(call.facts().accountName()).append('\n');
    }
    h.append("Boards: ").append(String.join(" | ", taxonomy.boards())).append('\n');
    h.append("Categories: ").append(String.join(" | ", taxonomy.categories())).append('\n');
    h.append("Feature areas: ")
        .append(String.join(" | ", taxonomy.areas().stream().map(a -> a.name()).toList()))
        .append('\n');
    h.append("Sentences (customer sentences are numbered [id]; lines marked 'us' are context):\n");
    return h.toString();
  }

  private static String customerLine(Utterance u) {
    Speaker s = u.speaker();
    String who =
        s.name() == null ? "customer" : s.name() + (s.title() == null ? "" : ", " + s.title());
    return "[" + u.index() + "] " + who + " @" + clock(u.startMs()) + ": " + u.text();
  }

  private static String contextLine(Utterance u, int words) {
    String[] w = u.text().split("\\s+");
    String text =
        w.length <= words ? u.text() : String.join(" ", java.util.Arrays.copyOf(w, words)) + " …";
    return "    us: " + text;
  }

  private static String clock(long ms) {
    long s = ms / 1000;
    return String.format("%02d:%02d", s / 60, s % 60);
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }
}
