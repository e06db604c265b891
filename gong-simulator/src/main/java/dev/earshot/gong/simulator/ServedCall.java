package dev.earshot.gong.simulator;

import java.time.Instant;
import java.util.Map;

/**
 * One call as the simulator serves it, in Gong's JSON shapes: a generated call with its realism
 * quirks ({@link GeneratedCall}) or a call read from a corpus directory ({@link RecordedCall}).
 * Payloads are fresh maps on every call, so callers may change them.
 */
interface ServedCall {

  /** Gong's call id. */
  String id();

  /** When the call started (what {@code fromDateTime}/{@code toDateTime} filter on). */
  Instant started();

  /**
   * When Gong lists the call and {@code calls/extensive} and {@code calls/transcript} know it: its
   * end plus Gong's processing delay.
   */
  Instant listableAt();

  /** When its transcript is ready; never before {@link #listableAt()}. */
  Instant transcriptReadyAt();

  /** Ground truth: whether the call is private. */
  boolean isPrivate();

  /** How many {@code calls/extensive} requests naming it by id leave it out (0: none). */
  int extensiveLag();

  /** An element of {@code /v2/calls}'s {@code calls}. */
  Map<String, Object> metaData();

  /**
   * An element of {@code calls/extensive}'s {@code calls}, with the parts the selector asks for.
   */
  Map<String, Object> extensive(GongPayloads.Selector selector);

  /** An element of {@code calls/transcript}'s {@code callTranscripts}. */
  Map<String, Object> transcript();

  /** The body of the "call analysed" automation-rule webhook. */
  Map<String, Object> webhookBody();

  /** Its line of {@code /admin/ground-truth}. */
  Map<String, Object> groundTruth();

  default boolean listable(Instant now) {
    return !listableAt().isAfter(now);
  }

  default boolean transcriptReady(Instant now) {
    return !transcriptReadyAt().isAfter(now);
  }

  /**
   * When {@code calls/extensive} starts to carry its {@code content.brief}: at its analysis, or
   * later under realism's {@code lateBriefs}.
   */
  default Instant briefReadyAt() {
    return analysedAt();
  }

  /** When Gong has finished with it (listed and transcribed), the webhook's moment. */
  default Instant analysedAt() {
    return listableAt().isAfter(transcriptReadyAt()) ? listableAt() : transcriptReadyAt();
  }
}
