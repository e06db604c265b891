package dev.earshot.local;

import dev.earshot.extraction.ExtractionApplication;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How extraction-service runs in the local stack: the offline model, reading gong.calls.v1. In
 * {@code --once} it is done when it has extracted every call ingestion published, as its {@code
 * /actuator/prometheus} counts them.
 */
final class ExtractionLocal {

  static final Class<?> APP = ExtractionApplication.class;
  static final String NAME = "extraction_service";
  static final String MODULE = "extraction-service";
  static final String ITEMS_PUBLISHED = "extraction.items_published";
  private static final String CALLS = Metrics.counter("earshot.extraction.calls");
  private static final String ITEMS = Metrics.counter("earshot.extraction.items");
  private static final String FOLLOWUPS = Metrics.counter("earshot.followups.published");
  private static final String FOLLOWUPS_SKIPPED = Metrics.counter("earshot.followups.skipped");
  private static final String ACTION_ITEMS = Metrics.counter("earshot.followups.action_items");

  private ExtractionLocal() {}

  static Map<String, Object> properties(LocalContext local) {
    return Map.of("earshot.extraction.model", "offline");
  }

  /**
   * Waits until every published call was extracted and drafted a follow-up (or skipped, having no
   * external participants; the follow-ups' consumer group runs apart and may lag); reports items,
   * calls without feedback, follow-ups published and skipped, and their action items.
   */
  static Map<String, Object> extractDemoCorpus(LocalContext local) {
    long published = Long.parseLong(local.require(IngestLocal.CALLS_PUBLISHED));
    ServiceHttp extraction = ServiceHttp.of(local, NAME, null);
    Waiting.until(
        local,
        () -> extraction.metrics().count(CALLS) >= published,
        Duration.ofMillis(Math.max(120_000, published * 200)),
        "extraction");
    Waiting.until(
        local,
        () -> {
          Metrics m = extraction.metrics();
          return m.count(FOLLOWUPS) + m.count(FOLLOWUPS_SKIPPED) >= published;
        },
        Duration.ofMillis(Math.max(120_000, published * 200)),
        "follow-ups");
    Metrics meters = extraction.metrics();
    Map<String, Object> figures = new LinkedHashMap<>();
    figures.put("calls_extracted", meters.count(CALLS));
    figures.put("feedback_items", meters.count(ITEMS));
    local.put(ITEMS_PUBLISHED, Long.toString(meters.count(ITEMS)));
    figures.put("calls_without_feedback", meters.count(CALLS, "outcome", "without_feedback"));
    figures.put("followups", meters.count(FOLLOWUPS));
    figures.put("followups_skipped", meters.count(FOLLOWUPS_SKIPPED));
    figures.put("followup_action_items", meters.count(ACTION_ITEMS));
    return figures;
  }
}
