package dev.earshot.text;

import java.util.function.Predicate;

/**
 * One named rule a feedback title keeps.
 *
 * @param name short stable name, as benchmarks print it ({@code "two-to-eight-words"})
 * @param says what the rule asks, in one sentence
 * @param broken whether an analysed title breaks it
 */
public record TitleRule(String name, String says, Predicate<AnalysedTitle> broken) {

  /** Whether {@code title} breaks this rule. */
  public boolean isBrokenBy(AnalysedTitle title) {
    return broken.test(title);
  }

  @Override
  public String toString() {
    return name;
  }
}
