package dev.earshot.extraction.followup;

import dev.earshot.extraction.call.NormalisedCall;
import dev.earshot.extraction.call.Role;
import dev.earshot.extraction.call.Speaker;
import dev.earshot.extraction.call.Utterance;
import dev.earshot.text.EnglishText;
import dev.earshot.text.Token;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Finds the action items agreed on a call by commitment cues, on OpenNLP's tokens and
 * part-of-speech tags ({@link EnglishText}): a speaker committing (a first-person subject and a
 * future modal, "I'll send", "we are going to share"; or "I can"/"let me" with an action verb), a
 * request to the other side ("can you share", "could you send", an imperative "send me"), or a
 * meeting proposed for both ("let's meet", "can we find time"). The owner side is the speaker's for
 * commitments and proposals, the other side's for requests. The verb must name an action taken
 * after the call, not one taken on it ("let me share my screen", "can you tell me"); the due time
 * is the time phrase of the clause ("by end of week", "next Tuesday", "once legal has read it"),
 * kept as said. Deterministic; safe for concurrent use.
 */
public final class CommitmentCues {

  /** How a clause commits someone. */
  enum Form {
    /** The speaker commits: "I'll", "we're going to". */
    PROMISE,
    /** The speaker offers: "I can", "let me"; only with an action verb. */
    OFFER,
    /** The speaker asks the other side: "can you", an imperative. */
    REQUEST,
    /** The speaker proposes to meet: "let's", "can we". */
    PROPOSAL
  }

  private static final Set<String> FUTURE = Set.of("will", "'ll", "ll", "shall", "wil");
  private static final Set<String> BE_PRESENT = Set.of("am", "'m", "are", "'re", "re");
  private static final Set<String> NEGATION = Set.of("not", "n't", "never", "nt");
  private static final Set<String> SOFTENERS =
      Set.of(
          "also",
          "just",
          "definitely",
          "then",
          "certainly",
          "absolutely",
          "happily",
          "quickly",
          "please",
          "probably",
          "go",
          "ahead",
          "and",
          "gladly",
          "personally",
          "actually");

  /** Verbs of actions taken on the call itself, never an action item. */
  private static final Set<String> IN_CALL =
      Set.of(
          "be",
          "have",
          "show",
          "walk",
          "start",
          "begin",
          "go",
          "move",
          "continue",
          "dive",
          "jump",
          "see",
          "hear",
          "think",
          "know",
          "guess",
          "say",
          "mean",
          "feel",
          "like",
          "love",
          "want",
          "need",
          "wish",
          "hope",
          "tell",
          "stop",
          "keep",
          "let",
          "wrap",
          "pause",
          "read",
          "click",
          "scroll",
          "type",
          "open",
          "navigate",
          "select",
          "imagine",
          "describe",
          "explain",
          "repeat",
          "clarify",
          "answer",
          "do",
          "pull",
          "bring",
          "give",
          "hand",
          "leave",
          "stay",
          "use",
          "put",
          "pick",
          "come",
          "turn",
          "mute",
          "unmute",
          "record",
          "note",
          "try",
          "look",
          "ask",
          "skip",
          "cover",
          "touch",
          "focus",
          "talk",
          "speak",
          "get",
          "take",
          "make",
          "run",
          "work",
          "share",
          "kick",
          "end",
          "hang",
          "admit",
          "wait",
          "mention",
          "bet",
          "remember",
          "assume",
          "check",
          "find",
          "add",
          "write",
          "sit",
          "watch",
          "listen",
          "play",
          "learn");

  /** Things handed over after a call. */
  private static final Set<String> TRANSFER =
      Set.of(
          "send",
          "share",
          "forward",
          "email",
          "e-mail",
          "mail",
          "shoot",
          "pass",
          "provide",
          "deliver",
          "submit",
          "return",
          "sign",
          "fill",
          "complete",
          "drop",
          "upload",
          "post",
          "write",
          "draft",
          "prepare",
          "put",
          "get");

