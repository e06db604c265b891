package dev.earshot.kit.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The arguments of a file command such as {@code earshot detect --in a --out b --set k=v}: named
 * options, and settings that override the service's configuration ({@code --set key=value}, and
 * {@code --model M} as short for the service's model property).
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
   * @param args the command and its options
   * @param optionNames the named options the command takes, e.g. {@code --in}
   * @param modelProperty the property {@code --model} sets, or null when it has none
   */
  public static CommandArgs parse(String[] args, Set<String> optionNames, String modelProperty)
      throws Invalid {
    if (args.length == 0) {
      throw new Invalid("no command");
    }
    Map<String, String> options = new LinkedHashMap<>();
    Map<String, Object> settings = new LinkedHashMap<>();
    for (int i = 1; i < args.length; i++) {
      String arg = args[i];
      if (i + 1 >= args.length) {
        throw new Invalid(arg + " needs a value");
      }
      String value = args[++i];
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

  public boolean has(String option) {
    return options.containsKey(option);
  }

  public String option(String option) {
    return options.get(option);
  }
}
