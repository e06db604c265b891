package dev.earshot.bench.eval;

import dev.earshot.text.TitleRule;
import dev.earshot.text.TitleRules;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How many titles of one set break {@link TitleRules}, by rule, with a few examples each. A title
 * that breaks two rules counts once in {@code broken} and once under each rule.
 */
public final class TitleEval {

  private static final int EXAMPLES = 3;

  private final String set;
  private int titles;
  private int broken;
  private final Map<String, Integer> byRule = new LinkedHashMap<>();
  private final Map<String, List<String>> examples = new LinkedHashMap<>();

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
    return m;
  }
}
