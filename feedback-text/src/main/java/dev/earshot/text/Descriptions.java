package dev.earshot.text;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How an item's description names the question the customer answered: {@code "Asked: <question> —
 * <the customer's sentences>"}. Extraction writes it; deduplication reads the customer's words
 * back, so an interviewer's stock question ("Anything you would change?") never makes two requests
 * look alike.
 */
public final class Descriptions {

  private static final String ASKED = "Asked: ";
  private static final String SEPARATOR = " — ";
  private static final Pattern ANSWERED =
      Pattern.compile("^" + ASKED + "(.*?\\?)" + SEPARATOR + "(.*)$", Pattern.DOTALL);

  private Descriptions() {}

  /** The description of {@code answer}, after {@code question} when there is one. */
  public static String of(Optional<String> question, String answer) {
    return question.map(q -> ASKED + q.strip() + SEPARATOR + answer).orElse(answer);
  }

  /** The customer's own words of a description: without the question, when it names one. */
  public static String customersWords(String description) {
    if (description == null) {
      return null;
    }
    Matcher m = ANSWERED.matcher(description);
    return m.matches() ? m.group(2) : description;
  }
}