  /** Contacting, checking and following up after a call. */
  private static final Set<String> CONTACT =
      Set.of(
          "follow",
          "reconnect",
          "circle",
          "loop",
          "introduce",
          "reach",
          "connect",
          "sync",
          "regroup",
          "meet",
          "ping",
          "text",
          "call",
          "check",
          "confirm",
          "talk",
          "speak",
          "discuss",
          "ask",
          "run",
          "take",
          "escalate",
          "investigate",
          "look",
          "find",
          "figure",
          "work",
          "update",
          "review",
          "set",
          "schedule",
          "book",
          "arrange",
          "organize",
          "organise",
          "plan",
          "coordinate",
          "invite",
          "get",
          "touch",
          "catch",
          "chat",
          "hop",
          "verify",
          "research",
          "dig",
          "sort",
          "clarify",
          "add",
          "test");

  /** Verbs that arrange a meeting: an action only with a meeting noun or a time. */
  private static final Set<String> ARRANGE =
      Set.of(
          "schedule",
          "book",
          "set",
          "put",
          "find",
          "arrange",
          "plan",
          "organize",
          "organise",
          "hold",
          "have",
          "do",
          "grab",
          "block");

  /**
   * Light verbs that arrange a meeting only when proposed ("let's have a call", "can we do a
   * demo"): in a promise they mostly describe ("we're going to do a claim today", "I'll have an
   * agent call you").
   */
  private static final Set<String> LIGHT = Set.of("do", "have", "hold", "grab");

  /** Verbs that by themselves propose meeting again. */
  private static final Set<String> MEET =
      Set.of(
          "meet",
          "reconnect",
          "follow",
          "sync",
          "regroup",
          "circle",
          "touch",
          "catch",
          "connect",
          "chat",
          "talk",
          "speak",
          "get",
          "hop",
          "jump",
          "continue");

  private static final Set<String> MEETING_NOUNS =
      Set.of(
          "meeting",
          "call",
          "time",
          "session",
          "demo",
          "minutes",
          "hour",
          "invite",
          "invitation",
          "calendar",
          "sync",
          "chat",
          "workshop",
          "training",
          "walkthrough",
          "follow-up",
          "followup",
          "check-in",
          "catch-up",
          "conversation",
          "slot",
          "review",
          "touchpoint",
          "together");

  /** Objects of actions done on the call ("share my screen", "make a note", "take a look"). */
  private static final Set<String> IN_CALL_OBJECTS =
      Set.of(
          "screen",
          "note",
          "notes",
          "thoughts",
          "opinion",
          "impressions",
          "second",
          "sec",
          "moment",
          "here",
          "look",
          "chat",
          "example",
          "bit",
          "what",
          "how",
          "why",
          "where",
          "which",
          "whether");

  private static final Set<String> WEEKDAYS =
      Set.of(
          "monday",
          "tuesday",
          "wednesday",
          "thursday",
          "friday",
          "saturday",
          "sunday",
          "mondays",
          "tuesdays",
          "wednesdays",
          "thursdays",
          "fridays");

  private static final Set<String> TIME_WORDS =
      Set.of(
          "today",
          "tonight",
          "tomorrow",
          "week",
          "weekend",
          "month",
          "quarter",
          "year",
          "morning",
          "afternoon",
          "evening",
          "eod",
          "eow",
          "cob",
          "noon",
          "midday",
          "day",
          "days",
          "weeks",
          "months",
          "hours",
          "end",
          "holidays",
          "holiday",
          "christmas",
          "thanksgiving",
          "spring",
          "summer",
          "fall",
          "autumn",
          "winter",
          "asap",
          "q1",
          "q2",
          "q3",
          "q4",
          "january",
          "february",
          "march",
          "april",
          "may",
          "june",
          "july",
          "august",
          "september",
          "october",
          "november",
          "december",
          "jan",
          "feb",
          "mar",
          "apr",
          "jun",
          "jul",
          "aug",
          "sep",
          "sept",
          "oct",
          "nov",
          "dec",
          "time",
          "o'clock",
          "am",
          "pm");

