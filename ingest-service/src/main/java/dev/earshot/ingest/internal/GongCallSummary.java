package dev.earshot.ingest.internal;

import dev.earshot.gong.api.ExtensiveCall;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One call as the internal API shows it: Gong's summary of it from {@code POST /v2/calls/extensive}
 * (brief, outline, highlights, key points, points of interest), its parties and speakers, length
 * and URL; never a transcript word. The fields are named as assistant-service names the calls it
 * holds, so a call read from Gong reads like one Earshot ingested.
 *
 * @param id Gong's call id
 * @param title the call's title ("" when Gong gave none)
 * @param started when it started (UTC), or null
 * @param durationSeconds its length, seconds
 * @param url the call in Gong
 * @param company the CRM account (or company) Gong linked, or null
 * @param brief Gong's brief, or null
 * @param outline Gong's outline sections (start in seconds)
 * @param highlights Gong's highlight groups
 * @param keyPoints Gong's key points
 * @param pointsOfInterest Gong's action items with when (seconds) and who said them
 * @param speakers the parties Gong heard speak (talk time is not given: it would take the
 *     transcript)
 * @param participants every party ({@code affiliation}: internal, external or unknown)
 */
public record GongCallSummary(
    String id,
    String title,
    Instant started,
    long durationSeconds,
    String url,
    Company company,
    String brief,
    List<Section> outline,
    List<HighlightGroup> highlights,
    List<String> keyPoints,
    List<PointOfInterest> pointsOfInterest,
    List<Speaker> speakers,
    List<Participant> participants) {

  /** CRM object types that name the account: Salesforce's Account, HubSpot's Company. */
  private static final List<String> ACCOUNT_TYPES = List.of("Account", "Company");

  /** The CRM account: its id, name and domain (any may be null). */
  public record Company(String id, String name, String domain) {}

  /** An outline section: its title, start (seconds) and bullets. */
  public record Section(String section, double startSeconds, List<String> items) {}

  /** A highlight group and its texts. */
  public record HighlightGroup(String title, List<String> items) {}

  /** An action item: its words, when (seconds from the start) and who said it (or null). */
  public record PointOfInterest(String snippet, Double startSeconds, String speaker) {}

  /** A party Gong heard speak: Gong's speaker id, their name and side. */
  public record Speaker(String speakerId, String name, String affiliation) {}

  /** A party as Gong lists them. */
  public record Participant(String name, String emailAddress, String title, String affiliation) {}

  /** From Gong's extensive call (its {@code metaData} must be present). */
  public static GongCallSummary of(ExtensiveCall call) {
    var meta = call.metaData();
    Map<String, ExtensiveCall.Party> bySpeaker = new HashMap<>();
    call.parties().stream()
        .filter(p -> p.speakerId() != null)
        .forEach(p -> bySpeaker.putIfAbsent(p.speakerId(), p));
    var content = call.content();
    return new GongCallSummary(
        meta.id(),
        meta.title() == null ? "" : meta.title(),
        meta.started(),
        meta.duration(),
        meta.url(),
        company(call),
        content == null ? null : content.brief(),
        content == null
            ? List.of()
            : content.outline().stream()
                .map(
                    s ->
                        new Section(
                            s.section(),
                            s.startTime(),
                            s.items().stream().map(ExtensiveCall.OutlineItem::text).toList()))
                .toList(),
        content == null
            ? List.of()
            : content.highlights().stream()
                .map(
                    h ->
                        new HighlightGroup(
                            h.title(),
                            h.items().stream().map(ExtensiveCall.HighlightItem::text).toList()))
                .toList(),
        content == null
            ? List.of()
            : content.keyPoints().stream().map(ExtensiveCall.KeyPoint::text).toList(),
        content == null || content.pointsOfInterest() == null
            ? List.of()
            : content.pointsOfInterest().actionItems().stream()
                .map(
                    a -> {
                      ExtensiveCall.Party by = bySpeaker.get(a.speakerId());
                      return new PointOfInterest(
                          a.snippet(), a.snippetStartTime(), by == null ? null : by.name());
                    })
                .toList(),
        bySpeaker.values().stream()
            .map(p -> new Speaker(p.speakerId(), p.name(), side(p.affiliation())))
            .sorted(java.util.Comparator.comparing(Speaker::speakerId))
            .toList(),
        call.parties().stream()
            .map(p -> new Participant(p.name(), p.emailAddress(), p.title(), side(p.affiliation())))
            .toList());
  }

  private static Company company(ExtensiveCall call) {
    return call.context().stream()
        .flatMap(system -> system.objects().stream())
        .filter(o -> ACCOUNT_TYPES.contains(o.objectType()))
        .findFirst()
        .map(
            account ->
                new Company(
                    account.objectId(),
                    account.field("Name"),
                    account.field("Website") != null
                        ? account.field("Website")
                        : account.field("domain")))
        .orElse(null);
  }

  private static String side(String affiliation) {
    return affiliation == null ? "unknown" : affiliation.toLowerCase(Locale.ROOT);
  }

  /**
   * A call of a window, as {@code GET /v2/calls} lists it (no summary).
   *
   * @param id Gong's call id
   * @param title its title
   * @param started when it started, or null
   * @param durationSeconds its length, seconds
   * @param url the call in Gong
   */
  public record Listed(
      String id, String title, Instant started, long durationSeconds, String url) {}

  /**
   * A page of a window's calls.
   *
   * @param calls the non-private calls of the page, as Gong ordered them
   * @param count how many
   * @param withheld how many private (or unmarked) calls were left out
   * @param nextCursor pass as {@code cursor} for the next page; null on the last
   */
  public record Page(List<Listed> calls, int count, int withheld, String nextCursor) {}
}
