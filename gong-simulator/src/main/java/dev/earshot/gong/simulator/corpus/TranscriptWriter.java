package dev.earshot.gong.simulator.corpus;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Writes a plausible call from its facts: rapport, agenda, a body where the rep pitches and asks
 * and customers describe their business and voice the planted feedback, pricing and scheduling
 * talk, and a close. About one sentence per seven seconds; times are scaled to the call's length.
 */
public final class TranscriptWriter {

  private static final int SECONDS_PER_SENTENCE = 7;

  private TranscriptWriter() {}

  public static Transcript write(CorpusCall call) {
    SplittableRandom random = new SplittableRandom(call.seed());
    Script script = new Script(random);
    Party rep = call.rep();
    List<Party> externals = call.externals().isEmpty() ? List.of(rep) : call.externals();
    Party lead = externals.getFirst();

    script.say(rep, "Small talk", "Hi everyone, thanks for joining today.");
    script.say(lead, "Small talk", pick(random, Talk.CUSTOMER_RAPPORT));
    script.say(rep, "Agenda", pick(random, Talk.REP_LINES), pick(random, Talk.REP_LINES));

    int target = (int) Math.max(24, call.durationSeconds() / SECONDS_PER_SENTENCE);
    int bodySlots = Math.max(call.planted().size() * 3, target / 5);
    List<Integer> feedbackSlots = slotsFor(call.planted(), bodySlots, random);
    for (int slot = 0; slot < bodySlots; slot++) {
      script.say(rep, "Usage review", repSentences(random));
      Party speaker = externals.get(random.nextInt(externals.size()));
      script.say(speaker, "Usage review", pick(random, Talk.CUSTOMER_CONTEXT));
      for (int i = 0; i < feedbackSlots.size(); i++) {
        if (feedbackSlots.get(i) == slot) {
          PlantedUtterance planted = plantedAt(call, i);
          Party voice = partyBySpeaker(call, planted.speakerId());
          if (random.nextInt(3) == 0) {
            script.say(
                voice, "Product feedback", planted.text(), pick(random, Talk.CUSTOMER_CONTEXT));
          } else {
            script.say(voice, "Product feedback", planted.text());
          }
          script.say(rep, "Product feedback", pick(random, Talk.REP_LINES));
        }
      }
    }
    if (call.pricingTalk()) {
      script.say(
          lead,
          "Pricing",
          pick(random, Talk.CUSTOMER_PRICING),
          pick(random, Talk.CUSTOMER_PRICING));
      script.say(
          rep,
          "Pricing",
          "On the renewal, we can hold this year's price if you sign before December.");
    }
    script.say(lead, "Next steps", pick(random, Talk.CUSTOMER_SCHEDULING));
    if (!call.actions().isEmpty()) {
      // planted action items: timed from a stream of their own, so the corpus's random draws (and
      // every other sentence's words) stay as they are
      SplittableRandom timing = new SplittableRandom(call.seed() ^ 0x7A11ED5L);
      for (PlantedAction action : call.actions()) {
        script.sayTimed(
            timing, partyBySpeaker(call, action.speakerId()), "Next steps", action.sentence());
      }
    }
    script.say(rep, "Next steps", "Great, I'll follow up with a summary and next steps.");
    script.say(lead, "Small talk", "Thanks, talk soon.");
    return script.done(call.durationSeconds() * 1000);
  }

  /** The i-th planted utterance across items, in the order of {@link #slotsFor}. */
  private record PlantedUtterance(String speakerId, String text) {}

  private static PlantedUtterance plantedAt(CorpusCall call, int index) {
    int seen = 0;
    for (PlantedItem item : call.planted()) {
      for (String utterance : item.utterances()) {
        if (seen++ == index) {
          return new PlantedUtterance(item.speakerId(), utterance);
        }
      }
    }
    throw new IllegalStateException("no planted utterance " + index);
  }

  private static List<Integer> slotsFor(
      List<PlantedItem> planted, int slots, SplittableRandom random) {
    List<Integer> chosen = new ArrayList<>();
    int total = planted.stream().mapToInt(p -> p.utterances().size()).sum();
    for (int i = 0; i < total; i++) {
      chosen.add((int) ((i + 0.5 + random.nextDouble() * 0.4) * slots / (total + 0.5)) % slots);
    }
    return chosen;
  }

  private static Party partyBySpeaker(CorpusCall call, String speakerId) {
    return call.parties().stream()
        .filter(p -> p.speakerId().equals(speakerId))
        .findFirst()
        .orElseThrow();
  }

  private static String[] repSentences(SplittableRandom random) {
    int n = 1 + random.nextInt(3);
    String[] lines = new String[n];
    for (int i = 0; i < n; i++) {
      lines[i] = pick(random, Talk.REP_LINES);
    }
    return lines;
  }

  static String pick(SplittableRandom random, List<String> options) {
    return options.get(random.nextInt(options.size()));
  }

  /** Accumulates monologues with running times, then scales them to the call's length. */
  private static final class Script {
    private final SplittableRandom random;
    private final List<Transcript.Monologue> monologues = new ArrayList<>();
    private long clock = 1_000;

    Script(SplittableRandom random) {
      this.random = random;
    }

    void say(Party speaker, String topic, String... sentences) {
      sayTimed(random, speaker, topic, sentences);
    }

    void sayTimed(SplittableRandom random, Party speaker, String topic, String... sentences) {
      List<Transcript.Sentence> timed = new ArrayList<>();
      for (String text : sentences) {
        long length = Math.max(1_500, text.split("\\s+").length * 330L);
        timed.add(new Transcript.Sentence(clock, clock + length, text));
        clock += length + 200 + random.nextInt(700);
      }
      clock += 300 + random.nextInt(1_200);
      monologues.add(new Transcript.Monologue(speaker.speakerId(), topic, timed));
    }

    Transcript done(long callMillis) {
      double scale = clock > callMillis ? (callMillis - 1_000) / (double) clock : 1.0;
      if (scale == 1.0) {
        return new Transcript(List.copyOf(monologues));
      }
      List<Transcript.Monologue> scaled = new ArrayList<>();
      for (Transcript.Monologue m : monologues) {
        scaled.add(
            new Transcript.Monologue(
                m.speakerId(),
                m.topic(),
                m.sentences().stream()
                    .map(
                        s ->
                            new Transcript.Sentence(
                                (long) (s.start() * scale), (long) (s.end() * scale), s.text()))
                    .toList()));
      }
      return new Transcript(List.copyOf(scaled));
    }
  }
}