  private static final Set<String> TIME_PREPOSITIONS =
      Set.of(
          "by", "before", "until", "till", "on", "for", "within", "in", "after", "around", "at",
          "from", "over");

  /**
   * Words that put a whole sentence on the call itself: what is done there and then ("now" is not
   * one: "the folks involved right now" is no time of the action).
   */
  private static final Set<String> IN_SESSION = Set.of("chat", "screen");

  /** Words that make an offer or a promise hypothetical. */
  private static final Set<String> HEDGES =
      Set.of("if", "unless", "hopefully", "hoping", "maybe", "might", "whenever");

  /** Work done after a call that is neither handing over nor contacting. */
  private static final Set<String> FOLLOW_UP_WORK =
      Set.of(
          "prepare",
          "draft",
          "write",
          "fix",
          "create",
          "document",
          "summarize",
          "summarise",
          "compile",
          "gather",
          "collect",
          "finalize",
          "finalise",
          "revise",
          "send",
          "update");

  private static final Set<String> CLAUSE_BREAKS =
      Set.of(
          "so",
          "because",
          "if",
          "unless",
          "when",
          "while",
          "since",
          "although",
          "but",
          "though",
          "whether",
          "which",
          "where");

  private final EnglishText english;

  /** Cues over these OpenNLP models (usually {@link EnglishText#shared()}). */
  public CommitmentCues(EnglishText english) {
    this.english = english;
  }

  /** The action items of a call, in call order, one per distinct action of a side. */
  public List<ActionItem> find(NormalisedCall call) {
    Map<String, ActionItem> items = new LinkedHashMap<>();
    for (Utterance u : call.utterances()) {
      for (Found f : inSentence(u.text())) {
        OwnerSide side = side(u.speaker().role(), f.form());
        String owner = owner(call, u.speaker(), side);
        String key = side + "|" + signature(f.what());
        items.merge(
            key,
            new ActionItem(f.what(), side, owner, f.due(), List.of(u)),
            (first, again) -> first);
      }
    }
    return List.copyOf(items.values());
  }

  /**
   * One commitment found in a sentence.
   *
   * @param form how it commits
   * @param what the action, from its verb to the end of its clause without the time phrase
   * @param due the time phrase, or null
   */
  record Found(Form form, String what, String due) {}

  /** The commitments of one sentence (most have none, a few two: "send me X and I'll do Y"). */
  List<Found> inSentence(String sentence) {
    List<Token> t = split(english.tag(sentence));
    List<String> w = t.stream().map(CommitmentCues::norm).toList();
    boolean question = sentence.strip().endsWith("?");
    boolean conditional = w.stream().anyMatch(HEDGES::contains);
    if (w.stream().anyMatch(IN_SESSION::contains) || String.join(" ", w).contains("this session")) {
      // "I'll send a link in the chat", "we'll review two scenarios in this session": the call's
      // own business, done before it ends
      return List.of();
    }
    List<Found> found = new ArrayList<>();
    int i = 0;
    while (i < t.size()) {
      Cue cue = cueAt(t, w, i, question, conditional);
      if (cue == null) {
        i++;
        continue;
      }
      int end = clauseEnd(t, w, cue.verb());
      if (accepts(cue, w, t, end)) {
        int[] due = dueSpan(t, w, cue.subject(), end);
        String what = phrase(sentence, t, w, cue.verb(), end, due);
        if (!what.isBlank()) {
          found.add(
              new Found(
                  cue.form(),
                  what,
                  due == null
                      ? null
                      : sentence.substring(t.get(due[0]).start(), t.get(due[1] - 1).end())));
        }
      }
      i = Math.max(i + 1, end);
    }
    return found;
  }

  /** A cue: its form, where its subject (or first word) is and where its verb is. */
  private record Cue(Form form, int subject, int verb) {}

