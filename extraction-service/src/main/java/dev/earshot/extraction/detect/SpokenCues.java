package dev.earshot.extraction.detect;

import java.util.List;

/**
 * Cues of spoken, moderated conversation that written exemplars never show: reading the screen
 * aloud, bare agreement, ratings, approval, hedging, the speaker's own struggle and wishes. Like
 * {@link Cues} they are features whose weights are learned ({@link ConversationModel}), not
 * verdicts. Patterns name genres of speech, not sentences of any data set.
 */
public final class SpokenCues {

  private SpokenCues() {}

  private static final List<Cue> ALL =
      List.of(
          Cue.of(
              "narrates-the-screen",
              "\\b(it says|says|it's saying|i'm (reading|looking at|clicking|scrolling|going to click)"
                  + "|i('ll| will| would|'d) (click|select|tap|go to|scroll)|click(ing|ed)? on|scroll(ing)? down"
                  + "|i see|i('m| am) (on|at) the)\\b"),
          Cue.of(
              "agrees",
              "^\\W*(yeah|yes|yep|yup|right|exactly|correct|sure|okay|ok|uh[- ]huh|mm+|mhm|absolutely|definitely|of course|that's right|true)\\b"),
          Cue.of(
              "rates",
              "\\b(i('d| would) (give it|say|rate)|out of (five|ten|5|10)|a (one|two|three|four|five|[1-5])\\b|(one|two|three|four|five|[1-5])( point (five|5))?\\.?$)"),
          Cue.of(
              "approves",
              "\\b(easy|clear|straightforward|self[- ]explanatory|makes sense|made sense|simple|fine|good|helpful|nice|great|like (it|that|this)|pretty (good|easy|clear))\\b"),
          Cue.of(
              "hedges",
              "\\b(i don't know|i'm not sure|i guess|i suppose|maybe|probably|kind of|sort of)\\b"),
          Cue.of(
              "struggles",
              "\\b(i (couldn't|can't|cannot|could not|didn't|did not|wasn't|don't) (find|see|tell|understand|know where|get|figure)"
                  + "|(where|how) (do|would|am) i|not sure (where|what|how)|took me|had to (call|go back|look|search)|no idea)\\b"),
          Cue.of(
              "wishes",
              "\\b(i('d| would)( really)? (like|love|want|prefer|rather)|it would be (nice|good|great|helpful|better)"
                  + "|(should|could) (have|show|say|be|tell|let)|would (help|be helpful)|i wish|if (it|they|there) (had|was|were|would|could))\\b"),
          Cue.of(
              "tells-a-story",
              "\\b(when i was|years ago|back (then|when)|at the time|my (wife|husband|son|daughter|mother|father|doctor))\\b"),
          // Telling what happened (first person, a past-tense verb and a time marker): stories
          // about other channels and past visits, rarely feedback on the product in front of them.
          Cue.of(
              "recounts-an-event",
              "^(?=.*\\b(i|we|my|me)\\b)(?=.*\\b(was|were|had|did|went|got|said|told|took|called|asked|tried|\\w{3,}ed)\\b)"
                  + "(?=.*\\b(when|then|after|before|ago|once|yesterday|last (year|month|week|time)|one time|that (time|day)|at first|finally)\\b)"),
          Cue.of(
              "names-the-interface",
              "\\b(page|site|website|web ?site|form|button|link|screen|field|box|tab|menu|drop ?down|search|log ?in|sign ?in|upload\\w*|download\\w*|app|portal|section|header|heading|banner|alert|message|option|step|wording|text|font|label|email|notification|account|password)s?\\b"),
          Cue.of(
              "speaks-of-others", "^\\W*(\\w+\\W+){0,3}(they|he|she|people|everybody|somebody)\\b"),
          Cue.of("speaks-in-the-past", "\\b(was|were|had|did|went|got|used to|called)\\b"),
          Cue.of("uses-a-modal", "\\b(should|would|could|might|'d)\\b"),
          Cue.of("is-disfluent", "\\b(um+|uh+|you know|i mean|like,)"),
          Cue.of(
              "addresses-the-listener",
              "\\b(you('ll| will)? (need|have|want|got) to|you can|you('ll| will) (get|see|find|receive)|if you('ve| have)?)\\b"),
          Cue.of("trails-off", "(…|\\.\\.\\.|\\b(so|and|but|or|the|a|to|like))\\W*$"),
          Cue.of(
              "negates",
              "\\b(not|no|never|nothing|don't|doesn't|didn't|can't|couldn't|won't|isn't|wasn't)\\b"));

  public static List<Cue> allCurrentCues() {
    return ALL;
  }
}
