package dev.earshot.local;

import dev.earshot.extraction.ExtractionApplication;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How extraction-service runs in the local stack: the offline model, reading gong.calls.v1, its
 * database, the issuer key shared with the other services, and the demo org's company directory
 * ({@link DemoDirectory}) read from crm.companies.v1. In {@code --once} it is done when it has
 * extracted every call ingestion published and made each a conversation record or counted it
 * unmapped, as its {@code /actuator/prometheus} counts them.
 */
final class ExtractionLocal {

  static final Class<?> APP = ExtractionApplication.class;
  static final String NAME = "extraction_service";
  static final String MODULE = "extraction-service";
  static final String ITEMS_PUBLISHED = "extraction.items_published";
  private static final String CALLS = Metrics.counter("earshot.extraction.calls");
  private static final String ITEMS = Metrics.counter("earshot.extraction.items");
  private static final String CONVERSATION_CALLS = Metrics.counter("earshot.conversations.calls");
  private static final String CONVERSATIONS = Metrics.counter("earshot.conversations.published");
  private static final String UNMAPPED = Metrics.counter("earshot.conversations.unmapped");
  private static final String FOLLOWUPS = Metrics.counter("earshot.followups.published");
  private static final String FOLLOWUPS_SKIPPED = Metrics.counter("earshot.followups.skipped");
  private static final String ACTION_ITEMS = Metrics.counter("earshot.followups.action_items");

  private ExtractionLocal() {}

  static Map<String, Object> properties(LocalContext local) {
    Map<String, Object> props = new LinkedHashMap<>();
    props.put("earshot.extraction.model", "offline");
    props.put("spring.datasource.url", local.jdbcUrl("extraction") + "&currentSchema=extraction");
    props.put("spring.datasource.username", "postgres");
    props.put("earshot.security.local-issuer-key-file", local.issuerKeyFile().toString());
    return props;
  }

  /**
   * The demo org's company directory as extraction-service's API lists it ({@code GET
   * /api/v1/companies} with the demo admin's token): what {@link DemoDirectory} published on
   * crm.companies.v1, read by the service at its start (waited for, up to a minute).
   */
  static Map<String, Object> listDemoDirectory(LocalContext local) {
    ServiceHttp extraction = ServiceHttp.of(local, NAME, local.require(IngestLocal.ADMIN_TOKEN));
    int published = Integer.parseInt(local.require(DemoDirectory.COMPANIES));
    Waiting.until(
        local,
        () -> extraction.get("/api/v1/companies").path("total").asInt() >= published,
        Duration.ofMinutes(1),
        "the company directory");
    return Map.of("company_directory", extraction.get("/api/v1/companies").path("total").asInt());
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
        () -> {
          Metrics meters = extraction.metrics();
          return meters.count(CALLS) >= published && meters.count(CONVERSATION_CALLS) >= published;
        },
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
    // conversation records published (a call whose summary came later counts twice) and calls
    // that mapped to no company (README "Conversation records")
    figures.put("conversations", meters.count(CONVERSATIONS));
    figures.put("conversations_unmapped", meters.count(UNMAPPED));
    figures.put("followups", meters.count(FOLLOWUPS));
    figures.put("followups_skipped", meters.count(FOLLOWUPS_SKIPPED));
    figures.put("followup_action_items", meters.count(ACTION_ITEMS));
    return figures;
  }
}
