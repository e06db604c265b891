package dev.earshot.ingest.poll;

import dev.earshot.ingest.IngestProperties;
import java.time.Instant;

/**
 * Where one poll lists from. Gong filters {@code GET /v2/calls} on a call's start but lists it only
 * after it ended and was processed, so the window never starts later than {@code now -
 * processingMargin}: a call that started before the newest one seen can still appear (field case
 * 01). Every {@code reconcileEvery} the window widens to {@code reconcileWindow}, for calls Gong
 * processed later than the margin. Pure: no I/O.
 *
 * @param from the listing's lower bound ({@code fromDateTime})
 * @param reconciles whether this poll is the periodic wider one
 */
record PollWindow(Instant from, boolean reconciles) {

  /**
   * @param watermark the newest start the poller has seen
   * @param reconciledAt when the last wider listing ran (null before the first poll: the schedule
   *     starts then)
   */
  static PollWindow of(
      Instant watermark, Instant reconciledAt, Instant now, IngestProperties.Poll settings) {
    Instant held = earlier(watermark, now.minus(settings.processingMargin()));
    Instant from = held.minus(settings.overlap());
    boolean reconciles =
        reconciledAt != null && !reconciledAt.plus(settings.reconcileEvery()).isAfter(now);
    if (reconciles) {
      from = earlier(from, now.minus(settings.reconcileWindow()));
    }
    return new PollWindow(from, reconciles);
  }

  private static Instant earlier(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }
}
