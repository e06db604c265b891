package dev.earshot.local;

import dev.earshot.extraction.ExtractionApplication;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * How extraction-service runs in the local stack: the offline model, reading gong.calls.v1. In
 * {@code --once} it is done when it has extracted every call ingestion published.
 */
final class ExtractionLocal {

  static final Class<?> APP = ExtractionApplication.class;
  static final String ITEMS_PUBLISHED = "extraction.items_published";

  private ExtractionLocal() {}

  static Map<String, Object> properties(LocalContext local) {
    return Map.of(
        "spring.autoconfigure.exclude",
        SharedClasspath.exclusionsFor(Set.of()),
        "earshot.extraction.model",
        "offline");
  }

  /** Waits until every published call was extracted; reports items and calls without feedback. */
  static Map<String, Object> extractDemoCorpus(
      ConfigurableApplicationContext app, LocalContext local) {
    long published = Long.parseLong(local.require(IngestLocal.CALLS_PUBLISHED));
    MeterRegistry meters = app.getBean(MeterRegistry.class);
    Waiting.until(
        () -> count(meters, "earshot.extraction.calls") >= published,
        Duration.ofMillis(Math.max(120_000, published * 200)),
        "extraction");
    Map<String, Object> figures = new LinkedHashMap<>();
    figures.put("calls_extracted", count(meters, "earshot.extraction.calls"));
    figures.put("feedback_items", count(meters, "earshot.extraction.items"));
    local.put(ITEMS_PUBLISHED, Long.toString(count(meters, "earshot.extraction.items")));
    figures.put(
        "calls_without_feedback",
        (long) meters.counter("earshot.extraction.calls", "outcome", "without_feedback").count());
    return figures;
  }

  private static long count(MeterRegistry meters, String name) {
    return (long) meters.find(name).counters().stream().mapToDouble(Counter::count).sum();
  }
}
