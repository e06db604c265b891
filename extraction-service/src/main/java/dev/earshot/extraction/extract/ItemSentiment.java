package dev.earshot.extraction.extract;

/** The customer's tone about the item. */
public enum ItemSentiment {
  NEGATIVE,
  NEUTRAL,
  POSITIVE
}
