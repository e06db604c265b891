package dev.earshot.extraction.detect;

import java.util.regex.Pattern;

/**
 * A named pattern that hints at what a sentence is ("asks for something", "talks about price").
 * Cues are features of the classifier, not verdicts: each only shifts the learned score.
 */
public record Cue(String name, Pattern pattern) {

  static Cue of(String name, String regex) {
    return new Cue(name, Pattern.compile(regex, Pattern.CASE_INSENSITIVE));
  }

  public boolean matches(String sentence) {
    return pattern.matcher(sentence).find();
  }
}
