package dev.earshot.gong.simulator;

import dev.earshot.gong.simulator.Quirks.Amount;
import dev.earshot.gong.simulator.Quirks.BadCall;
import dev.earshot.gong.simulator.Quirks.CrmShape;
import dev.earshot.gong.simulator.Quirks.Gaps;
import dev.earshot.gong.simulator.Quirks.PartiesGap;
import dev.earshot.gong.simulator.Quirks.WebhookShape;
import dev.earshot.gong.simulator.corpus.Corpus;
import dev.earshot.gong.simulator.corpus.CorpusCall;
import dev.earshot.gong.simulator.corpus.Person;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Predicate;

/**
 * Decides each generated call's {@link Quirks} under a {@link Realism}. Every switch draws from its
 * own stream, {@code Corpus.mix(seed ^ SALT, index)}, always drawing the same values in the same
 * order, so the corpus and the other switches' choices never depend on what else is on. Shares are
 * documented on {@link Realism}.
 */
final class QuirkPlanner {

  private static final long TIMING = 0x7A11_57A2_71E5_0001L;
  private static final long SHAPE = 0x5EB4_00C5_4A9E_0002L;
  private static final long LAG = 0x1A66_ED0E_C7E5_0003L;
  private static final long GAPS = 0x6A95_0F0D_A7A0_0004L;
  private static final long CRM = 0xC4A5_5A9E_50F0_0005L;
  private static final long BAD = 0xBAD0_CA11_5EED_0006L;
  private static final long CASE_01 = 0xCA5E_0001_0000_0007L;
  private static final long BRIEF = 0xB41E_F1A7_E000_0008L;

  static final Duration CASE_01_LONG_START = Duration.ofHours(2);
  static final Duration CASE_01_LONG_LENGTH = Duration.ofHours(3);
  static final Duration CASE_01_LONG_DELAY = Duration.ofMinutes(25);
  static final Duration CASE_01_SHORT_START = Duration.ofMinutes(90);
  static final Duration CASE_01_SHORT_LENGTH = Duration.ofMinutes(15);
  static final Duration CASE_01_SHORT_DELAY = Duration.ofMinutes(5);

  private static final List<ZoneOffset> OFFSETS =
      List.of(
          ZoneOffset.ofHours(-8),
          ZoneOffset.ofHours(-7),
          ZoneOffset.ofHours(-5),
          ZoneOffset.ofHours(0),
          ZoneOffset.ofHours(1),
          ZoneOffset.ofHoursMinutes(5, 30));
  private static final List<String> CURRENCIES = List.of("USD", "USD", "USD", "EUR", "GBP");
  private static final List<String> PRODUCTS =
      List.of("Analytics", "Workflow", "Integrations", "SSO", "Mobile");

  private QuirkPlanner() {}

  /** The corpus's calls as served, in start order. */
  static List<GeneratedCall> plan(Corpus corpus, Realism realism) {
    long seed = corpus.seed();
    Map<Integer, BadCall> bad =
        realism.plantedBadCalls() ? badCalls(corpus, realism.badCalls()) : Map.of();
    List<CorpusCall> case01 =
        realism.longCallsListedLate()
            ? chosen(corpus, CASE_01, c -> !c.isPrivate() && !c.planted().isEmpty(), 2)
            : List.of();
    List<GeneratedCall> served = new ArrayList<>(corpus.calls().size());
    for (CorpusCall call : corpus.calls()) {
      if (realism.isNone()) {
        served.add(new GeneratedCall(call, Quirks.none(call)));
        continue;
      }
      List<String> names = new ArrayList<>();
      Timing timing = timing(corpus, call, realism, case01, names);
      WebhookShape webhook = webhook(seed, call, realism, names);
      CorpusCall retimed = timing.apply(call, webhook.sample() ? micros(seed, call) : 0);
      Instant listableAt = retimed.ended().plus(timing.delay());
      if (realism.longCallsListedLate()) {
        Instant ready =
            call.transcriptReady(corpus.now()) || call.transcriptReadyAt().isBefore(listableAt)
                ? listableAt
                : call.transcriptReadyAt();
        retimed = withReadyAt(retimed, ready);
        if (listableAt.isAfter(corpus.now())) {
          names.add("processing_at_start");
        }
      }
      int lag = plannedLag(seed, call, realism, names);
      Gaps gaps = gaps(corpus, call, realism, names);
      CrmShape crm = crm(seed, call, realism, names);
      BadCall fault = bad.getOrDefault(call.index(), BadCall.NONE);
      if (fault != BadCall.NONE) {
        names.add(fault.label());
      }
      Duration briefDelay = briefDelay(seed, call, realism, names);
      served.add(
          new GeneratedCall(
              call,
              new Quirks(
                  retimed,
                  listableAt,
                  webhook,
                  lag,
                  gaps,
                  crm,
                  fault,
                  briefDelay,
                  List.copyOf(names))));
    }
    served.sort(
        Comparator.comparing((GeneratedCall c) -> c.started()).thenComparing(GeneratedCall::id));
    return List.copyOf(served);
  }

