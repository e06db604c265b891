package dev.earshot.bench;

import java.util.Arrays;
import java.util.LinkedHashMap;
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

  /** {@code --name value} options with defaults. */
  record Args(String[] values) {
    String get(String name, String fallback) {
      for (int i = 0; i < values.length - 1; i++) {
        if (values[i].equals("--" + name)) {
          return values[i + 1];
        }
      }
      return fallback;
    }

    int integer(String name, int fallback) {
      return Integer.parseInt(get(name, Integer.toString(fallback)));
    }
  }

  static void say(String format, Object... args) {
    System.out.println(String.format(format, args));
  }
}
