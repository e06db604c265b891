package dev.earshot.extraction.call;

/** Which side a speaker is on. Only customers' words count as evidence of feedback. */
public enum Role {
  CUSTOMER,
  INTERNAL,
  UNKNOWN
}
