package dev.earshot.bench;

import dev.earshot.cli.CommandLine;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code ./earshot bench NAME [options]}: runs one benchmark, prints its figures as lines a person
 * reads and, last, one JSON line a script reads.
 */
public final class Bench {

  private static final JsonMapper json = JsonMapper.builder().build();

  /** One benchmark. */
  interface Run {
    Map<String, Object> run(Args args) throws Exception;
  }

  /**
   * A benchmark and the options it reads ({@code --name value}, each name without its dashes;
   * {@code set} is {@code --set key=value}, repeatable).
   */
  record Spec(Run run, Set<String> options) {
    Spec(Run run, String... options) {
      this(run, new TreeSet<>(List.of(options)));
    }

    /** {@code usage: earshot bench NAME [--a V] [--b V] [--set k=v] …} */
    String usage(String name) {
      StringBuilder usage = new StringBuilder("usage: earshot bench ").append(name);
      options.forEach(
          o -> usage.append(" [--").append(o).append(o.equals("set") ? " k=v …]" : " V]"));
      return usage.append("  (./earshot help says what each does)").toString();
    }
  }

  static final Map<String, Spec> ALL = new LinkedHashMap<>();

  static {
    ALL.put("ingest", new Spec(IngestBench::run, "calls", "seed"));
    ALL.put("gateway", new Spec(GatewayBench::run, "seconds", "warmup", "concurrency"));
    ALL.put(
        "extraction",
        new Spec(
            ExtractionBench::run,
            "set",
            "calls",
            "seed",
            "labelled",
            "calls-dev",
            "model",
            "only-quality",
            "same-turn",
            "same-request",
            "threads",
            "throughput-calls"));
    ALL.put(
        "dedup",
        new Spec(
            DedupBench::run,
            "set",
            "calls",
            "seed",
            "embedded-text",
            "judge-oracle",
            "call-labels",
            "calls-dev",
            "pairs",
            "rescoring",
            "weight",
            "vectors",
            "compact",
            "breadths",
            "queries",
            "recall-queries",
            "service-items"));
    ALL.put(
        "train-detector",
        new Spec(
            DetectorTraining::run,
            "calls-dev",
            "out",
            "item-out",
            "labelled",
            "guard-calls",
            "guard-seed",
            "joint-calls",
            "joint-seed",
            "item-stage",
            "real-weight",
            "item-l2",
            "by-call",
            "show-errors",
            "curve"));
    ALL.put(
        "titles", new Spec(ExtractionTitles::standalone, "calls", "seed", "labelled", "calls-dev"));
    ALL.put(
        "followups",
        new Spec(
            FollowUpBench::run,
            "set",
            "calls",
            "seed",
            "calls-dev",
            "model",
            "drafts",
            "feedback"));
  }

  private Bench() {}

  /**
   * Runs {@code argv[0]} with the options after it and prints its figures; exits 0. {@code --help}
   * or {@code -h} prints that benchmark's usage and exits 0; an unknown benchmark, an option it
   * does not read, an option without its value or a value of the wrong kind prints the reason and
   * the usage and exits 2 before anything runs (a misspelt {@code --seeds 7} must not print seed
   * 42's figures as if they were seed 7's).
   */
  public static void main(String[] argv) throws Exception {
    if (argv.length == 0 || !ALL.containsKey(argv[0])) {
      System.err.println(
          (argv.length == 0 ? "" : "earshot bench: no benchmark named " + argv[0] + "\n")
              + "usage: earshot bench "
              + String.join("|", ALL.keySet())
              + " [options]");
      System.exit(2);
      return;
    }
    String name = argv[0];
    Spec spec = ALL.get(name);
    String[] rest = Arrays.copyOfRange(argv, 1, argv.length);
    if (Arrays.asList(rest).contains("--help") || Arrays.asList(rest).contains("-h")) {
      System.out.println(spec.usage(name));
      System.exit(0);
      return;
    }
    Args args;
    try {
      args = Args.parse(spec.options(), rest);
    } catch (IllegalArgumentException refused) {
      System.err.println("earshot bench " + name + ": " + refused.getMessage());
      System.err.println(spec.usage(name));
      System.exit(2);
      return;
    }
    Map<String, Object> figures = new LinkedHashMap<>();
    figures.put("bench", name);
    figures.put("cores", Runtime.getRuntime().availableProcessors());
    try {
      figures.putAll(spec.run().run(args));
    } catch (BadOption refused) {
      // a value read when its stage begins (a list such as --vectors 1000,x)
      System.err.println("earshot bench " + name + ": " + refused.getMessage());
      System.err.println(spec.usage(name));
      System.exit(2);
      return;
    }
    System.out.println(json.writeValueAsString(figures));
    System.exit(0);
  }

  /** A value of an option that is not of the kind the benchmark reads; the message says which. */
  static final class BadOption extends IllegalArgumentException {
    BadOption(String message) {
      super(message);
    }
  }

  /**
   * A benchmark's {@code --name value} options, checked before it runs ({@link #parse}); values are
   * converted as they are read, with {@link CommandLine}'s refusals.
   *
   * @param options the names the benchmark reads, without dashes
   * @param values the options as given, in order
   */
  record Args(Set<String> options, Map<String, List<String>> values) {