  private static Cue cueAt(
      List<Token> t, List<String> w, int i, boolean question, boolean conditional) {
    String word = w.get(i);
    // "I'll", "we will", "I'm going to", "we are gonna"
    if ((word.equals("i") || word.equals("we")) && t.get(i).is("PRON")) {
      if (i > 0 && isModal(w.get(i - 1))) {
        // "can we", "shall I": a question, handled at the modal
        return null;
      }
      int j = i + 1;
      Form form;
      if (j < w.size() && FUTURE.contains(w.get(j))) {
        form = Form.PROMISE;
        j++;
      } else if (j + 2 < w.size()
          && BE_PRESENT.contains(w.get(j))
          && (w.get(j + 1).equals("going") && w.get(j + 2).equals("to")
              || w.get(j + 1).equals("gon"))) {
        form = Form.PROMISE;
        j += w.get(j + 1).equals("gon") ? 3 : 3;
      } else if (j < w.size() && w.get(j).equals("can") && !question && !conditional) {
        form = Form.OFFER;
        j++;
      } else {
        return null;
      }
      j = skipSofteners(w, j);
      return verbAt(t, w, j) ? new Cue(form, i, j) : null;
    }
    // "let me", "let's", "let us"
    if (word.equals("let") && i + 1 < w.size()) {
      String next = w.get(i + 1);
      int j = skipSofteners(w, i + 2);
      if (next.equals("me") && !conditional) {
        return verbAt(t, w, j) ? new Cue(Form.OFFER, i, j) : null;
      }
      if (next.equals("'s") || next.equals("us") || next.equals("s")) {
        return verbAt(t, w, j) ? new Cue(Form.PROPOSAL, i, j) : null;
      }
      return null;
    }
    // "can you", "could you", "would you be able to", "will you"; "can we", "shall we"
    if (isModal(word) && i + 1 < w.size()) {
      String who = w.get(i + 1);
      int j = i + 2;
      if (who.equals("you")) {
        if (j + 2 < w.size()
            && w.get(j).equals("be")
            && w.get(j + 1).equals("able")
            && w.get(j + 2).equals("to")) {
          j += 3;
        }
        j = skipSofteners(w, j);
        return verbAt(t, w, j) ? new Cue(Form.REQUEST, i, j) : null;
      }
      if (who.equals("we") && !word.equals("would")) {
        j = skipSofteners(w, j);
        return verbAt(t, w, j) ? new Cue(Form.PROPOSAL, i, j) : null;
      }
      return null;
    }
    // an imperative opening the sentence: "send me the deck", "please forward it"
    if (TRANSFER.contains(word) && t.get(i).is("VERB") && opensSentence(w, i)) {
      return new Cue(Form.REQUEST, i, i);
    }
    return null;
  }

  private static boolean accepts(Cue cue, List<String> w, List<Token> t, int end) {
    String verb = w.get(cue.verb());
    List<String> rest = w.subList(cue.verb() + 1, Math.max(cue.verb() + 1, end));
    if (rest.stream().anyMatch(IN_CALL_OBJECTS::contains)) {
      return false;
    }
    boolean toUs = !rest.isEmpty() && Set.of("you", "us", "me").contains(rest.getFirst());
    boolean meetingOrTime = rest.stream().anyMatch(x -> MEETING_NOUNS.contains(x) || isTimeWord(x));
    return switch (cue.form()) {
      case PROMISE ->
          w.stream().noneMatch(HEDGES::contains)
              && (TRANSFER.contains(verb) && !verb.equals("put") && !verb.equals("get")
                  || CONTACT.contains(verb) && !IN_CALL.contains(verb) && !verb.equals("call")
                  || verb.equals("call") && toUs
                  || FOLLOW_UP_WORK.contains(verb)
                  || followsUp(verb, rest)
                  || ARRANGE.contains(verb) && !LIGHT.contains(verb) && meetingOrTime)
              && !(verb.equals("sign") && signsIn(rest));
      case OFFER ->
          (TRANSFER.contains(verb) && !verb.equals("put") && !verb.equals("get")
                  || Set.of(
                          "introduce",
                          "reconnect",
                          "escalate",
                          "investigate",
                          "ping",
                          "schedule",
                          "book",
                          "arrange",
                          "invite",
                          "coordinate")
                      .contains(verb)
                  || CONTACT.contains(verb) && meetingOrTime
                  || followsUp(verb, rest))
              && !(verb.equals("ask") && toUs)
              && !(verb.equals("sign") && signsIn(rest));
      case REQUEST ->
          (TRANSFER.contains(verb) && !verb.equals("get") && !verb.equals("put")
                  || Set.of("introduce", "loop", "ping", "email", "confirm", "invite", "forward")
                      .contains(verb)
                  || verb.equals("call") && toUs
                  || followsUp(verb, rest)
                  || ARRANGE.contains(verb) && meetingOrTime)
              && !(verb.equals("sign") && signsIn(rest))
              && !(cue.subject() == cue.verb() && !addressed(w, cue.verb()));
      case PROPOSAL ->
          MEET.contains(verb) && (meetingOrTime || followsUp(verb, rest) || meetsAgain(verb))
              || ARRANGE.contains(verb) && meetingOrTime;
    };
  }