  /** A call's start, length and processing delay as served. */
  private record Timing(Instant started, long durationSeconds, Duration delay) {

    CorpusCall apply(CorpusCall call, long micros) {
      Instant start = started.plus(micros, ChronoUnit.MICROS);
      Duration lead = Duration.between(call.scheduled(), call.started());
      return new CorpusCall(
          call.index(),
          call.id(),
          call.title(),
          started.minus(lead),
          start,
          durationSeconds,
          call.company(),
          call.parties(),
          call.isPrivate(),
          call.transcriptReadyAt(),
          call.planted(),
          call.pricingTalk(),
          call.seed(),
          call.actions());
    }
  }

  private static Timing timing(
      Corpus corpus,
      CorpusCall call,
      Realism realism,
      List<CorpusCall> case01,
      List<String> names) {
    if (!realism.longCallsListedLate()) {
      return new Timing(call.started(), call.durationSeconds(), Duration.ZERO);
    }
    SplittableRandom r = stream(corpus.seed(), TIMING, call);
    boolean longCall = r.nextInt(100) < 8;
    long longLength = 3_600 + r.nextInt(7_201);
    boolean recent = r.nextInt(100) < 3;
    long recentAgo = 600 + r.nextLong(4 * 3_600 - 600);
    double d = r.nextDouble();
    Duration delay = Duration.ofSeconds(120 + (long) (d * d * d * 5_280));
    Instant now = corpus.now();
    if (!case01.isEmpty() && case01.getFirst().index() == call.index()) {
      names.add("long_call");
      names.add("listed_after_later_call");
      return new Timing(
          now.minus(CASE_01_LONG_START), CASE_01_LONG_LENGTH.toSeconds(), CASE_01_LONG_DELAY);
    }
    if (case01.size() > 1 && case01.get(1).index() == call.index()) {
      names.add("listed_before_earlier_call");
      return new Timing(
          now.minus(CASE_01_SHORT_START), CASE_01_SHORT_LENGTH.toSeconds(), CASE_01_SHORT_DELAY);
    }
    if (longCall) {
      names.add("long_call");
    }
    return new Timing(
        recent ? now.minusSeconds(recentAgo) : call.started(),
        longCall ? longLength : call.durationSeconds(),
        delay);
  }

  private static long micros(long seed, CorpusCall call) {
    return stream(seed, SHAPE, call).nextInt(1_000_000);
  }

  private static WebhookShape webhook(
      long seed, CorpusCall call, Realism realism, List<String> names) {
    if (!realism.webhookSampleShape()) {
      return WebhookShape.NONE;
    }
    WebhookShape shape = webhookShape(seed, call.index(), call.isPrivate());
    if (shape.topLevelPrivate() != null) {
      names.add("webhook_top_level_private");
    }
    if (shape.withoutParties()) {
      names.add("webhook_without_parties");
    }
    return shape;
  }

  /**
   * The sample-shape decisions for the call at {@code index} (of the generated corpus or of a
   * directory): half of the private calls and a fifth of the public ones carry a top-level {@code
   * isPrivate}; 15 % omit parties.
   */
  static WebhookShape webhookShape(long seed, int index, boolean isPrivate) {
    SplittableRandom r = stream(seed, SHAPE, index);
    r.nextInt(1_000_000); // the microseconds of its start
    ZoneOffset offset = OFFSETS.get(r.nextInt(OFFSETS.size()));
    int flag = r.nextInt(100);
    boolean withoutParties = r.nextInt(100) < 15;
    Boolean topLevel = isPrivate ? (flag < 50 ? Boolean.TRUE : null) : (flag < 20 ? false : null);
    return new WebhookShape(true, offset, topLevel, withoutParties);
  }

  private static int plannedLag(long seed, CorpusCall call, Realism realism, List<String> names) {
    if (!realism.extensiveLag()) {
      return 0;
    }
    int lag = lag(seed, call.index());
    if (lag > 0) {
      names.add("extensive_lag");
    }
    return lag;
  }

  /** 10 % of calls lag one or two extensive requests (also used for directory corpora). */
  static int lag(long seed, int index) {
    SplittableRandom r = stream(seed, LAG, index);
    boolean lagging = r.nextInt(100) < 10;
    int requests = 1 + r.nextInt(2);
    return lagging ? requests : 0;
  }

  /** 15 % of public calls get their brief 30 minutes to 6 hours after analysis; others null. */
  private static Duration briefDelay(
      long seed, CorpusCall call, Realism realism, List<String> names) {
    if (!realism.lateBriefs() || call.isPrivate()) {
      return null;
    }
    SplittableRandom r = stream(seed, BRIEF, call);
    boolean late = r.nextInt(100) < 15;
    long minutes = 30 + r.nextInt(331);
    if (!late) {
      return null;
    }
    names.add("late_brief");
    return Duration.ofMinutes(minutes);
  }

