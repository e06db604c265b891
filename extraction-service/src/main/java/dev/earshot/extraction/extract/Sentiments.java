package dev.earshot.extraction.extract;

import java.util.List;

/**
 * The tone of what the customer said: complaints are negative; praise without complaint is
 * positive; requests ("it would be great if…") are neutral, whatever their polite words.
 */
final class Sentiments {

  private Sentiments() {}

  static final List<Rule> NEGATIVE =
      List.of(
          Rule.of(
              "complains",
              "\\b(crash\\w*|broken|bug\\w*|error\\w*|fail\\w*|slow\\w*|frustrat\\w*|annoy\\w*|useless|painful|pain|hate|terrible|awful|confus\\w*|clunky|killing|wrong|problem|issue|struggle\\w*|drain\\w*|ruin\\w*|can't|cannot|won't)\\b"),
          Rule.of(
              "pushes-back",
              "\\b(blocker|push back|deal[- ]breaker|not acceptable|unacceptable)\\b"));

  static final List<Rule> POSITIVE =
      List.of(
          Rule.of(
              "praises",
              "\\b(love|great|awesome|excellent|amazing|fantastic|appreciate|helpful)\\b"));

  static final Rule CONDITIONAL =
      Rule.of(
          "asks-politely",
          "\\b(would|could) (be|make) \\w* ?(great|nice|huge|amazing|perfect|helpful)|\\bwould love\\b|\\bwe'd love\\b");

  static ItemSentiment of(String text) {
    if (NEGATIVE.stream().anyMatch(r -> r.matches(text))) {
      return ItemSentiment.NEGATIVE;
    }
    if (!CONDITIONAL.matches(text) && POSITIVE.stream().anyMatch(r -> r.matches(text))) {
      return ItemSentiment.POSITIVE;
    }
    return ItemSentiment.NEUTRAL;
  }
}
