package dev.earshot.extraction.followup;

/** Which side of the call owns an action item: ours (the rep's company) or the customer's. */
public enum OwnerSide {
  INTERNAL,
  EXTERNAL,
  UNKNOWN
}
