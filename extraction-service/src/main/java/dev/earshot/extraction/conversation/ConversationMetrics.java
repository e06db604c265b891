package dev.earshot.extraction.conversation;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * Conversation meters: {@code earshot.conversations.published} (records sent to
 * crm.conversations.v1; tag {@code update}: {@code false} for a call's first record, {@code true}
 * when a later record of the call changed it, e.g. Gong's summary arrived) and {@code
 * earshot.conversations.unmapped} (calls found to map to no company, tag {@code reason}, once per
 * call and reason); {@code earshot.conversations.calls} counts every gong.calls.v1 record the
 * conversation listener handled (tag {@code outcome}: {@code mapped}, {@code unmapped}; a
 * redelivered record counts again).
 */
@Component
class ConversationMetrics {

  static final String PUBLISHED = "earshot.conversations.published";
  static final String UNMAPPED = "earshot.conversations.unmapped";
  static final String CALLS = "earshot.conversations.calls";

  private final MeterRegistry meters;

  ConversationMetrics(MeterRegistry meters) {
    this.meters = meters;
  }

  void published(boolean update) {
    meters.counter(PUBLISHED, "update", Boolean.toString(update)).increment();
  }

  void handled(boolean mapped) {
    meters.counter(CALLS, "outcome", mapped ? "mapped" : "unmapped").increment();
  }

  void unmapped(String reason) {
    meters.counter(UNMAPPED, "reason", reason).increment();
  }
}
