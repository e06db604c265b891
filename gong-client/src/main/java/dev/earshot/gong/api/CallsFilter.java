package dev.earshot.gong.api;

import java.time.Instant;
import java.util.List;

/**
 * The {@code filter} of extensive and transcript requests: a date range, call ids, or both.
 *
 * @param fromDateTime calls that started at or after this instant
 * @param toDateTime calls that started before this instant
 * @param workspaceId only calls of this workspace
 * @param callIds only these calls
 */
public record CallsFilter(
    Instant fromDateTime, Instant toDateTime, String workspaceId, List<String> callIds) {

  public static CallsFilter ofIds(List<String> callIds) {
    return new CallsFilter(null, null, null, List.copyOf(callIds));
  }

  public static CallsFilter between(Instant from, Instant to) {
    return new CallsFilter(from, to, null, null);
  }
}