  /** "follow up", "circle back", "get back to", "take it back to", "talk to", "check with". */
  private static boolean followsUp(String verb, List<String> rest) {
    if (rest.isEmpty()) {
      return false;
    }
    return switch (verb) {
      case "follow", "circle", "loop", "reach", "touch" -> true;
      case "get", "take", "run", "pass" ->
          rest.contains("back")
              || rest.contains("over")
              || rest.contains("by")
              || verb.equals("get") && (rest.contains("set") || rest.contains("sent"));
      case "let" -> rest.contains("know");
      case "talk", "speak", "check", "discuss", "ask", "sync", "connect" ->
          rest.contains("with") || rest.contains("to") && !rest.getFirst().equals("you");
      case "look", "dig" -> rest.getFirst().equals("into");
      case "find", "figure" -> rest.getFirst().equals("out");
      case "set" -> rest.getFirst().equals("up");
      case "put" -> rest.getFirst().equals("together");
      default -> false;
    };
  }

  /** "sign in", "sign up", "sign on", "sign out": logging in, not signing a document. */
  private static boolean signsIn(List<String> rest) {
    return !rest.isEmpty() && Set.of("in", "up", "on", "out", "into").contains(rest.getFirst());
  }

  private static boolean meetsAgain(String verb) {
    return Set.of("meet", "reconnect", "regroup").contains(verb);
  }

  private static boolean isModal(String w) {
    return Set.of("can", "could", "would", "will", "shall").contains(w);
  }

  /**
   * An imperative is a request only when it names who receives ("send me", "forward us") or says
   * please: a bare one ("Upload the statement", "Complete the form") is usually words read aloud
   * from a screen or a form.
   */
  private static boolean addressed(List<String> w, int verb) {
    boolean please = w.subList(0, verb).contains("please");
    boolean toUs = verb + 1 < w.size() && Set.of("me", "us").contains(w.get(verb + 1));
    return please || toUs;
  }

  private static boolean opensSentence(List<String> w, int i) {
    for (int k = 0; k < i; k++) {
      if (!Set.of(
              "please", "so", "ok", "okay", "and", "then", "just", "yeah", "great", ",", "oh",
              "yes", "sure", "perfect", "alright")
          .contains(w.get(k))) {
        return false;
      }
    }
    return true;
  }

  private static int skipSofteners(List<String> w, int j) {
    while (j < w.size() && SOFTENERS.contains(w.get(j))) {
      j++;
    }
    if (j + 1 < w.size() && w.get(j).equals("try") && w.get(j + 1).equals("to")) {
      j += 2;
    }
    return j;
  }

  private static boolean verbAt(List<Token> t, List<String> w, int j) {
    return j < t.size() && t.get(j).is("VERB", "AUX") && !NEGATION.contains(w.get(j));
  }

