package dev.earshot.gong.api;

import java.util.List;

/** One page of {@code POST /v2/calls/extensive}. */
public record ExtensivePage(String requestId, PageInfo records, List<ExtensiveCall> calls) {

  public ExtensivePage {
    calls = calls == null ? List.of() : List.copyOf(calls);
  }
}
