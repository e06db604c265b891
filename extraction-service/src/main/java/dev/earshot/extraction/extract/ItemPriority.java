package dev.earshot.extraction.extract;

/** How pressing the item is, from urgency and business impact said on the call. */
public enum ItemPriority {
  LOW,
  MEDIUM,
  HIGH,
  URGENT
}