  private static Gaps gaps(Corpus corpus, CorpusCall call, Realism realism, List<String> names) {
    if (!realism.nullsAndGaps()) {
      return Gaps.NONE;
    }
    SplittableRandom r = stream(corpus.seed(), GAPS, call);
    int language = r.nextInt(100);
    boolean silent = r.nextInt(100) < 30;
    boolean phone = r.nextInt(100) < 15;
    boolean unattributed = r.nextInt(100) < 20;
    int partiesGap = r.nextInt(100);
    boolean empty = r.nextInt(100) < 8;
    int phoneDigits = r.nextInt(100);
    int attendee = r.nextInt(corpus.reps().size());
    // gaps that would hide planted feedback only hit calls without any
    boolean noItems = call.planted().isEmpty();
    String lang = !noItems ? null : language < 3 ? "und" : language < 6 ? "zxx" : null;
    PartiesGap parties =
        !noItems
            ? PartiesGap.NONE
            : partiesGap < 8
                ? PartiesGap.EMPTY
                : partiesGap < 16 ? PartiesGap.ABSENT : PartiesGap.NONE;
    Person silentAttendee = null;
    if (silent) {
      Person candidate = corpus.reps().get(attendee);
      silentAttendee =
          candidate.equals(call.rep().person())
              ? corpus.reps().get((attendee + 1) % corpus.reps().size())
              : candidate;
    }
    String phoneNumber = phone ? String.format("+1 415 555 01%02d", phoneDigits) : null;
    boolean emptyTranscript = noItems && empty;
    if (lang != null) {
      names.add("language_" + lang);
    }
    if (silentAttendee != null) {
      names.add("silent_party");
    }
    if (phoneNumber != null) {
      names.add("phone_only_party");
    }
    if (parties != PartiesGap.NONE) {
      names.add(parties == PartiesGap.EMPTY ? "parties_empty" : "parties_absent");
    }
    if (unattributed) {
      names.add("unattributed_monologues");
    }
    if (emptyTranscript) {
      names.add("empty_transcript");
    }
    return new Gaps(lang, silentAttendee, phoneNumber, parties, unattributed, emptyTranscript);
  }

  private static CrmShape crm(long seed, CorpusCall call, Realism realism, List<String> names) {
    if (!realism.realCrmShapes()) {
      return CrmShape.GENERATED;
    }
    SplittableRandom r = stream(seed, CRM, call);
    int wide = r.nextInt(100);
    boolean regionsWithNull = r.nextInt(100) < 10;
    String currency = CURRENCIES.get(r.nextInt(CURRENCIES.size()));
    int first = r.nextInt(PRODUCTS.size());
    int count = 1 + r.nextInt(3);
    List<String> products = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      products.add(PRODUCTS.get((first + i) % PRODUCTS.size()));
    }
    Amount amount = wide < 4 ? Amount.WIDE_TEXT : wide < 7 ? Amount.WIDE_NUMBER : Amount.TEXT;
    if (amount != Amount.TEXT) {
      names.add("crm_wide_amount");
    }
    if (regionsWithNull) {
      names.add("crm_null_in_array");
    }
    return new CrmShape(true, amount, currency, List.copyOf(products), regionsWithNull);
  }

  /** Public calls without planted feedback, so parking them loses no labelled item. */
  private static Map<Integer, BadCall> badCalls(Corpus corpus, int count) {
    List<CorpusCall> chosen =
        chosen(corpus, BAD, c -> !c.isPrivate() && c.planted().isEmpty(), count);
    Map<Integer, BadCall> bad = new HashMap<>();
    for (int i = 0; i < chosen.size(); i++) {
      bad.put(
          chosen.get(i).index(),
          i % 2 == 0 ? BadCall.UNREADABLE_TRANSCRIPT : BadCall.OVERSIZED_TRANSCRIPT);
    }
    return bad;
  }

  /** The first {@code count} eligible calls in an order drawn from {@code salt}. */
  private static List<CorpusCall> chosen(
      Corpus corpus, long salt, Predicate<CorpusCall> eligible, int count) {
    return corpus.calls().stream()
        .filter(eligible)
        .sorted(
            Comparator.comparingLong((CorpusCall c) -> Corpus.mix(corpus.seed() ^ salt, c.index()))
                .thenComparing(CorpusCall::id))
        .limit(count)
        .toList();
  }

  private static CorpusCall withReadyAt(CorpusCall call, Instant readyAt) {
    return new CorpusCall(
        call.index(),
        call.id(),
        call.title(),
        call.scheduled(),
        call.started(),
        call.durationSeconds(),
        call.company(),
        call.parties(),
        call.isPrivate(),
        readyAt,
        call.planted(),
        call.pricingTalk(),
        call.seed(),
        call.actions());
  }

  private static SplittableRandom stream(long seed, long salt, CorpusCall call) {
    return stream(seed, salt, call.index());
  }

  private static SplittableRandom stream(long seed, long salt, int index) {
    return new SplittableRandom(Corpus.mix(seed ^ salt, index));
  }
}
