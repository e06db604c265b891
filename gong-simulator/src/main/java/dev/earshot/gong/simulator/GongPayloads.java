package dev.earshot.gong.simulator;

import dev.earshot.gong.simulator.corpus.Corpus;
import dev.earshot.gong.simulator.corpus.CorpusCall;
import dev.earshot.gong.simulator.corpus.FeedbackCatalogue;
import dev.earshot.gong.simulator.corpus.Party;
import dev.earshot.gong.simulator.corpus.Person;
import dev.earshot.gong.simulator.corpus.PlantedItem;
import dev.earshot.gong.simulator.corpus.Transcript;
import dev.earshot.gong.simulator.corpus.TranscriptWriter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Corpus calls in Gong's JSON shapes (field names and nesting as in Gong's API v2 and the fixtures
 * in {@code shared/fixtures/gong}): {@code metaData}, {@code context}, {@code parties}, {@code
 * content}, transcripts, users. Written as maps so the simulator shares no classes with the client
 * it tests.
 */
final class GongPayloads {

  private GongPayloads() {}

  static Map<String, Object> metaData(CorpusCall call) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", call.id());
    m.put("url", "https://app.gong.io/call?id=" + call.id());
    m.put("title", call.title());
    m.put("scheduled", call.scheduled().toString());
    m.put("started", call.started().toString());
    m.put("duration", call.durationSeconds());
    m.put("primaryUserId", call.rep().person().userId());
    m.put("direction", "Conference");
    m.put("system", "Zoom");
    m.put("scope", "External");
    m.put("media", "Video");
    m.put("language", "eng");
    m.put("workspaceId", Corpus.WORKSPACE_ID);
    m.put("sdrDisposition", null);
    m.put("clientUniqueId", null);
    m.put("customData", null);
    m.put("purpose", null);
    m.put("meetingUrl", "https://zoom.us/j/" + (5_550_000_000L + call.index()));
    m.put("isPrivate", call.isPrivate());
    m.put("calendarEventId", "evt-" + call.id() + "@calendar.example");
    return m;
  }

  /** One call of {@code /v2/calls/extensive}, with the parts the content selector asks for. */
  static Map<String, Object> extensive(CorpusCall call, Selector selector) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("metaData", metaData(call));
    if (selector.context()) {
      m.put("context", context(call));
    }
    if (selector.parties()) {
      m.put("parties", call.parties().stream().map(GongPayloads::party).toList());
    }
    Map<String, Object> content = content(call, selector);
    if (!content.isEmpty()) {
      m.put("content", content);
    }
    return m;
  }

  /**
   * What an extensive request's content selector asked for: {@code context: "Extended"}, the {@code
   * exposedFields} set to {@code true} (other than {@code content}), and the {@code
   * exposedFields.content} parts set to {@code true}. Names are kept as sent, so a directory corpus
   * can serve parts this simulator does not generate ({@code interaction}, {@code collaboration}).
   */
  record Selector(boolean context, Set<String> exposed, Set<String> contentParts) {

    static final Selector EVERYTHING =
        new Selector(
            true,
            Set.of("parties"),
            Set.of("brief", "outline", "highlights", "keyPoints", "pointsOfInterest", "topics"));

    Selector {
      exposed = Collections.unmodifiableSet(new TreeSet<>(exposed));
      contentParts = Collections.unmodifiableSet(new TreeSet<>(contentParts));
    }

    static Selector from(Object contentSelector) {
      if (!(contentSelector instanceof Map<?, ?> selector)) {
        return new Selector(false, Set.of(), Set.of());
      }
      boolean context = "Extended".equalsIgnoreCase(String.valueOf(selector.get("context")));
      Map<?, ?> exposed = selector.get("exposedFields") instanceof Map<?, ?> e ? e : Map.of();
      Map<?, ?> content = exposed.get("content") instanceof Map<?, ?> c ? c : Map.of();
      return new Selector(context, namesSetTrue(exposed, "content"), namesSetTrue(content, null));
    }

    private static Set<String> namesSetTrue(Map<?, ?> flags, String except) {
      Set<String> names = new TreeSet<>();
      flags.forEach(
          (k, v) -> {
            if (Boolean.TRUE.equals(v) && !String.valueOf(k).equals(except)) {
              names.add(String.valueOf(k));
            }
          });
      return names;
    }

    boolean parties() {
      return exposed.contains("parties");
    }

    boolean brief() {
      return contentParts.contains("brief");
    }

    boolean outline() {
      return contentParts.contains("outline");
    }

    boolean highlights() {
      return contentParts.contains("highlights");
    }

    boolean keyPoints() {
      return contentParts.contains("keyPoints");
    }

    boolean pointsOfInterest() {
      return contentParts.contains("pointsOfInterest");
    }

    boolean topics() {
      return contentParts.contains("topics");
    }
  }

  private static List<Map<String, Object>> context(CorpusCall call) {
    var company = call.company();
    Map<String, Object> account = new LinkedHashMap<>();
    account.put("objectType", "Account");
    account.put("objectId", company.accountId());
    account.put("timing", "Now");
    account.put(
        "fields", List.of(field("Name", company.name()), field("Website", company.domain())));
    Map<String, Object> opportunity = new LinkedHashMap<>();
    opportunity.put("objectType", "Opportunity");
    opportunity.put("objectId", company.opportunityId());
    opportunity.put("timing", "Now");
    opportunity.put(
        "fields",
        List.of(
            field("Name", company.opportunityName()),
            field("Amount", company.dealAmount()),
            field("StageName", company.dealStage())));
    Map<String, Object> system = new LinkedHashMap<>();
    system.put("system", "Salesforce");
    system.put("objects", List.of(account, opportunity));
    return List.of(system);
  }

  private static Map<String, Object> field(String name, Object value) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("name", name);
    f.put("value", value);
    return f;
  }

  private static Map<String, Object> party(Party party) {
    Person person = party.person();
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("id", party.id());
    p.put("emailAddress", person.email());
    p.put("name", person.name());
    if (person.title() != null) {
      p.put("title", person.title());
    }
    if (person.userId() != null) {
      p.put("userId", person.userId());
    }
    p.put("speakerId", party.speakerId());
    p.put("affiliation", party.affiliation());
    p.put("methods", List.of("Invitee"));
    p.put("context", List.of());
    return p;
  }

  private static Map<String, Object> content(CorpusCall call, Selector selector) {
    Map<String, Object> content = new LinkedHashMap<>();
    List<String> titles =
        call.planted().stream()
            .map(p -> FeedbackCatalogue.byId(p.requestId()).title().toLowerCase(Locale.ROOT))
            .toList();
    if (selector.topics()) {
      List<Map<String, Object>> topics = new ArrayList<>();
      if (!titles.isEmpty()) {
        topics.add(Map.of("name", "Product feedback", "duration", 120 * titles.size()));
      }
      if (call.pricingTalk()) {
        topics.add(Map.of("name", "Pricing", "duration", 180));
      }
      topics.add(Map.of("name", "Next steps", "duration", 90));
      content.put("topics", topics);
    }
    if (selector.pointsOfInterest()) {
      Map<String, Object> action = new LinkedHashMap<>();
      action.put("snippetStartTime", call.durationSeconds() - 60);
      action.put("snippetEndTime", call.durationSeconds() - 52);
      action.put("speakerID", call.rep().speakerId());
      action.put("snippet", "I'll send over a summary and next steps by Friday.");
      content.put("pointsOfInterest", Map.of("actionItems", List.of(action)));
    }
    if (selector.brief()) {
      content.put(
          "brief",
          titles.isEmpty()
              ? call.company().name() + " discussed commercials and next steps."
              : call.company().name()
                  + " reviewed their usage and raised: "
                  + String.join("; ", titles)
                  + ".");
    }
    if (selector.outline()) {
      Map<String, Object> section = new LinkedHashMap<>();
      section.put("section", "Usage review");
      section.put("startTime", 60.0);
      section.put("duration", Math.max(60.0, call.durationSeconds() - 300.0));
      section.put(
          "items", List.of(Map.of("text", "Reviewed adoption across teams", "startTime", 95.0)));
      content.put("outline", List.of(section));
    }
    if (selector.highlights()) {
      content.put(
          "highlights",
          List.of(
              Map.of(
                  "title",
                  "Next steps",
                  "items",
                  List.of(
                      Map.of(
                          "text",
                          "Send a summary",
                          "startTimes",
                          List.of(call.durationSeconds() - 60.0))))));
    }
    if (selector.keyPoints()) {
      List<Map<String, Object>> points = new ArrayList<>();
      for (PlantedItem item : call.planted()) {
        points.add(Map.of("text", FeedbackCatalogue.byId(item.requestId()).title()));
      }
      if (call.pricingTalk()) {
        points.add(Map.of("text", "Pricing and renewal terms discussed"));
      }
      content.put("keyPoints", points);
    }
    return content;
  }

  static Map<String, Object> transcript(CorpusCall call) {
    Transcript transcript = TranscriptWriter.write(call);
    List<Map<String, Object>> monologues = new ArrayList<>();
    for (Transcript.Monologue m : transcript.monologues()) {
      Map<String, Object> mono = new LinkedHashMap<>();
      mono.put("speakerId", m.speakerId());
      mono.put("topic", m.topic());
      mono.put(
          "sentences",
          m.sentences().stream()
              .map(
                  s -> Map.<String, Object>of("start", s.start(), "end", s.end(), "text", s.text()))
              .toList());
      monologues.add(mono);
    }
    Map<String, Object> t = new LinkedHashMap<>();
    t.put("callId", call.id());
    t.put("transcript", monologues);
    return t;
  }

  static Map<String, Object> user(Person person, String created) {
    String[] names = person.name().split(" ", 2);
    Map<String, Object> u = new LinkedHashMap<>();
    u.put("id", person.userId());
    u.put("emailAddress", person.email());
    u.put("created", created);
    u.put("active", true);
    u.put("emailAliases", List.of());
    u.put("trustedEmailAddress", person.email());
    u.put("firstName", names[0]);
    u.put("lastName", names.length > 1 ? names[1] : "");
    u.put("title", person.title());
    u.put("phoneNumber", null);
    u.put("managerId", null);
    return u;
  }

  static Map<String, Object> records(long total, int pageSize, int pageNumber, String cursor) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("totalRecords", total);
    r.put("currentPageSize", pageSize);
    r.put("currentPageNumber", pageNumber);
    if (cursor != null) {
      r.put("cursor", cursor);
    }
    return r;
  }
}
