package dev.earshot.local;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The simulator's ground-truth lines of the calls a {@code --once} run must end with (each line's
 * {@code expected}: {@code published}, {@code private} or {@code failed}), shared by ingestion and
 * the run's audit. A call of a corpus directory that started before the 60-day backfill's window
 * (an export replayed long after it was captured) can never be listed, so it is left out and
 * counted in {@code outsideBackfill}; a generated corpus always lies inside.
 *
 * @param calls ground-truth lines, in start order
 * @param outsideBackfill calls of the directory that started before the backfill's window
 */
record ExpectedCalls(List<Map<String, Object>> calls, int outsideBackfill) {

  /**
   * @param truth the simulator's ground truth
   * @param directory whether it describes a corpus directory (a call is listable at its end)
   * @param backfillFrom where the demo connection's backfill starts listing
   */
  static ExpectedCalls of(
      List<Map<String, Object>> truth, boolean directory, Instant backfillFrom) {
    if (!directory) {
      return new ExpectedCalls(List.copyOf(truth), 0);
    }
    List<Map<String, Object>> inside =
        truth.stream().filter(call -> !startOf(call).isBefore(backfillFrom)).toList();
    return new ExpectedCalls(inside, truth.size() - inside.size());
  }

  /** Call ids, in start order. */
  List<String> ids() {
    return calls.stream().map(call -> (String) call.get("call_id")).toList();
  }

  /** A directory call's start: it is listable at its end. */
  private static Instant startOf(Map<String, Object> call) {
    return Instant.parse((String) call.get("listable_at"))
        .minus(Duration.ofSeconds(((Number) call.get("duration_seconds")).longValue()));
  }
}
