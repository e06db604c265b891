package dev.earshot.gong.api;

import java.util.List;
import java.util.Objects;

/**
 * Gong's lists as Earshot reads them: an absent list is empty and a {@code null} element (seen in
 * real answers, e.g. {@code "parties":[null]} or {@code "startTimes":[null]}) is dropped, so one
 * odd value never makes a whole call unreadable.
 */
final class GongLists {

  private GongLists() {}

  /** The non-null elements of {@code items}, unmodifiable; empty for null. */
  static <T> List<T> present(List<T> items) {
    return items == null ? List.of() : items.stream().filter(Objects::nonNull).toList();
  }
}
