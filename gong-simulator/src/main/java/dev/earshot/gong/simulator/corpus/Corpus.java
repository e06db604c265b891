package dev.earshot.gong.simulator.corpus;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A deterministic corpus of calls over the 60 days before {@code now}: the same seed, size and
 * {@code now} give the same calls, people, transcripts and ground truth. About 5 % of calls are
 * private, about 5 % get their transcript late, about a quarter are pure sales talk; the rest voice
 * one to three catalogue requests, popular ones far more often (several calls, different words).
 */
public final class Corpus {

  public static final Duration SPAN = Duration.ofDays(60);
  public static final String WORKSPACE_ID = "402211987766551";
  private static final String OUR_DOMAIN = "ourco.example";

  private final long seed;
  private final Instant now;
  private final List<Person> reps;
  private final List<Company> companies;
  private final List<CorpusCall> calls;
  private final Map<String, CorpusCall> byId;
  private final boolean plantActions;

  /** Salt of the per-call random streams that plant action items (never the corpus's own). */
  private static final long ACTIONS_SALT = 0x4AC71035L;

  private Corpus(long seed, int size, Instant now, boolean plantActions) {
    this.seed = seed;
    this.plantActions = plantActions;
    this.now = now.truncatedTo(ChronoUnit.SECONDS);
    SplittableRandom random = new SplittableRandom(seed);
    this.reps = reps(random);
    this.companies = companies(random, Math.max(8, Math.min(60, size / 10)));
    List<CorpusCall> generated = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      generated.add(call(i, new SplittableRandom(mix(seed, i))));
    }
    generated.sort(Comparator.comparing(CorpusCall::started).thenComparing(CorpusCall::id));
    this.calls = List.copyOf(generated);
    Map<String, CorpusCall> index = new LinkedHashMap<>();
    calls.forEach(c -> index.put(c.id(), c));
    this.byId = index;
  }

  public static Corpus generate(long seed, int size, Instant now) {
    if (size < 1 || size > 100_000) {
      throw new IllegalArgumentException("corpus size must be 1..100000, not " + size);
    }
    return new Corpus(seed, size, now, false);
  }

  /**
   * The same corpus as {@link #generate} (same calls, people, feedback and talk) with zero to three
   * action items planted in each call's "Next steps" ({@link ActionCatalogue}), drawn from random
   * streams of their own: the follow-up benchmark's ground truth. Transcripts get these sentences
   * and later times; everything else is as {@link #generate} makes it.
   */
  public static Corpus withPlantedActions(long seed, int size, Instant now) {
    if (size < 1 || size > 100_000) {
      throw new IllegalArgumentException("corpus size must be 1..100000, not " + size);
    }
    return new Corpus(seed, size, now, true);
  }

  public long seed() {
    return seed;
  }

  public Instant now() {
    return now;
  }

  /** Calls ordered by start time. */
  public List<CorpusCall> calls() {
    return calls;
  }

  public CorpusCall call(String id) {
    return byId.get(id);
  }

  public List<Person> reps() {
    return reps;
  }

  public List<Company> companies() {
    return companies;
  }

  private CorpusCall call(int index, SplittableRandom random) {
    long span = SPAN.toSeconds();
    long durationSeconds = 900 + random.nextInt(2_700);
    Instant started =
        now.minusSeconds(durationSeconds + 600 + random.nextLong(span - durationSeconds - 600));
    Instant scheduled = started.minusSeconds(random.nextInt(240));
    boolean isPrivate = random.nextInt(100) < 5;
    boolean late = random.nextInt(100) < 5;
    Instant ended = started.plusSeconds(durationSeconds);
    Instant readyAt = late ? now.plusSeconds(600 + random.nextInt(5_400)) : ended.plusSeconds(300);
    Company company = companies.get(random.nextInt(companies.size()));
    Person rep = reps.get(random.nextInt(reps.size()));
    List<Party> parties = new ArrayList<>();
    parties.add(party(index, 0, rep, "Internal"));
    int externals = 1 + random.nextInt(Math.min(2, company.contacts().size()));
    List<Person> contacts = new ArrayList<>(company.contacts());
    for (int e = 0; e < externals; e++) {
      parties.add(
          party(index, e + 1, contacts.remove(random.nextInt(contacts.size())), "External"));
    }
    if (random.nextInt(20) == 0) {
      parties.add(party(index, 9, new Person("Unknown speaker", null, null, null), "Unknown"));
    }
    boolean salesOnly = random.nextInt(100) < 25;
    List<PlantedItem> planted = salesOnly ? List.of() : planted(random, parties);
    boolean pricing = salesOnly || random.nextInt(100) < 60;
    String purpose =
        salesOnly
            ? pick(random, List.of("renewal", "pricing review", "contract check-in"))
            : pick(
                random,
                List.of(
                    "quarterly review", "weekly sync", "product check-in", "onboarding review"));
    return new CorpusCall(
        index,
        callId(index),
        company.name() + " | " + purpose,
        scheduled,
        started,
        durationSeconds,
        company,
        List.copyOf(parties),
        isPrivate,
        readyAt,
        planted,
        pricing,
        mix(seed ^ 0x5DEECE66DL, index),
        plantActions
            ? ActionCatalogue.plant(
                new SplittableRandom(mix(seed ^ ACTIONS_SALT, index)),
                parties.getFirst(),
                parties.stream().filter(p -> "External".equals(p.affiliation())).toList())
            : List.of());
  }

  private List<PlantedItem> planted(SplittableRandom random, List<Party> parties) {
    List<Party> externals =
        parties.stream().filter(p -> "External".equals(p.affiliation())).toList();
    int count = 1 + random.nextInt(3);
    List<String> chosen = new ArrayList<>();
    List<PlantedItem> items = new ArrayList<>();
    while (items.size() < count) {
      FeedbackCatalogue.Request request = popular(random);
      if (chosen.contains(request.id())) {
        continue;
      }
      chosen.add(request.id());
      Party speaker = externals.get(random.nextInt(externals.size()));
      List<String> phrasings = new ArrayList<>(request.phrasings());
      List<String> utterances = new ArrayList<>();
      utterances.add(phrasings.remove(random.nextInt(phrasings.size())));
      if (random.nextInt(5) == 0) {
        utterances.add(phrasings.remove(random.nextInt(phrasings.size())));
      }
      items.add(
          new PlantedItem(
              request.id(), request.kind(), speaker.speakerId(), List.copyOf(utterances)));
    }
    return List.copyOf(items);
  }

  /** Zipf-like popularity: the first requests of the catalogue are voiced far more often. */
  private static FeedbackCatalogue.Request popular(SplittableRandom random) {
    int n = FeedbackCatalogue.REQUESTS.size();
    double total = 0;
    for (int i = 1; i <= n; i++) {
      total += 1.0 / i;
    }
    double draw = random.nextDouble() * total;
    for (int i = 1; i <= n; i++) {
      draw -= 1.0 / i;
      if (draw <= 0) {
        return FeedbackCatalogue.REQUESTS.get(i - 1);
      }
    }
    return FeedbackCatalogue.REQUESTS.get(n - 1);
  }

  private static Party party(int callIndex, int position, Person person, String affiliation) {
    long base = 3_300_000_000L + callIndex * 16L + position;
    return new Party(
        Long.toString(base),
        Long.toString(7_001_000_000_000_000_000L + callIndex * 16L + position),
        person,
        affiliation);
  }

  private static String callId(int index) {
    return Long.toString(5_120_043_019_000_000_000L + index * 7_919L);
  }

  private static List<Person> reps(SplittableRandom random) {
    List<Person> reps = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      String first = People.FIRST.get((i * 7 + random.nextInt(3)) % People.FIRST.size());
      String last = People.LAST.get((i * 5 + random.nextInt(3)) % People.LAST.size());
      reps.add(
          new Person(
              first + " " + last,
              (first + "." + last).toLowerCase(Locale.ROOT) + "@" + OUR_DOMAIN,
              People.REP_TITLES.get(i % People.REP_TITLES.size()),
              Long.toString(881_200_345_566_000L + i)));
    }
    return List.copyOf(reps);
  }

  private static List<Company> companies(SplittableRandom random, int count) {
    List<Company> companies = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String name =
          People.COMPANY_FIRST.get(i % People.COMPANY_FIRST.size())
              + " "
              + People.COMPANY_SECOND.get(
                  (i / People.COMPANY_FIRST.size() + i) % People.COMPANY_SECOND.size())
              + (i >= People.COMPANY_FIRST.size() * People.COMPANY_SECOND.size() ? " " + i : "");
      String domain = name.toLowerCase(Locale.ROOT).replace(' ', '-') + ".example";
      List<Person> contacts = new ArrayList<>();
      int size = 2 + random.nextInt(3);
      for (int c = 0; c < size; c++) {
        String first = pick(random, People.FIRST);
        String last = pick(random, People.LAST);
        contacts.add(
            new Person(
                first + " " + last,
                (first + "." + last).toLowerCase(Locale.ROOT) + "@" + domain,
                pick(random, People.CUSTOMER_TITLES),
                null));
      }
      long amount = (10 + random.nextInt(190)) * 1_000L;
      companies.add(
          new Company(
              name,
              domain,
              String.format("0015g%013d", 4_000_000L + i),
              String.format("0065g%013d", 7_000_000L + i),
              name + " - " + (random.nextBoolean() ? "renewal 2027" : "expansion"),
              amount,
              pick(random, People.STAGES),
              List.copyOf(contacts)));
    }
    return List.copyOf(companies);
  }

  private static String pick(SplittableRandom random, List<String> options) {
    return options.get(random.nextInt(options.size()));
  }

  /**
   * A per-item seed: SplitMix64's finalizer over {@code seed} and {@code index}. Stateless, so
   * callers can derive independent streams (e.g. {@code mix(seed ^ SALT, index)}) without touching
   * the corpus's own.
   */
  public static long mix(long seed, long index) {
    long z = seed + 0x9E3779B97F4A7C15L * (index + 1);
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