  /**
   * Where the verb's clause ends: punctuation, a subordinating word, "and I", at most 14 tokens.
   */
  private static int clauseEnd(List<Token> t, List<String> w, int verb) {
    int limit = Math.min(t.size(), verb + 15);
    for (int k = verb + 1; k < limit; k++) {
      Token token = t.get(k);
      if (token.is("PUNCT") && !token.text().equals("-") && !token.text().equals("'")) {
        return k;
      }
      if (CLAUSE_BREAKS.contains(w.get(k))) {
        return k;
      }
      if ((w.get(k).equals("and") || w.get(k).equals("or"))
          && k + 1 < t.size()
          && t.get(k + 1).is("PRON", "AUX")) {
        return k;
      }
      if (w.get(k).equals("to") && k + 1 < t.size() && t.get(k + 1).is("VERB") && k > verb + 2) {
        return k;
      }
    }
    return limit;
  }

  /** The time phrase of the clause from {@code from} to {@code end}, as [first, after-last). */
  static int[] dueSpan(List<Token> t, List<String> w, int from, int end) {
    int sentenceEnd = t.size();
    for (int k = from; k < sentenceEnd; k++) {
      String x = w.get(k);
      int stop = -1;
      if (x.equals("once")) {
        stop = phraseEnd(t, w, k + 1, 9);
      } else if (Set.of("today", "tonight", "tomorrow", "asap").contains(x)
          || WEEKDAYS.contains(x)) {
        stop = phraseEnd(t, w, k + 1, 3);
      } else if (Set.of("this", "next", "early", "late", "mid", "later", "end", "first")
          .contains(x)) {
        int e = phraseEnd(t, w, k + 1, 4);
        if (w.subList(k + 1, e).stream().anyMatch(CommitmentCues::isTimeWord)
            || x.equals("later") && e > k + 1) {
          stop = e;
        }
      } else if (TIME_PREPOSITIONS.contains(x)) {
        int e = phraseEnd(t, w, k + 1, 6);
        List<String> phrase = w.subList(k + 1, e);
        boolean timed = phrase.stream().anyMatch(CommitmentCues::isTimeWord);
        boolean nextMeeting =
            phrase.contains("next") && phrase.stream().anyMatch(MEETING_NOUNS::contains);
        boolean nearStart =
            e > k + 1
                && (isTimeWord(phrase.getFirst())
                    || phrase.size() > 1
                        && Set.of("the", "this", "next", "end", "early", "mid", "our")
                            .contains(phrase.getFirst())
                        && isTimeWord(phrase.get(1))
                    || phrase.size() > 1 && t.get(k + 1).is("NUM") && isTimeWord(phrase.get(1)));
        if (Set.of("for", "at", "in", "over", "on", "from", "around").contains(x)) {
          timed = nearStart;
        }
        if (timed || nextMeeting) {
          stop = e;
        }
      }
      if (stop > k) {
        if (k >= end && k > from && t.get(k - 1).is("PUNCT")) {
          return null;
        }
        return new int[] {k, stop};
      }
    }
    return null;
  }

  private static int phraseEnd(List<Token> t, List<String> w, int from, int max) {
    int limit = Math.min(t.size(), from + max);
    for (int k = from; k < limit; k++) {
      if (t.get(k).is("PUNCT") && !t.get(k).text().equals("-")) {
        return k;
      }
      if (CLAUSE_BREAKS.contains(w.get(k)) || w.get(k).equals("and") || w.get(k).equals("or")) {
        return k;
      }
      if (w.get(k).equals("to") && k + 1 < t.size() && t.get(k + 1).is("VERB")) {
        return k;
      }
    }
    return limit;
  }

  private static boolean isTimeWord(String x) {
    return TIME_WORDS.contains(x)
        || WEEKDAYS.contains(x)
        || x.matches("\\d{1,2}(:\\d\\d)?(am|pm)?");
  }

