package dev.earshot.assistant.call;

import dev.earshot.assistant.ingest.CallsFromIngest;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads an org's calls from the read model: searches and single calls, never another org's. A
 * single call the read model does not hold is asked of ingest-service's internal API (Gong, through
 * the org's connection), when that fallback is on; such a call is shown marked {@link
 * ShownCall#GONG} and not stored: the read model is fed by {@code gong.calls.v1} only, which brings
 * the call (with its transcript-derived speakers) once ingest-service publishes it. Searches stay
 * on the read model.
 *
 * <p>Metrics: {@code earshot.assistant.calls.fallback{outcome}}: {@code fetched}, {@code
 * not_found}, {@code unavailable}, {@code off} (the call was not held and the fallback is off).
 */
@Service
public class ReadingCalls {

  private final HeldCalls calls;
  private final CallsFromIngest ingest;
  private final MeterRegistry meters;
  private final JsonMapper json;
  private final Clock clock;

  ReadingCalls(
      HeldCalls calls, CallsFromIngest ingest, MeterRegistry meters, JsonMapper json, Clock clock) {
    this.calls = calls;
    this.ingest = ingest;
    this.meters = meters;
    // ingest's speakers carry no talk time: 0 here
    this.json = json.rebuild().disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES).build();
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
   * A call the read model holds.
   *
   * @throws dev.earshot.kit.web.ApiProblem 404 when the org holds no call with this id
   */
  public HeldCall get(String orgId, String callId) {
    return calls.find(orgId, callId).orElseThrow(() -> CallProblems.notFound(callId));
  }

  /**
   * A call the read model holds, else (fallback on) the call read from Gong through ingest-service
   * for the same org.
   *
   * @throws dev.earshot.kit.web.ApiProblem 404 when neither holds it, 503 when the read model does
   *     not and ingest-service (or Gong) cannot answer now; each with the reason
   */
  public ShownCall getOrFetch(String orgId, String callId) {
    Optional<HeldCall> held = calls.find(orgId, callId);
    if (held.isPresent()) {
      return new ShownCall(held.get(), ShownCall.HELD);
    }
    if (!ingest.enabled()) {
      count("off");
      throw CallProblems.notFound(callId);
    }
    return switch (ingest.call(orgId, callId)) {
      case CallsFromIngest.Answer.Found found -> {
        HeldCall call = json.treeToValue(found.call(), HeldCall.class);
        if (!callId.equals(call.id())) {
          count("unavailable");
          throw CallProblems.gongUnavailable(callId, "ingest-service answered another call");
        }
        count("fetched");
        yield new ShownCall(call, ShownCall.GONG);
      }
      case CallsFromIngest.Answer.Missing missing -> {
        count("not_found");
        throw CallProblems.notFoundAnywhere(callId, missing.reason());
      }
      case CallsFromIngest.Answer.Unavailable unavailable -> {
        count("unavailable");
        throw CallProblems.gongUnavailable(callId, unavailable.reason());
      }
    };
  }

  private void count(String outcome) {
    meters.counter("earshot.assistant.calls.fallback", "outcome", outcome).increment();
  }
}
