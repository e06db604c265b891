package dev.earshot.gong.simulator;

import dev.earshot.gong.simulator.Quirks.CrmShape;
import dev.earshot.gong.simulator.corpus.Company;
import dev.earshot.gong.simulator.corpus.CorpusCall;
import dev.earshot.gong.simulator.corpus.Person;
import dev.earshot.gong.simulator.corpus.PlantedItem;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The payload parts realism reshapes: Gong's webhook sample metadata, CRM context as Salesforce
 * integrations receive it, parties Gong knows little about, transcripts with unattributed
 * monologues, and the planted bad transcripts.
 */
final class FieldPayloads {

  /** The phrase an ASR repetition loop repeats (about 100 characters). */
  static final String LOOP_PHRASE =
      "Sorry, you cut out there, can you hear me now? Hello? I think you're on mute, can you hear me? ";

  /** How often one runaway sentence repeats the phrase (so a sentence is about 5 KB). */
  static final int PHRASES_PER_SENTENCE = 50;

  /** Text the runaway transcript carries at least: over Earshot's 4 MB topic limit. */
  static final long RUNAWAY_TEXT_BYTES = 5L * 1024 * 1024 + 1;

  private static final DateTimeFormatter SAMPLE_STARTED =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSxxx");
  private static final DateTimeFormatter SAMPLE_SCHEDULED =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx");

  /** The fields of {@code metaData} in Gong's published webhook sample, in its order. */
  static final List<String> SAMPLE_METADATA_FIELDS =
      List.of(
          "id",
          "url",
          "title",
          "scheduled",
          "started",
          "duration",
          "primaryUserId",
          "direction",
          "system",
          "scope",
          "media",
          "language");

  private FieldPayloads() {}

  /**
   * {@code metaData} as Gong's webhook sample has it (help.gong.io "Payload sent to webhooks"): no
   * {@code isPrivate}, no {@code workspaceId}; {@code started} with microseconds and an offset.
   */
  static Map<String, Object> sampleMetaData(
      Map<String, Object> metaData, CorpusCall call, ZoneOffset offset) {
    Map<String, Object> sample = new LinkedHashMap<>();
    for (String field : SAMPLE_METADATA_FIELDS) {
      sample.put(field, metaData.get(field));
    }
    sample.put("scheduled", SAMPLE_SCHEDULED.format(call.scheduled().atOffset(offset)));
    sample.put("started", SAMPLE_STARTED.format(call.started().atOffset(offset)));
    return sample;
  }

  /** {@code metaData} of a recorded call as a webhook sample: the flag and workspace removed. */
  static Map<String, Object> sampleMetaData(Map<String, Object> metaData) {
    Map<String, Object> sample = new LinkedHashMap<>(metaData);
    sample.remove("isPrivate");
    sample.remove("workspaceId");
    return sample;
  }

  /** Salesforce context as integrations see it: Opportunity first, numbers as text, arrays. */
  static List<Map<String, Object>> crmContext(Company company, CrmShape crm) {
    Map<String, Object> opportunity = new LinkedHashMap<>();
    opportunity.put("objectType", "Opportunity");
    opportunity.put("objectId", company.opportunityId());
    opportunity.put("timing", "Now");
    List<Map<String, Object>> oppFields = new ArrayList<>();
    oppFields.add(field("Name", company.opportunityName()));
    oppFields.add(field("Amount", amount(company.dealAmount(), crm.amount())));
    oppFields.add(field("CurrencyIsoCode", crm.currency()));
    oppFields.add(field("StageName", company.dealStage()));
    oppFields.add(field("Probability", "40"));
    oppFields.add(field("Product_Interest__c", crm.productInterest()));
    oppFields.add(field("NextStep", null));
    opportunity.put("fields", oppFields);

    Map<String, Object> account = new LinkedHashMap<>();
    account.put("objectType", "Account");
    account.put("objectId", company.accountId());
    account.put("timing", "Now");
    List<Map<String, Object>> accountFields = new ArrayList<>();
    accountFields.add(field("Name", company.name()));
    accountFields.add(field("Website", company.domain()));
    accountFields.add(field("Industry", null));
    accountFields.add(field("NumberOfEmployees", Long.toString(50 + company.dealAmount() / 500)));
    List<String> regions = new ArrayList<>();
    regions.add("North America");
    if (crm.regionsWithNull()) {
      regions.add(null);
    }
    accountFields.add(field("Regions__c", regions));
    account.put("fields", accountFields);

    Map<String, Object> system = new LinkedHashMap<>();
    system.put("system", "Salesforce");
    system.put("objects", List.of(opportunity, account));
    return List.of(system);
  }

