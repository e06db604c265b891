package dev.earshot.cli;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The arguments of a service's file command such as {@code earshot detect --in a --out b --set
 * k=v}: named options, and settings that override the service's configuration ({@code --set
 * key=value}, and {@code --model M} as short for the service's model property). Read with {@link
 * CommandLine}, the one parser of Earshot's tools; every option takes a value.
 *
 * @param command the command name (first argument)
 * @param options the named options given, e.g. {@code --in}
 * @param settings configuration overrides
 */
public record CommandArgs(
    String command, Map<String, String> options, Map<String, Object> settings) {

  /** A command line that cannot be run; the message says why, for the usage text. */
  public static final class Invalid extends Exception {
    public Invalid(String message) {
      super(message);
    }
  }

  /**
   * Reads a file command's arguments.
   *
   * @param args the command and its options
   * @param optionNames the named options the command takes, e.g. {@code --in}
   * @param modelProperty the property {@code --model} sets, or null when it has none
   * @throws Invalid {@code no command}, {@code <option> needs a value}, {@code unknown option
   *     <option>} or {@code --set takes key=value, not <value>}
   */
  public static CommandArgs parse(String[] args, Set<String> optionNames, String modelProperty)
      throws Invalid {
    if (args.length == 0) {
      throw new Invalid("no command");
    }
    Map<String, String> options = new LinkedHashMap<>();
    Map<String, Object> settings = new LinkedHashMap<>();
    CommandLine line = new CommandLine(Arrays.copyOfRange(args, 1, args.length));
    while (line.hasMore()) {
      String arg = line.next();
      String value;
      try {
        value = line.value(arg);
      } catch (IllegalArgumentException noValue) {
        throw new Invalid(noValue.getMessage());
      }
      if (optionNames.contains(arg)) {
        options.put(arg, value);
      } else if (arg.equals("--model") && modelProperty != null) {
        settings.put(modelProperty, value);
      } else if (arg.equals("--set")) {
        int eq = value.indexOf('=');
        if (eq < 1) {
          throw new Invalid("--set takes key=value, not " + value);
        }
        settings.put(value.substring(0, eq), value.substring(eq + 1));
      } else {
        throw new Invalid("unknown option " + arg);
      }
    }
    return new CommandArgs(args[0], options, settings);
  }

  /** Whether {@code option} was given. */
  public boolean has(String option) {
    return options.containsKey(option);
  }

  /** The value given for {@code option}, or null. */
  public String option(String option) {
    return options.get(option);
  }
}
