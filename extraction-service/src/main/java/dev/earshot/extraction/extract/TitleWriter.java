package dev.earshot.extraction.extract;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A short title from a customer's sentence, without a language model: the first named frame that
 * matches gives the core of the request ("…if we could <edit shipments in bulk>"); a problem
 * statement keeps its first clause ("<The export fails> when…"). The core is cut at the first
 * boundary word and to eight words, and capitalised.
 */
final class TitleWriter {

  /** A named way customers phrase a request, with the request itself in group {@code core}. */
  record Frame(String name, Pattern pattern) {
    static Frame of(String name, String regex) {
      return new Frame(name, Pattern.compile(regex, Pattern.CASE_INSENSITIVE));
    }
  }

  private static final String AIM =
      "(?:a way to |a way for us to |to be able to |being able to |the ability to |the option to |to )?";

  static final List<Frame> FRAMES =
      List.of(
          Frame.of(
              "it-would-help-if",
              "\\bit would (?:save|help|be|make)[^.?!]*? if (?:we|i|you|they|there|people) (?:could |had |was |were |would )?(?<core>[^.?!]+)"),
          Frame.of(
              "is-there-a-way",
              "\\bis there (?:any|a) (?:way|plan|chance)(?: for us)?(?: to| we could| of| for)? (?<core>[^.?!]+)"),
          Frame.of(
              "plans-for",
              "\\b(?:do you have|are there|any) (?:any )?plans? (?:for|to) (?<core>[^.?!]+)"),
          Frame.of(
              "can-you",
              "\\b(?:can|could|would) (?:we|you|i) (?:please )?(?:get|have|add|build|make|offer|see|support)? ?"
                  + AIM
                  + "(?<core>[^.?!]+)"),
          Frame.of(
              "we-need",
              "\\b(?:we|i|they|my team|our team)(?:'d| would)? (?:really |just |also |still |definitely )?(?:need|want|like|love|wish)(?: to see| to have| to get)? (?:for )?"
                  + AIM
                  + "(?<core>[^.?!]+)"),
          Frame.of(
              "please", "\\bplease (?:add|make|consider|support|fix|bring)? ?(?<core>[^.?!]+)"),
          Frame.of(
              "the-gap-is",
              "\\bthe (?:biggest|main|key|one|only) (?:thing|blocker|gap|issue|problem)[^.?!]*? is (?<core>[^.?!]+)"));

  private static final Pattern BOUNDARY =
      Pattern.compile(
          "(,|;|\\s-\\s|\\b(?:so that|so|because|since|instead of|which|whenever|when|every time|before|after|and then|but|like|for our|for us|that would|right now|at the moment)\\b)",
          Pattern.CASE_INSENSITIVE);

  private static final Pattern FILLER =
      Pattern.compile(
          "^(?:(?:honestly|so|yeah|well|and|but|also|look|i mean|right now|basically|really|okay|ok|um|uh)[,]?\\s+)+",
          Pattern.CASE_INSENSITIVE);

  private static final int MAX_WORDS = 8;

  private TitleWriter() {}

  static String title(String sentence) {
    String text = FILLER.matcher(sentence.strip()).replaceFirst("");
    for (Frame frame : FRAMES) {
      Matcher m = frame.pattern().matcher(text);
      if (m.find()) {
        String core = shorten(m.group("core"));
        if (core.split("\\s+").length >= 2) {
          return capitalise(core);
        }
      }
    }
    return capitalise(shorten(text));
  }

  private static String shorten(String core) {
    String text = core.strip();
    Matcher boundary = BOUNDARY.matcher(text);
    while (boundary.find()) {
      if (boundary.start() > 0
          && text.substring(0, boundary.start()).strip().split("\\s+").length >= 2) {
        text = text.substring(0, boundary.start());
        break;
      }
    }
    String[] words = text.strip().replaceAll("[.?!,;:]+$", "").split("\\s+");
    if (words.length > MAX_WORDS) {
      words = java.util.Arrays.copyOf(words, MAX_WORDS);
    }
    return String.join(" ", words).replaceAll("\\b(our|my) own\\b", "own").strip();
  }

  private static String capitalise(String text) {
    if (text.isEmpty()) {
      return text;
    }
    return text.substring(0, 1).toUpperCase(Locale.ROOT) + text.substring(1);
  }
}
