package dev.earshot.assistant.call;

import java.time.Clock;
import java.util.List;
import org.springframework.stereotype.Service;

/** Reads an org's calls from the read model: searches and single calls, never another org's. */
@Service
public class ReadingCalls {

  private final HeldCalls calls;
  private final Clock clock;

  ReadingCalls(HeldCalls calls, Clock clock) {
    this.calls = calls;
    this.clock = clock;
  }

  /**
   * @throws CallSearch.Invalid when the parameters are wrong ({@link CallSearch#of})
   */
  public List<HeldCall.Listed> search(
      String orgId, String from, String to, String q, Integer limit) {
    CallSearch search = CallSearch.of(from, to, q, limit, clock.instant());
    return calls.search(orgId, search).stream().map(HeldCall::listed).toList();
  }

  /**
   * @throws dev.earshot.kit.web.ApiProblem 404 when the org holds no call with this id
   */
  public HeldCall get(String orgId, String callId) {
    return calls.find(orgId, callId).orElseThrow(() -> CallProblems.notFound(callId));
  }
}
