package dev.earshot.gong.simulator;

import dev.earshot.gong.simulator.corpus.CorpusCall;
import dev.earshot.gong.simulator.corpus.Person;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How one generated call departs from the tidy default under {@link Realism}: its timing as served,
 * its webhook's shape, its extensive lag, its nulls and gaps, its CRM shape and whether it is a
 * planted bad call. {@link #none(CorpusCall)} is the call exactly as generated.
 *
 * @param served the call with its realism timing (start, length, transcript readiness)
 * @param listableAt when Gong lists it: its end plus the processing delay
 * @param webhook the shape of its webhook delivery
 * @param extensiveLag extensive requests naming it that leave it out
 * @param gaps its nulls and gaps
 * @param crm its CRM context shape
 * @param fault why Earshot must park it {@code failed}, or {@link BadCall#NONE}
 * @param briefDelay how long after its analysis Gong's brief appears (realism's {@code
 *     lateBriefs}), or null when it is there from the start
 * @param names the realism faults that apply, for the ground truth's {@code faults}
 */
record Quirks(
    CorpusCall served,
    Instant listableAt,
    WebhookShape webhook,
    int extensiveLag,
    Gaps gaps,
    CrmShape crm,
    BadCall fault,
    Duration briefDelay,
    List<String> names) {

  static Quirks none(CorpusCall call) {
    return new Quirks(
        call,
        call.ended(),
        WebhookShape.NONE,
        0,
        Gaps.NONE,
        CrmShape.GENERATED,
        BadCall.NONE,
        null,
        List.of());
  }

  /**
   * A webhook delivery's shape.
   *
   * @param sample Gong's documented sample shape (no {@code isPrivate}, no {@code workspaceId} in
   *     {@code metaData}; {@code started} with microseconds and {@code offset})
   * @param offset the UTC offset its times are written with
   * @param topLevelPrivate a top-level {@code isPrivate} next to {@code isTest}, or null for none
   * @param withoutParties {@code callData} without {@code parties}
   */
  record WebhookShape(
      boolean sample, ZoneOffset offset, Boolean topLevelPrivate, boolean withoutParties) {
    static final WebhookShape NONE = new WebhookShape(false, ZoneOffset.UTC, null, false);

    /** The delivery body: {@code {"callData", "isTest": false}} plus the top-level flag, if any. */
    Map<String, Object> body(Map<String, Object> callData) {
      if (withoutParties) {
        callData.remove("parties");
      }
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("callData", callData);
      body.put("isTest", false);
      if (topLevelPrivate != null) {
        body.put("isPrivate", topLevelPrivate);
      }
      return body;
    }
  }

  /** How a call's parties are served. */
  enum PartiesGap {
    NONE,
    /** {@code "parties": []}. */
    EMPTY,
    /** no {@code parties} key at all. */
    ABSENT
  }

  /**
   * Nulls and gaps.
   *
   * @param language {@code und} or {@code zxx} instead of {@code eng}, or null
   * @param silentAttendee an internal attendee who never spoke ({@code speakerId: null}), or null
   * @param phoneOnlyParty a dial-in party known only by this phone number, or null
   * @param parties empty or absent parties
   * @param unattributedMonologues some monologues (none carrying planted feedback) lose {@code
   *     speakerId}
   * @param emptyTranscript {@code transcript: []}
   */
  record Gaps(
      String language,
      Person silentAttendee,
      String phoneOnlyParty,
      PartiesGap parties,
      boolean unattributedMonologues,
      boolean emptyTranscript) {
    static final Gaps NONE = new Gaps(null, null, null, PartiesGap.NONE, false, false);
  }

  /** Which amount a real-shaped Opportunity carries. */
  enum Amount {
    /** {@code "120000.00"}. */
    TEXT,
    /** wider than {@code decimal(18,2)}, as text: {@code "120000000000000000.00"}. */
    WIDE_TEXT,
    /** wider than {@code decimal(18,2)}, as a JSON number: {@code 1.0E20}. */
    WIDE_NUMBER
  }

  /**
   * CRM context shape.
   *
   * @param real real integration shapes (false: the generated context, as today)
   * @param amount the Opportunity amount's form
   * @param currency {@code CurrencyIsoCode}
   * @param productInterest a multi-select picklist, as an array
   * @param regionsWithNull an Account multi-select whose array holds a null
   */
  record CrmShape(
      boolean real,
      Amount amount,
      String currency,
      List<String> productInterest,
      boolean regionsWithNull) {
    static final CrmShape GENERATED = new CrmShape(false, Amount.TEXT, null, List.of(), false);
  }

  /** A planted bad call: what makes it impossible to publish. */
  enum BadCall {
    NONE(null),
    /** {@code "transcript"} is a string, not an array: a corrupted answer. */
    UNREADABLE_TRANSCRIPT("unreadable_transcript"),
    /** an ASR repetition loop: over 5 MB of text, past Earshot's 4 MB topic limit. */
    OVERSIZED_TRANSCRIPT("oversized_transcript");

    private final String label;

    BadCall(String label) {
      this.label = label;
    }

    /** The ground truth's {@code fault}, or null. */
    String label() {
      return label;
    }
  }
}
