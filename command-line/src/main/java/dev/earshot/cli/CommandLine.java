package dev.earshot.cli;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.Function;

/**
 * {@code --name value} and {@code --flag} arguments of a command-line tool, read in order, and the
 * conversions every tool applies to a value. Every refusal is an {@link IllegalArgumentException}
 * whose message names the option and the value, for the tool to print above its usage text: {@code
 * --port needs a value}, {@code --port takes a number, not http}, {@code --port must be 0..65535,
 * not 70000}.
 *
 * <p>Tools ({@code ./earshot local}, {@code simulator}, {@code bench}) walk the arguments with
 * {@link #hasMore()}, {@link #next()} and {@link #value(String)} and refuse what they do not know.
 */
public final class CommandLine {

  private final Deque<String> rest;

  /**
   * @param args the arguments after the command name
   */
  public CommandLine(String... args) {
    this.rest = new ArrayDeque<>(List.of(args));
  }

  /** Whether arguments remain. */
  public boolean hasMore() {
    return !rest.isEmpty();
  }

  /** The next argument (an option name, or a stray word the caller refuses). */
  public String next() {
    return rest.removeFirst();
  }

  /**
   * The value that follows {@code option}.
   *
   * @throws IllegalArgumentException {@code <option> needs a value} when none remains
   */
  public String value(String option) {
    if (rest.isEmpty()) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return rest.removeFirst();
  }

  /**
   * An {@code int}.
   *
   * @throws IllegalArgumentException {@code <option> takes a number, not <value>}
   */
  public static int number(String option, String value) {
    return parsed(option, value, Integer::parseInt, "a number");
  }

  /**
   * A {@code long} from {@code min} to {@code max}, both included.
   *
   * @throws IllegalArgumentException {@code <option> takes a number, not <value>} or {@code
   *     <option> must be <min>..<max>, not <value>}
   */
  public static long within(String option, String value, long min, long max) {
    long n = parsed(option, value, Long::parseLong, "a number");
    if (n < min || n > max) {
      throw new IllegalArgumentException(
          option + " must be " + min + ".." + max + ", not " + value);
    }
    return n;
  }

  /**
   * Any {@code long}.
   *
   * @throws IllegalArgumentException {@code <option> takes a whole number, not <value>}
   */
  public static long wholeNumber(String option, String value) {
    return parsed(option, value, Long::parseLong, "a whole number");
  }

  /**
   * A TCP port, 0 (any free port) to 65535.
   *
   * @throws IllegalArgumentException as {@link #number}, or {@code <option> must be 0..65535, not
   *     <value>}
   */
  public static int port(String option, String value) {
    int port = number(option, value);
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException(option + " must be 0..65535, not " + value);
    }
    return port;
  }

  /**
   * A count of at least 1.
   *
   * @throws IllegalArgumentException as {@link #number}, or {@code <option> must be at least 1, not
   *     <value>}
   */
  public static int positive(String option, String value) {
    int n = number(option, value);
    if (n < 1) {
      throw new IllegalArgumentException(option + " must be at least 1, not " + value);
    }
    return n;
  }

  /**
   * A share from 0 to 1, both included.
   *
   * @throws IllegalArgumentException {@code <option> takes a number from 0 to 1, not <value>} or
   *     {@code <option> must be from 0 to 1, not <value>}
   */
  public static double share(String option, String value) {
    double share = parsed(option, value, Double::parseDouble, "a number from 0 to 1");
    if (share < 0 || share > 1) {
      throw new IllegalArgumentException(option + " must be from 0 to 1, not " + value);
    }
    return share;
  }

  /**
   * {@code value} read by {@code parser}; {@code <option> takes <what>, not <value>} if it fails.
   */
  private static <T> T parsed(
      String option, String value, Function<String, T> parser, String what) {
    try {
      return parser.apply(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(option + " takes " + what + ", not " + value, e);
    }
  }
}
