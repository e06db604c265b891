package dev.earshot.extraction.extract;

import java.math.BigDecimal;
import java.util.List;

/**
 * Priority from what was said and what is at stake: a blocker to rolling out, signing or going live
 * is urgent; a must-have, a daily pain or a large deal at stake is high; "nice to have" is low;
 * anything else medium.
 */
final class Priorities {

  private Priorities() {}

  static final List<Rule> URGENT =
      List.of(
          Rule.of(
              "blocks-the-deal-or-rollout",
              "\\b(blocker|blocking|deal[- ]breaker|show ?stopper|can't (go live|roll (it )?out|sign)|before (we|legal|they|procurement) sign(s|ed)?|won't (sign|renew|approve)|urgent|asap|right away)\\b"));

  static final List<Rule> HIGH =
      List.of(
          Rule.of(
              "is-a-must",
              "\\b(must|need|needs|really need|critical|essential|hard requirement|pretty much a must|push back|every (day|morning|time)|killing us|hours|useless|can't)\\b"));

  static final List<Rule> LOW =
      List.of(
          Rule.of(
              "is-nice-to-have",
              "\\b(nice to have|would be nice|someday|at some point|minor|not a big deal|low priority|eventually)\\b"));

  /** A deal at least this large, voiced with a negative tone, raises a medium item to high. */
  static final BigDecimal LARGE_DEAL = new BigDecimal("100000");

  static ItemPriority of(String text, ItemSentiment sentiment, BigDecimal dealAmount) {
    if (URGENT.stream().anyMatch(r -> r.matches(text))) {
      return ItemPriority.URGENT;
    }
    if (HIGH.stream().anyMatch(r -> r.matches(text))) {
      return ItemPriority.HIGH;
    }
    if (LOW.stream().anyMatch(r -> r.matches(text))) {
      return ItemPriority.LOW;
    }
    if (sentiment == ItemSentiment.NEGATIVE
        && dealAmount != null
        && dealAmount.compareTo(LARGE_DEAL) >= 0) {
      return ItemPriority.HIGH;
    }
    return ItemPriority.MEDIUM;
  }
}
