package dev.earshot.bench;

import dev.earshot.cli.CommandLine;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

  static final Map<String, Run> ALL = new LinkedHashMap<>();

  static {
    ALL.put("ingest", IngestBench::run);
    ALL.put("gateway", GatewayBench::run);
    ALL.put("extraction", ExtractionBench::run);
    ALL.put("dedup", DedupBench::run);
    ALL.put("train-detector", DetectorTraining::run);
    ALL.put("titles", ExtractionTitles::standalone);
    ALL.put("followups", FollowUpBench::run);
  }

  private Bench() {}

  public static void main(String[] argv) throws Exception {
    if (argv.length == 0 || !ALL.containsKey(argv[0])) {
      System.err.println("usage: earshot bench " + String.join("|", ALL.keySet()) + " [options]");
      System.exit(2);
      return;
    }
    Map<String, Object> figures = new LinkedHashMap<>();
    figures.put("bench", argv[0]);
    figures.put("cores", Runtime.getRuntime().availableProcessors());
    figures.putAll(ALL.get(argv[0]).run(new Args(Arrays.copyOfRange(argv, 1, argv.length))));
    System.out.println(json.writeValueAsString(figures));
    System.exit(0);
  }

  /** {@code --name value} options with defaults, looked up leniently ({@link CommandLine}). */
  record Args(String[] values) {
    String get(String name, String fallback) {
      return CommandLine.get(values, "--" + name, fallback);
    }

    int integer(String name, int fallback) {
      return Integer.parseInt(get(name, Integer.toString(fallback)));
    }

    /** The {@code --set key=value} flags (repeatable), as property overrides in their order. */
    Map<String, Object> sets() {
      Map<String, Object> settings = new LinkedHashMap<>();
      for (String set : CommandLine.all(values, "--set")) {
        int eq = set.indexOf('=');
        if (eq >= 0) {
          settings.put(set.substring(0, eq), set.substring(eq + 1));
        }
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