  private static Object amount(long dealAmount, Quirks.Amount form) {
    return switch (form) {
      case TEXT -> dealAmount + ".00";
      case WIDE_TEXT -> dealAmount + "000000000000.00";
      case WIDE_NUMBER -> 1e20;
    };
  }

  private static Map<String, Object> field(String name, Object value) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("name", name);
    f.put("value", value);
    return f;
  }

  /** The generated parties plus a silent attendee and a phone-only dial-in, when planned. */
  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> withExtraParties(Object parties, GeneratedCall served) {
    List<Map<String, Object>> out = new ArrayList<>((List<Map<String, Object>>) parties);
    Quirks.Gaps gaps = served.quirks().gaps();
    long base = 3_300_000_000L + served.call().index() * 16L;
    Person attendee = gaps.silentAttendee();
    if (attendee != null) {
      Map<String, Object> p = new LinkedHashMap<>();
      p.put("id", Long.toString(base + 10));
      p.put("emailAddress", attendee.email());
      p.put("name", attendee.name());
      p.put("title", attendee.title());
      p.put("userId", attendee.userId());
      p.put("speakerId", null);
      p.put("affiliation", "Internal");
      p.put("methods", List.of("Invitee"));
      p.put("context", List.of());
      out.add(p);
    }
    if (gaps.phoneOnlyParty() != null) {
      Map<String, Object> p = new LinkedHashMap<>();
      p.put("id", Long.toString(base + 11));
      p.put("phoneNumber", gaps.phoneOnlyParty());
      p.put("speakerId", null);
      p.put("affiliation", "Unknown");
      p.put("methods", List.of("Attendee"));
      out.add(p);
    }
    return out;
  }

  /**
   * Sets {@code speakerId} null on every third monologue that carries no planted utterance (Gong
   * leaves speech it could not attribute without a speaker).
   */
  @SuppressWarnings("unchecked")
  static void unattribute(Map<String, Object> transcript, CorpusCall call) {
    Set<String> planted = new HashSet<>();
    for (PlantedItem item : call.planted()) {
      planted.addAll(item.utterances());
    }
    List<Map<String, Object>> monologues = (List<Map<String, Object>>) transcript.get("transcript");
    for (int i = 1; i < monologues.size(); i += 3) {
      Map<String, Object> monologue = monologues.get(i);
      List<Map<String, Object>> sentences = (List<Map<String, Object>>) monologue.get("sentences");
      if (sentences.stream().noneMatch(s -> planted.contains(String.valueOf(s.get("text"))))) {
        monologue.put("speakerId", null);
      }
    }
  }

  /** A transcript element no client can read: {@code transcript} is a string. */
  static Map<String, Object> unreadableTranscript(String callId) {
    Map<String, Object> t = new LinkedHashMap<>();
    t.put("callId", callId);
    t.put("transcript", "\uFFFD\uFFFD\u0000 transcript unavailable: corrupted segment 0x1f8b0800");
    return t;
  }

  /**
   * An ASR repetition loop: the call's transcript up to half-time, then one monologue whose
   * sentences repeat the same phrase until the call ends, until its text alone exceeds {@link
   * #RUNAWAY_TEXT_BYTES}.
   */
  @SuppressWarnings("unchecked")
  static Map<String, Object> runawayTranscript(CorpusCall call) {
    Map<String, Object> t = GongPayloads.transcript(call);
    long callMillis = call.durationSeconds() * 1000;
    long from = callMillis / 2;
    List<Map<String, Object>> monologues = new ArrayList<>();
    for (Map<String, Object> m : (List<Map<String, Object>>) t.get("transcript")) {
      List<Map<String, Object>> said = (List<Map<String, Object>>) m.get("sentences");
      if (((Number) said.getLast().get("end")).longValue() <= from) {
        monologues.add(m);
      }
    }
    String sentence = LOOP_PHRASE.repeat(PHRASES_PER_SENTENCE).trim();
    int count = (int) (RUNAWAY_TEXT_BYTES / sentence.length()) + 1;
    double step = Math.max(1.0, (callMillis - from - 1_000) / (double) count);
    List<Map<String, Object>> sentences = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      long start = from + (long) (i * step);
      Map<String, Object> s = new LinkedHashMap<>();
      s.put("start", start);
      s.put("end", start + Math.max(1, (long) step - 1));
      s.put("text", sentence);
      sentences.add(s);
    }
    Map<String, Object> loop = new LinkedHashMap<>();
    loop.put("speakerId", call.rep().speakerId());
    loop.put("topic", "Small talk");
    loop.put("sentences", sentences);
    monologues.add(loop);
    t.put("transcript", monologues);
    return t;
  }
}
