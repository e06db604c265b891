package dev.earshot.extraction.detect;

import java.util.List;

/** Every cue the offline detector uses, in feature order. */
public final class Cues {

  private Cues() {}

  private static final List<Cue> ALL =
      List.of(
          Cue.of(
              "asks-for-something",
              "\\b(we|i|they|our \\w+)('d| would)? (really |just )?(need|want|like|love|wish)\\b"
                  + "|\\b(can|could|would) (you|we) (add|get|build|have|make|support|offer)\\b"
                  + "|\\bplease (add|make|consider|support|fix|bring)\\b|\\bwould (be|make) (great|nice|huge|perfect|amazing|helpful)"
                  + "|\\bif (only )?(we|i|you|there) (could|had|was|were)\\b|\\bany (chance|plans?|way)\\b|\\broadmap\\b"),
          Cue.of(
              "something-is-missing",
              "\\b(missing|lack(s|ing)?|no (way|option|ability)|(doesn't|does not|don't|do not|can't|cannot|can not|isn't|is not|won't) (support|allow|let|have|offer|work|load|show|sync|save|open))\\b"),
          Cue.of(
              "something-is-broken",
              "\\b(crash\\w*|bug\\w*|broken|error\\w*|fail\\w*|freez\\w*|glitch\\w*|stopped working|not working|doesn't work|won't load|blank|wrong|lost|loses|duplicat\\w*|twice)\\b"),
          Cue.of(
              "something-is-slow",
              "\\b(slow\\w*|sluggish|lag\\w*|takes? (forever|ages|minutes)|spins?|timeouts?|timed out|drains?)\\b"),
          Cue.of(
              "hard-to-use",
              "\\b(confus\\w*|clunky|clumsy|cluttered|hard to (find|use|read|navigate)|not (intuitive|user friendly)|too many (clicks|steps|screens)|buried|hidden|awkward|annoying|frustrat\\w*|tiny)\\b"),
          Cue.of(
              "runs-into-a-limit",
              "\\b(limit\\w*|capped|cap|max(imum)?|only (allows?|lets?|supports?)|restrict\\w*|throttl\\w*|quota|outgrew|cuts? off)\\b"),
          Cue.of(
              "describes-a-workaround",
              "\\b(by hand|manually|one by one|copy(ing)? (it |them )?into|spreadsheets?|workaround|every (day|week|month|time)|hours)\\b"),
          Cue.of(
              "talks-about-price",
              "\\b(pric\\w*|discount\\w*|quote|contract\\w*|renewal|budget\\w*|invoice\\w*|payment terms|procurement|per[- ]seat|cost\\w*|sign(ed)? (by|before)|redlines?|msa|order form|billing)\\b"),
          Cue.of(
              "talks-about-scheduling",
              "\\b(calendar|invite|next (week|monday|tuesday|wednesday|thursday|friday|time)|(monday|tuesday|wednesday|thursday|friday)|reconnect|hard stop|top of the hour|schedule (a|the) (call|meeting|training)|on vacation|out of office)\\b"),
          Cue.of(
              "is-rapport",
              "^(hi|hello|hey|good (morning|afternoon)|thanks|thank you|great to see|sounds good|perfect|okay|ok|sure|yeah|yes|right|got it|no worries|talk soon)\\b"),
          Cue.of(
              "praises",
              "\\b(love|great|awesome|excellent|amazing|fantastic|perfect|nice|best|helpful|handy|recommend|five stars|5 stars)\\b"),
          Cue.of("is-a-question", "\\?\\s*$"),
          Cue.of("is-short", "^\\W*(\\w+\\W+){0,3}\\w*\\W*$"),
          Cue.of(
              "states-context",
              "\\b(we have (about|around|roughly)|we('ve| have) been (using|customers)|our (team|teams|customers|office|busy season)|report(s)? to|(last|this) (quarter|month|year) (was|we)|we (hired|moved|process|switched|started))\\b"));

  public static List<Cue> allCurrentCues() {
    return ALL;
  }
}
