package dev.earshot.gong.api;

import java.util.List;

/** One page of {@code GET /v2/calls}. */
public record CallsPage(String requestId, PageInfo records, List<CallMetadata> calls) {

  public CallsPage {
    calls = calls == null ? List.of() : List.copyOf(calls);
  }
}