  /** The action's words as said: from its verb to its clause's end, its time phrase left out. */
  private static String phrase(
      String sentence, List<Token> t, List<String> w, int verb, int end, int[] due) {
    int last = end;
    if (due != null && due[0] > verb && due[0] < end) {
      last = due[0];
    }
    while (last > verb + 1
        && (t.get(last - 1).is("PUNCT", "CCONJ", "ADP", "PART")
            || Set.of("too", "then", "well", "as", "also", "please").contains(w.get(last - 1)))) {
      last--;
    }
    String what = sentence.substring(t.get(verb).start(), t.get(last - 1).end()).strip();
    if (due != null && due[0] > verb && due[1] < last) {
      String cut = sentence.substring(t.get(due[0]).start(), t.get(due[1] - 1).end());
      what = what.replace(cut, "").replaceAll("\\s{2,}", " ").strip();
    }
    return what;
  }

  /**
   * The tokens with contractions split as the part-of-speech tags already are: OpenNLP's UD model
   * keeps "I'll" whole, tagged {@code PRON+AUX}; this gives "I" (PRON) and "'ll" (AUX).
   */
  static List<Token> split(List<Token> tokens) {
    List<Token> out = new ArrayList<>(tokens.size() + 4);
    for (Token token : tokens) {
      String[] tags = token.tag().split("\\+");
      String text = token.text().replace('\u2019', '\'');
      int apostrophe = text.indexOf('\'');
      if (tags.length != 2 || apostrophe <= 0) {
        out.add(token);
        continue;
      }
      int cut = text.toLowerCase(Locale.ROOT).endsWith("n't") ? text.length() - 3 : apostrophe;
      if (cut <= 0) {
        out.add(token);
        continue;
      }
      out.add(
          new Token(token.text().substring(0, cut), tags[0], token.start(), token.start() + cut));
      out.add(new Token(token.text().substring(cut), tags[1], token.start() + cut, token.end()));
    }
    return out;
  }

  private static String norm(Token token) {
    String x = token.lower();
    return switch (x) {
      case "’ll" -> "'ll";
      case "’s" -> "'s";
      case "’m" -> "'m";
      case "’re" -> "'re";
      case "n’t" -> "n't";
      default -> x;
    };
  }

  /** The words that identify an action for de-duplication: its first four content words. */
  private static String signature(String what) {
    String[] words = what.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9 ]", " ").split("\\s+");
    List<String> kept = new ArrayList<>();
    for (String x : words) {
      if (x.length() > 2
          && !Set.of("the", "and", "you", "our", "your", "with", "for").contains(x)) {
        kept.add(x);
      }
      if (kept.size() == 4) {
        break;
      }
    }
    return String.join(" ", kept);
  }

  private static OwnerSide side(Role speaker, Form form) {
    OwnerSide own =
        switch (speaker) {
          case INTERNAL -> OwnerSide.INTERNAL;
          case CUSTOMER -> OwnerSide.EXTERNAL;
          case UNKNOWN -> OwnerSide.UNKNOWN;
        };
    if (form != Form.REQUEST) {
      return own;
    }
    return switch (own) {
      case INTERNAL -> OwnerSide.EXTERNAL;
      case EXTERNAL -> OwnerSide.INTERNAL;
      case UNKNOWN -> OwnerSide.UNKNOWN;
    };
  }

  /** The speaker, for their own side; the other side's one named participant, if one. */
  private static String owner(NormalisedCall call, Speaker speaker, OwnerSide side) {
    Role role =
        switch (side) {
          case INTERNAL -> Role.INTERNAL;
          case EXTERNAL -> Role.CUSTOMER;
          case UNKNOWN -> null;
        };
    if (role == null) {
      return null;
    }
    if (speaker.role() == role) {
      return speaker.name();
    }
    List<String> named =
        call.speakers().values().stream()
            .filter(s -> s.role() == role && s.name() != null && !s.name().isBlank())
            .map(Speaker::name)
            .distinct()
            .toList();
    return named.size() == 1 ? named.getFirst() : null;
  }
}
