package dev.earshot.assistant.call;

import dev.earshot.events.Call;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Service;

/**
 * Keeps each call of {@code gong.calls.v1} in the read model. Idempotent: a redelivered record, or
 * an older record of a call arriving after a newer one, changes nothing. Metric {@code
 * earshot.assistant.calls.kept{outcome=kept|unchanged}}.
 */
@Service
public class RecordingCalls {

  private final HeldCalls calls;
  private final MeterRegistry meters;

  RecordingCalls(HeldCalls calls, MeterRegistry meters) {
    this.calls = calls;
    this.meters = meters;
  }

  /** Keeps the call for its org. */
  public void record(Call call) {
    boolean kept = calls.keep(call.getOrgId(), HeldCall.of(call), call.getFetchedAt());
    meters
        .counter("earshot.assistant.calls.kept", "outcome", kept ? "kept" : "unchanged")
        .increment();
  }
}
