package dev.earshot.gong.simulator;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How unfriendly the simulator is: each switch turns on one way real Gong differs from the tidy
 * default, as public reports by Gong integrators describe it (the field cases under {@code
 * shared/field-cases/}). {@link #none()} is the default and serves exactly what the simulator
 * served before realism existed (every switch off); {@link #field()} turns every switch on.
 *
 * <p>Which calls a switch affects is decided per call from the corpus seed with a salt of its own
 * (never from the corpus's random stream), so the generated corpus is the same whatever is on, and
 * one switch never changes another's choices. The schedule numbers count the API requests of one
 * credential (an access key, or one OAuth app's tokens): every authenticated request counts,
 * whatever its answer; each scheduled event fires once per run, for the first credential that
 * reaches its count. Numbers are inert while their switch is off.
 *
 * @param webhookSampleShape webhook deliveries in Gong's documented sample shape: {@code
 *     callData.metaData} without {@code isPrivate} and {@code workspaceId}, {@code started} with
 *     microseconds and a UTC offset; a share carry a top-level {@code isPrivate} next to {@code
 *     isTest} (half of the private calls with {@code true}, a fifth of the public ones with {@code
 *     false}); 15 % omit {@code parties}; {@code started} carries microseconds on every endpoint.
 *     Source: field case 02 (help.gong.io "Payload sent to webhooks"; vercel-labs
 *     call-summary-agent {@code lib/types.ts}; docs.sim.ai Gong trigger)
 * @param longCallsListedLate 8 % of calls last 1–3 hours; every call becomes listable (and known to
 *     extensive and transcript) only at its end plus a processing delay of 2–90 minutes, mostly
 *     short; 3 % of calls start in the last 4 hours, so some are still running or processing at the
 *     corpus's "now"; two feedback calls replay field case 01 (a 3-hour call that started 2 h
 *     before "now" is listed after a 15-minute call that started 30 minutes later). Source: field
 *     case 01 (PipedreamHQ/pipedream issue 21479 and PR 21784; onyx Gong connector; amp-labs
 *     connectors PR 1064)
 * @param extensiveLag 10 % of calls are unknown to {@code calls/extensive} for the first one or two
 *     requests that name them in {@code filter.callIds} (their transcript already exists); later
 *     requests return them. Source: issue 13 Part A.1, field case 02 (Earshot must learn privacy
 *     from extensive, so a lagging answer must not be taken as "public")
 * @param nullsAndGaps {@code speakerId} null on a share of monologues (never those carrying planted
 *     feedback) and on parties who did not speak; parties with only a {@code phoneNumber}; and, on
 *     calls without planted feedback only (so the item ground truth stays exact): calls whose
 *     {@code parties} are empty or absent, empty transcripts ({@code transcript: []}), and {@code
 *     language} {@code und} / {@code zxx}. Source: issue 13 Part A.1; field case 02 (a webhook
 *     without parties); shares **assumed**
 * @param realCrmShapes CRM context as Salesforce integrations receive it: the Opportunity object
 *     before the Account, numbers as strings ({@code "Amount": "120000.00"}), multi-select
 *     picklists as arrays, null values, a {@code CurrencyIsoCode}, and on 7 % of calls an amount
 *     wider than Avro {@code decimal(18,2)} ({@code "12345678901234567.00"} or the number {@code
 *     1e20}). Source: issue 13 Parts A.1 and B.2 (wide decimals, nulls in arrays); field names and
 *     values Salesforce-style, **assumed**
 * @param quotaAndRevocation the scheduled failures below happen, daily-quota 429s carry field case
 *     08's body, and revoked credentials get field case 09's 401 body. Source: field cases 08
 *     (airbytehq/airbyte PR 80891; help.gong.io API limits), 09 (NangoHQ Gong guide; dust-tt/dust
 *     PR 26212) and 10 (dust-tt/dust PR 27851; amp-labs/connectors PR 3000)
 * @param plantedBadCalls a few public calls without planted feedback are served so that Earshot
 *     must park them {@code failed}: half with a transcript element Gong's client cannot read
 *     ({@code "transcript"} is a string), half with a runaway transcript (an ASR repetition loop)
 *     over 5 MB of text, larger than Earshot's 4 MB topic limit once serialized. Source: issue 13
 *     Part B.2 (one bad call never stalls others)
 * @param lateBriefs 15 % of public calls have no {@code content.brief} (Gong's AI summary) in
 *     {@code calls/extensive} until 30 minutes to 6 hours after they were analysed (on the
 *     simulator's clock), nor in their webhook's call data; the rest of their content is there from
 *     the start. Generated corpora only. Source: issue 17 (the summary arrives after analysis, so a
 *     call may be published before it exists); delays **assumed**
 * @param forbiddenAfter after this many requests of a credential, its next {@code
 *     forbiddenRequests} requests are answered 403 {@code {"errors":["Forbidden"]}}, naming no
 *     scope (0 = never; field case 10)
 * @param forbiddenRequests how many requests the 403 stretch lasts
 * @param quotaExhaustedAfter after this many requests of a credential, its daily quota is spent:
 *     every request of that credential gets 429 with a {@code Retry-After} up to the simulator's
 *     next UTC midnight (0 = never; field case 08)
 * @param revokedAfter after this many requests of a credential, it is revoked (an access key, or
 *     every token of an OAuth app): 401 "Unauthorized: access token has been revoked" (0 = never;
 *     field case 09)
 * @param badCalls how many planted bad calls (kinds alternate, unreadable first)
 */
public record Realism(
    boolean webhookSampleShape,
    boolean longCallsListedLate,
    boolean extensiveLag,
    boolean nullsAndGaps,
    boolean realCrmShapes,
    boolean quotaAndRevocation,
    boolean plantedBadCalls,
    boolean lateBriefs,
    long forbiddenAfter,
    int forbiddenRequests,
    long quotaExhaustedAfter,
    long revokedAfter,
    int badCalls) {

  /** The switches by name, for profiles, the command line and the admin API. */
  public enum Switch {
    WEBHOOK_SAMPLE_SHAPE("webhookSampleShape"),
    LONG_CALLS_LISTED_LATE("longCallsListedLate"),
    EXTENSIVE_LAG("extensiveLag"),
    NULLS_AND_GAPS("nullsAndGaps"),
    REAL_CRM_SHAPES("realCrmShapes"),
    QUOTA_AND_REVOCATION("quotaAndRevocation"),
    PLANTED_BAD_CALLS("plantedBadCalls"),
    LATE_BRIEFS("lateBriefs");

    private final String jsonName;

    Switch(String jsonName) {
      this.jsonName = jsonName;
    }

    /** The record component's name, as the admin API shows it. */
    public String jsonName() {
      return jsonName;
    }
  }

  public Realism {
    if (forbiddenAfter < 0 || quotaExhaustedAfter < 0 || revokedAfter < 0) {
      throw new IllegalArgumentException("schedule counts must be >= 0 (0 = never)");
    }
    if (forbiddenRequests < 0 || badCalls < 0) {
      throw new IllegalArgumentException("forbiddenRequests and badCalls must be >= 0");
    }
  }

  /** Today's behaviour: every switch off (the schedule numbers are those of {@link #field()}). */
  public static Realism none() {
    return new Realism(false, false, false, false, false, false, false, false, 40, 3, 150, 300, 2);
  }

  /**
   * Every switch on: a 403 stretch of 3 requests after a credential's 40th request, its daily quota
   * spent after its 150th, the credential revoked after its 300th, two planted bad calls.
   */
  public static Realism field() {
    Realism realism = none();
    for (Switch s : Switch.values()) {
      realism = realism.with(s, true);
    }
    return realism;
  }

  /** {@link #none()} with only these switches on. */
  public static Realism only(Switch... switches) {
    Realism realism = none();
    for (Switch s : switches) {
      realism = realism.with(s, true);
    }
    return realism;
  }

  /**
   * A profile by name: {@code none} or {@code field} (case-insensitive).
   *
   * @throws IllegalArgumentException for any other name
   */
  public static Realism profile(String name) {
    return switch (name.trim().toLowerCase(Locale.ROOT)) {
      case "none" -> none();
      case "field" -> field();
      default ->
          throw new IllegalArgumentException("realism profile must be none or field, not " + name);
    };
  }

  public boolean isOn(Switch s) {
    return switch (s) {
      case WEBHOOK_SAMPLE_SHAPE -> webhookSampleShape;
      case LONG_CALLS_LISTED_LATE -> longCallsListedLate;
      case EXTENSIVE_LAG -> extensiveLag;
      case NULLS_AND_GAPS -> nullsAndGaps;
      case REAL_CRM_SHAPES -> realCrmShapes;
      case QUOTA_AND_REVOCATION -> quotaAndRevocation;
      case PLANTED_BAD_CALLS -> plantedBadCalls;
      case LATE_BRIEFS -> lateBriefs;
    };
  }

  /** This realism with one switch set. */
  public Realism with(Switch s, boolean on) {
    boolean[] v = {
      webhookSampleShape,
      longCallsListedLate,
      extensiveLag,
      nullsAndGaps,
      realCrmShapes,
      quotaAndRevocation,
      plantedBadCalls,
      lateBriefs
    };
    v[s.ordinal()] = on;
    return new Realism(
        v[0],
        v[1],
        v[2],
        v[3],
        v[4],
        v[5],
        v[6],
        v[7],
        forbiddenAfter,
        forbiddenRequests,
        quotaExhaustedAfter,
        revokedAfter,
        badCalls);
  }

  /** This realism with another schedule (request counts per credential; 0 = never). */
  public Realism withSchedule(
      long forbiddenAfterRequests,
      int forbiddenStretch,
      long quotaExhaustedAfterRequests,
      long revokedAfterRequests) {
    return new Realism(
        webhookSampleShape,
        longCallsListedLate,
        extensiveLag,
        nullsAndGaps,
        realCrmShapes,
        quotaAndRevocation,
        plantedBadCalls,
        lateBriefs,
        forbiddenAfterRequests,
        forbiddenStretch,
        quotaExhaustedAfterRequests,
        revokedAfterRequests,
        badCalls);
  }

  /** This realism with another number of planted bad calls. */
  public Realism withBadCalls(int count) {
    return new Realism(
        webhookSampleShape,
        longCallsListedLate,
        extensiveLag,
        nullsAndGaps,
        realCrmShapes,
        quotaAndRevocation,
        plantedBadCalls,
        lateBriefs,
        forbiddenAfter,
        forbiddenRequests,
        quotaExhaustedAfter,
        revokedAfter,
        count);
  }

  /** The switches that are on. */
  public List<Switch> enabled() {
    return Arrays.stream(Switch.values()).filter(this::isOn).toList();
  }

  /** True when every switch is off (today's behaviour). */
  public boolean isNone() {
    return enabled().isEmpty();
  }

  /** The profile name when this is exactly a profile, else {@code custom}. */
  public String profileName() {
    if (equals(none())) {
      return "none";
    }
    return equals(field()) ? "field" : "custom";
  }

  /** JSON form for the admin API: every component by name. */
  public Map<String, Object> describe() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("profile", profileName());
    for (Switch s : Switch.values()) {
      out.put(s.jsonName(), isOn(s));
    }
    out.put("forbiddenAfter", forbiddenAfter);
    out.put("forbiddenRequests", forbiddenRequests);
    out.put("quotaExhaustedAfter", quotaExhaustedAfter);
    out.put("revokedAfter", revokedAfter);
    out.put("badCalls", badCalls);
    return out;
  }

  /** The names of the switches that are on, for logs and the start banner. */
  public List<String> enabledNames() {
    List<String> names = new ArrayList<>();
    enabled().forEach(s -> names.add(s.jsonName()));
    return names;
  }
}
