package dev.earshot.kit.cli;

import dev.earshot.cli.CommandLine;
import dev.earshot.kit.kafka.DeadLetterReplay;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.KafkaException;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code earshot dlt replay --topic T [--bootstrap-servers H:P] [--command-config FILE]
 * [--dry-run]}: redrives {@code T.dlt} ({@link DeadLetterReplay}). Progress goes to stderr; the
 * last line of stdout is one JSON object: {@code {"status":"ok","dead_letter_topic":"T.dlt",
 * "dry_run":false,"records":{"T":2},"total":2}} ({@code records}: dead letters per original topic,
 * replayed, or to be replayed in a dry run, which lists each one on stdout before). Exit 0, 1 when
 * Kafka refused (a rerun continues where it stopped), 2 on a bad command line.
 */
public final class DeadLetterCommand {

  static final String USAGE =
      """
      usage: earshot dlt replay --topic T [--bootstrap-servers localhost:9092]
                                [--command-config client.properties] [--dry-run]
        republishes the records of T.dlt (T or T.dlt) to the topics they came from, once;
        --dry-run counts and lists them without writing anything;
        --command-config: Kafka client settings (security) as a properties file""";

  private static final JsonMapper json = JsonMapper.builder().build();

  private DeadLetterCommand() {}

  public static void main(String[] args) {
    int status = run(args, System.out, System.err);
    if (status != 0) {
      System.exit(status);
    }
  }

  /**
   * @param args {@code dlt replay --topic T ...} (the leading {@code dlt} may be left out)
   * @return the exit status: 0 done (or {@code --help}/{@code -h}: the usage on {@code out}), 1
   *     Kafka refused, 2 bad command line or no such topic
   */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    int first = args.length > 0 && args[0].equals("dlt") ? 1 : 0;
    if (java.util.Arrays.stream(args).anyMatch(a -> a.equals("--help") || a.equals("-h"))) {
      out.println(USAGE);
      return 0;
    }
    if (args.length <= first || !args[first].equals("replay")) {
      err.println(USAGE);
      return 2;
    }
    Map<String, String> options = new HashMap<>();
    boolean dryRun = false;
    CommandLine arguments =
        new CommandLine(java.util.Arrays.copyOfRange(args, first + 1, args.length));
    while (arguments.hasMore()) {
      String arg = arguments.next();
      switch (arg) {
        case "--dry-run" -> dryRun = true;
        case "--topic", "--bootstrap-servers", "--command-config" -> {
          if (!arguments.hasMore()) {
            err.println("earshot dlt: " + arg + " needs a value\n" + USAGE);
            return 2;
          }
          options.put(arg, arguments.value(arg));
        }
        default -> {
          err.println("earshot dlt: unknown option " + arg + "\n" + USAGE);
          return 2;
        }
      }
    }
    String topic = options.get("--topic");
    if (topic == null || topic.isBlank()) {
      err.println("earshot dlt: --topic is required\n" + USAGE);
      return 2;
    }
    Map<String, Object> client = new HashMap<>();
    if (options.containsKey("--command-config")) {
      try {
        client.putAll(clientSettings(Path.of(options.get("--command-config"))));
      } catch (IOException e) {
        err.println("earshot dlt: cannot read " + options.get("--command-config"));
        return 2;
      }
    }
    client.put(
        CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG,
        options.getOrDefault("--bootstrap-servers", "localhost:9092"));

    boolean dry = dryRun;
    DeadLetterReplay.Progress progress =
        new DeadLetterReplay.Progress() {
          @Override
          public void deadLetter(DeadLetterReplay.DeadLetter letter) {
            if (dry) {
              out.println(
                  letter.deadLetterTopic()
                      + "-"
                      + letter.partition()
                      + "@"
                      + letter.offset()
                      + " -> "
                      + letter.originalTopic()
                      + " key="
                      + letter.key()
                      + (letter.exception() == null ? "" : " exception=" + letter.exception()));
            }
          }

          @Override
          public void step(long done, long total) {
            err.println(
                "earshot dlt: "
                    + (dry ? "read " : "replayed ")
                    + done
                    + "/"
                    + total
                    + " from "
                    + DeadLetterReplay.deadLetterTopicOf(topic));
          }
        };
    try {
      DeadLetterReplay.Report report =
          new DeadLetterReplay(client, Duration.ofSeconds(60)).replay(topic, dryRun, progress);
      Map<String, Object> line = new LinkedHashMap<>();
      line.put("status", "ok");
      line.put("dead_letter_topic", report.deadLetterTopic());
      line.put("dry_run", report.dryRun());
      line.put("records", report.records());
      line.put("total", report.total());
      out.println(json.writeValueAsString(line));
      return 0;
    } catch (IllegalArgumentException e) {
      err.println("earshot dlt: " + e.getMessage());
      out.println(failed(e.getMessage()));
      return 2;
    } catch (KafkaException | IllegalStateException e) {
      err.println("earshot dlt: " + e);
      out.println(failed(e.toString()));
      return 1;
    }
  }

  private static String failed(String error) {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("status", "failed");
    line.put("error", error);
    return json.writeValueAsString(line);
  }

  private static Map<String, Object> clientSettings(Path file) throws IOException {
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(file)) {
      properties.load(reader);
    }
    Map<String, Object> settings = new HashMap<>();
    properties.forEach((key, value) -> settings.put(key.toString(), value));
    return settings;
  }
}
