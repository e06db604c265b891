package dev.earshot.extraction.extract;

import java.util.regex.Pattern;

/** A named pattern over what a customer said, for the describing rules. */
record Rule(String name, Pattern pattern) {

  static Rule of(String name, String regex) {
    return new Rule(name, Pattern.compile(regex, Pattern.CASE_INSENSITIVE));
  }

  boolean matches(String text) {
    return pattern.matcher(text).find();
  }
}
