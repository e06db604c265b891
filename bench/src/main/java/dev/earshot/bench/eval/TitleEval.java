package dev.earshot.bench.eval;

import dev.earshot.dedup.similarity.ContentWords;
import dev.earshot.text.TitleRule;
import dev.earshot.text.TitleRules;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How many titles of one set break {@link TitleRules}, by rule, with a few examples each. A title
 * that breaks two rules counts once in {@code broken} and once under each rule.
 *
 * <p>And, where the set says what each item is about (a calls-dev label's summary, written by the
 * labeller; a simulator request's canonical title), whether a title <em>names the request</em>:
 * {@link #addReference} counts a title that shares a content word with that reference (Lucene's
 * English analyzer: stemmed, stop words and spoken filler removed, {@link ContentWords}) and the
 * share of the title's content words the reference holds. A proxy, not a judgement: a title that
 * names the request in other words ("Okta login" for "Single sign-on") counts as a miss, and one
 * that shares only a word said in passing ("Sales ops team" for "Push the sales team's deals to the
 * CRM") as a hit.
 */
public final class TitleEval {

  private static final int EXAMPLES = 3;

  private final String set;
  private int titles;
  private int broken;
  private final Map<String, Integer> byRule = new LinkedHashMap<>();
  private final Map<String, List<String>> examples = new LinkedHashMap<>();
  private int referenced;
  private int naming;
  private double wordShare;

  /** An empty tally for the set named {@code set}. */
  public TitleEval(String set) {
    this.set = set;
  }

  /** Judges one title. */
  public void add(String title) {
    titles++;
    List<TitleRule> rules = TitleRules.broken(title);
    if (rules.isEmpty()) {
      return;
    }
    broken++;
    for (TitleRule rule : rules) {
      byRule.merge(rule.name(), 1, Integer::sum);
      List<String> some = examples.computeIfAbsent(rule.name(), r -> new ArrayList<>());
      if (some.size() < EXAMPLES) {
        some.add(title);
      }
    }
  }

  /**
   * Judges whether {@code title}, of an item that matched a reference, names it: see the class
   * comment. Call it besides {@link #add} for the matched items only.
   */
  public void addReference(String title, String reference) {
    referenced++;
    Set<String> words = ContentWords.words(title).keySet();
    Set<String> about = ContentWords.words(reference).keySet();
    long shared = words.stream().filter(about::contains).count();
    naming += shared > 0 ? 1 : 0;
    wordShare += words.isEmpty() ? 0 : shared / (double) words.size();
  }

  /** Matched titles sharing a content word with their reference. */
  public int naming() {
    return naming;
  }

  public int titles() {
    return titles;
  }

  public int broken() {
    return broken;
  }

  /** Lines a person reads: the count, then one line per broken rule with examples. */
  public List<String> lines() {
    List<String> lines = new ArrayList<>();
    lines.add(
        String.format(
            "    titles breaking the title rules  %d of %d   (goal 0)  [%s]", broken, titles, set));
    if (referenced > 0) {
      lines.add(
          String.format(
              "    titles naming the request        %d of %d matched (%.3f), words in the reference"
                  + " %.3f  [%s]",
              naming, referenced, naming / (double) referenced, wordShare / referenced, set));
    }
    byRule.forEach(
        (rule, n) ->
            lines.add(
                String.format(
                    "      %-32s %4d  e.g. %s",
                    rule,
                    n,
                    String.join(
                        " | ", examples.get(rule).stream().map(t -> "\"" + t + "\"").toList()))));
    return lines;
  }

  public Map<String, Object> asMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("titles", titles);
    m.put("broken", broken);
    m.put("by_rule", byRule);
    m.put("examples", examples);
    if (referenced > 0) {
      m.put("matched", referenced);
      m.put("naming_the_request", naming);
      m.put("naming_share", Math.round(1000.0 * naming / referenced) / 1000.0);
      m.put("reference_word_share", Math.round(1000.0 * wordShare / referenced) / 1000.0);
    }
    return m;
  }
}
