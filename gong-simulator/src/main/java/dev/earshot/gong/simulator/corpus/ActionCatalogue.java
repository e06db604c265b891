package dev.earshot.gong.simulator.corpus;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Action items a call can agree, with known owner side, what and when: templates planted in the
 * "Next steps" of calls generated {@link Corpus#withPlantedActions with planted actions}, and the
 * commitments the corpus's ordinary talk ({@link Talk}) already holds, labelled here so every
 * corpus, the default one included, has action-item ground truth.
 */
public final class ActionCatalogue {

  private ActionCatalogue() {}

  /** Who says a template, and who owns what it agrees. */
  enum Voice {
    /** Our rep commits: owner Internal. */
    REP_PROMISE,
    /** Our rep asks the customer: owner External. */
    REP_REQUEST,
    /** The customer commits: owner External. */
    CUSTOMER_PROMISE,
    /** The customer asks us: owner Internal. */
    CUSTOMER_REQUEST,
    /** The customer proposes a meeting: owner External (who proposed). */
    CUSTOMER_PROPOSAL,
    /** Our rep proposes a meeting: owner Internal. */
    REP_PROPOSAL
  }

  /** A template: the sentence before and after the due words, and what it agrees. */
  record Template(Voice voice, String opening, String what, String closing) {}

  static final List<Template> TEMPLATES =
      List.of(
          new Template(Voice.REP_PROMISE, "I'll send you %s", "send you %s", "."),
          new Template(
              Voice.REP_PROMISE, "We will share %s with your team", "share %s with your team", "."),
          new Template(
              Voice.REP_PROMISE, "I'm going to set up %s for you", "set up %s for you", "."),
          new Template(Voice.REP_PROMISE, "I will put together %s", "put together %s", "."),
          new Template(Voice.REP_REQUEST, "Could you send us %s", "send us %s", "?"),
          new Template(Voice.REP_REQUEST, "Can you share %s with me", "share %s with me", "?"),
          new Template(Voice.CUSTOMER_PROMISE, "I'll send over %s", "send over %s", "."),
          new Template(
              Voice.CUSTOMER_PROMISE, "We will review %s internally", "review %s internally", "."),
          new Template(Voice.CUSTOMER_PROMISE, "I'll loop in %s", "loop in %s", "."),
          new Template(
              Voice.CUSTOMER_PROMISE,
              "I'm going to talk to %s about the rollout",
              "talk to %s about the rollout",
              "."),
          new Template(Voice.CUSTOMER_REQUEST, "Can you send over %s", "send over %s", "?"),
          new Template(
              Voice.CUSTOMER_REQUEST, "Could you set up %s for us", "set up %s for us", "?"),
          new Template(Voice.CUSTOMER_PROPOSAL, "Let's schedule %s", "schedule %s", "."),
          new Template(Voice.REP_PROPOSAL, "Let's book %s", "book %s", "."));

  static final List<String> OUR_THINGS =
      List.of(
          "the updated proposal",
          "the security documentation",
          "the implementation timeline",
          "a copy of the master agreement",
          "the API documentation",
          "the onboarding checklist",
          "the case study we talked about",
          "the pricing breakdown");

  static final List<String> THEIR_THINGS =
      List.of(
          "your current carrier list",
          "the list of admin users",
          "your SSO metadata file",
          "last quarter's shipment export",
          "the signed order form",
          "your rollout plan");

  static final List<String> SET_UPS =
      List.of("a sandbox account", "a pilot workspace", "a training session", "a test environment");

  static final List<String> PEOPLE =
      List.of(
          "our IT director",
          "our head of procurement",
          "our finance lead",
          "the operations manager in Dallas");

  static final List<String> MEETINGS =
      List.of(
          "a technical deep dive",
          "a thirty minute check-in",
          "a demo for the wider team",
          "a kickoff call");

  static final List<String> DUES =
      List.of(
          "by Friday",
          "next week",
          "by end of day tomorrow",
          "before our next call",
          "on Monday",
          "early next month",
          "by the end of the quarter",
          "this afternoon",
          "within two weeks");

  /** Commitments of the ordinary talk, by exact sentence. */
  static final Map<String, List<Labelled>> TALK =
      Map.ofEntries(
          Map.entry(
              "I'll send over the proposal by end of week.",
              List.of(new Labelled("Internal", "send over the proposal", "by end of week"))),
          Map.entry(
              "I'll take that back to our product team.",
              List.of(new Labelled("Internal", "take that back to our product team", null))),
          Map.entry(
              "I can check with my manager on the discount.",
              List.of(new Labelled("Internal", "check with my manager on the discount", null))),
          Map.entry(
              "We can set up a training session for the new coordinators.",
              List.of(
                  new Labelled(
                      "Internal", "set up a training session for the new coordinators", null))),
          Map.entry(
              "Let me loop in our solutions engineer for the technical questions.",
              List.of(new Labelled("Internal", "loop in our solutions engineer", null))),
          Map.entry(
              "Great, I'll follow up with a summary and next steps.",
              List.of(new Labelled("Internal", "follow up with a summary and next steps", null))),
          Map.entry(
              "Can you send over the renewal quote so I can share it with finance?",
              List.of(new Labelled("Internal", "send over the renewal quote", null))),
          Map.entry(
              "Can we find time next Tuesday to go over this with my team?",
              List.of(
                  new Labelled(
                      "External", "find time to go over this with my team", "next Tuesday"))),
          Map.entry(
              "Let's put thirty minutes on the calendar for Thursday afternoon.",
              List.of(
                  new Labelled(
                      "External", "put thirty minutes on the calendar", "for Thursday afternoon"))),
          Map.entry(
              "Send me an invite and I'll loop in our IT lead.",
              List.of(
                  new Labelled("Internal", "send an invite", null),
                  new Labelled("External", "loop in our IT lead", null))),
          Map.entry(
              "Let's reconnect once procurement has looked at it.",
              List.of(new Labelled("External", "reconnect", "once procurement has looked at it"))));

  /** A labelled commitment of the ordinary talk. */
  record Labelled(String side, String what, String due) {}

  /**
   * Zero to three action items for a call, drawn from {@code random} alone (the corpus's own random
   * stream is never touched): each with its speaker (the rep, or one of the customers).
   */
  static List<PlantedAction> plant(SplittableRandom random, Party rep, List<Party> externals) {
    List<PlantedAction> out = new ArrayList<>();
    if (externals.isEmpty()) {
      return out;
    }
    int count = random.nextInt(4);
    List<String> used = new ArrayList<>();
    while (out.size() < count) {
      Template t = TEMPLATES.get(random.nextInt(TEMPLATES.size()));
      String object = object(random, t);
      if (used.contains(object)) {
        continue;
      }
      used.add(object);
      String due =
          t.voice() == Voice.CUSTOMER_PROPOSAL || t.voice() == Voice.REP_PROPOSAL
              ? pick(
                  random,
                  List.of(
                      "for next Tuesday",
                      "for Thursday afternoon",
                      "early next week",
                      "for next week"))
              : random.nextInt(3) == 0 ? null : pick(random, DUES);
      boolean repSays = t.voice().name().startsWith("REP");
      Party speaker = repSays ? rep : externals.get(random.nextInt(externals.size()));
      String side =
          switch (t.voice()) {
            case REP_PROMISE, CUSTOMER_REQUEST, REP_PROPOSAL -> "Internal";
            case REP_REQUEST, CUSTOMER_PROMISE, CUSTOMER_PROPOSAL -> "External";
          };
      String sentence =
          t.opening().formatted(object) + (due == null ? "" : " " + due) + t.closing();
      out.add(
          new PlantedAction(
              speaker.speakerId(), side, t.what().formatted(object), due, sentence, true));
    }
    return List.copyOf(out);
  }

  private static String object(SplittableRandom random, Template t) {
    return switch (t.voice()) {
      case REP_PROMISE ->
          t.what().startsWith("set up") ? pick(random, SET_UPS) : pick(random, OUR_THINGS);
      case REP_REQUEST, CUSTOMER_PROMISE ->
          t.what().startsWith("loop") || t.what().startsWith("talk")
              ? pick(random, PEOPLE)
              : t.what().startsWith("review")
                  ? pick(random, OUR_THINGS)
                  : pick(random, THEIR_THINGS);
      case CUSTOMER_REQUEST ->
          t.what().startsWith("set up") ? pick(random, SET_UPS) : pick(random, OUR_THINGS);
      case CUSTOMER_PROPOSAL, REP_PROPOSAL -> pick(random, MEETINGS);
    };
  }

  private static String pick(SplittableRandom random, List<String> options) {
    return options.get(random.nextInt(options.size()));
  }
}