    /**
     * The options in {@code argv}: each is {@code --name value} with a name in {@code options}
     * ({@code --set key=value} when {@code set} is one); a value may start with a dash ({@code
     * --seed -3}). Values are checked here only for being present; their kind when read.
     *
     * @throws IllegalArgumentException {@code unknown option --x (this benchmark reads --a, --b)},
     *     {@code --x needs a value}, {@code --set takes key=value, not v}, or {@code unexpected
     *     argument w}
     */
    static Args parse(Set<String> declared, String... argv) {
      Set<String> options = new TreeSet<>(declared);
      Map<String, List<String>> values = new LinkedHashMap<>();
      CommandLine line = new CommandLine(argv);
      while (line.hasMore()) {
        String option = line.next();
        if (!option.startsWith("--")) {
          throw new IllegalArgumentException("unexpected argument " + option);
        }
        String name = option.substring(2);
        if (!options.contains(name)) {
          throw new IllegalArgumentException(
              "unknown option "
                  + option
                  + " (this benchmark reads "
                  + (options.isEmpty()
                      ? "none"
                      : options.stream().map(o -> "--" + o).collect(Collectors.joining(", ")))
                  + ")");
        }
        String value = line.value(option);
        if (name.equals("set") && value.indexOf('=') <= 0) {
          throw new IllegalArgumentException("--set takes key=value, not " + value);
        }
        values.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
      }
      return new Args(options, values);
    }

    /**
     * The last value of {@code --name}, or {@code fallback}.
     *
     * @throws IllegalStateException when the benchmark did not declare {@code name} (a bug here,
     *     not bad input)
     */
    String get(String name, String fallback) {
      if (!options.contains(name)) {
        throw new IllegalStateException("bench option --" + name + " is read but not declared");
      }
      List<String> given = values.get(name);
      return given == null ? fallback : given.getLast();
    }

    /**
     * {@code --name} as an {@code int}.
     *
     * @throws BadOption {@code --name takes a number, not v}
     */
    int integer(String name, int fallback) {
      String value = get(name, null);
      return value == null ? fallback : number(name, value);
    }

    /**
     * {@code --name} as a comma-separated list of {@code int}s ({@code 8,16,32}), or {@code
     * fallback}'s.
     *
     * @throws BadOption {@code --name takes a number, not v}
     */
    List<Integer> integers(String name, String fallback) {
      List<Integer> numbers = new ArrayList<>();
      for (String value : get(name, fallback).split(",")) {
        numbers.add(number(name, value.strip()));
      }
      return numbers;
    }

    /**
     * {@code --name} as a comma-separated list of shares from 0 to 1 ({@code 1,0.9,0.8}), or {@code
     * fallback}'s.
     *
     * @throws BadOption {@code --name takes a number from 0 to 1, not v} or {@code --name must be
     *     from 0 to 1, not v}
     */
    List<Double> shares(String name, String fallback) {
      List<Double> shares = new ArrayList<>();
      for (String value : get(name, fallback).split(",")) {
        try {
          shares.add(CommandLine.share("--" + name, value.strip()));
        } catch (IllegalArgumentException e) {
          throw new BadOption(e.getMessage());
        }
      }
      return shares;
    }

    private static int number(String name, String value) {
      try {
        return CommandLine.number("--" + name, value);
      } catch (IllegalArgumentException e) {
        throw new BadOption(e.getMessage());
      }
    }

    /**
     * {@code --name} as a {@code double}.
     *
     * @throws BadOption {@code --name takes a number, not v}
     */
    double decimal(String name, double fallback) {
      String value = get(name, null);
      if (value == null) {
        return fallback;
      }
      try {
        return Double.parseDouble(value);
      } catch (NumberFormatException e) {
        throw new BadOption("--" + name + " takes a number, not " + value);
      }
    }

    /**
     * {@code --name true|false}.
     *
     * @throws BadOption {@code --name takes true or false, not v}
     */
    boolean flag(String name, boolean fallback) {
      return Boolean.parseBoolean(choice(name, Boolean.toString(fallback), "true", "false"));
    }

    /**
     * {@code --name}, one of {@code allowed}, or {@code fallback}.
     *
     * @throws BadOption {@code --name takes a, b or c, not v}
     */
    String choice(String name, String fallback, String... allowed) {
      String value = get(name, fallback);
      if (!List.of(allowed).contains(value)) {
        List<String> all = List.of(allowed);
        throw new BadOption(
            "--"
                + name
                + " takes "
                + (all.size() == 1
                    ? all.getFirst()
                    : String.join(", ", all.subList(0, all.size() - 1)) + " or " + all.getLast())
                + ", not "
                + value);
      }
      return value;
    }

    /** The {@code --set key=value} flags (repeatable), as property overrides in their order. */
    Map<String, Object> sets() {
      get("set", null); // declared
      Map<String, Object> settings = new LinkedHashMap<>();
      for (String set : values.getOrDefault("set", List.of())) {
        int eq = set.indexOf('=');
        settings.put(set.substring(0, eq), set.substring(eq + 1));
      }
      return settings;
    }
  }

  /**
   * The values {@code from}, {@code from + step}, … up to {@code to} inclusive, each rounded to two
   * decimals (so 0.05 steps give 0.35, not 0.35000000000000003).
   */
  static List<Double> grid(double from, double to, double step) {
    List<Double> out = new ArrayList<>();
    for (long i = Math.round(from / step); i <= Math.round(to / step); i++) {
      out.add(Math.round(i * step * 100) / 100.0);
    }
    return out;
  }

  /** As {@link #grid}, with {@code configured} added in order if the grid misses it. */
  static List<Double> grid(double from, double to, double step, double configured) {
    List<Double> out = grid(from, to, step);
    if (!out.contains(configured)) {
      out.add(configured);
      out.sort(null);
    }
    return out;
  }

  static void say(String format, Object... args) {
    System.out.println(String.format(format, args));
  }
}
