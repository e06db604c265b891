package dev.earshot.local;

import dev.earshot.cli.CommandLine;
import dev.earshot.cli.FreePorts;
import dev.earshot.gong.simulator.Realism;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Command-line options of {@code ./earshot local}.
 *
 * @param once start, run what the stack runs, print one JSON summary line, stop, exit
 * @param kafkaPort broker port (default 9092; 0 picks a free one)
 * @param controllerPort KRaft controller port (default 9093; 0 picks a free one)
 * @param partitions partitions per topic (default 3)
 * @param simulatorPort Gong simulator port (default 8090; 0 picks a free one)
 * @param calls size of the simulator's demo corpus (default 300)
 * @param seed seed of the demo corpus (default 42)
 * @param ingestPort ingest-service HTTP port (default 8082; 0 picks a free one)
 * @param gatewayPort webhook-gateway HTTP port (default 8081; 0 picks a free one)
 * @param extractionPort extraction-service HTTP port (default 8083; 0 picks a free one)
 * @param dedupPort dedup-service HTTP port (default 8084; 0 picks a free one)
 * @param assistantPort assistant-service HTTP port (default 8085; 0 picks a free one)
 * @param webhookShare share of the corpus (its most recent calls) Gong also announces by webhook in
 *     {@code --once} (default 0.1); 0 subscribes no webhook, so calls arrive by the backfill and
 *     polling only
 * @param realism how unfriendly the simulator is: {@code none} (default) or {@code field} (Gong as
 *     it really behaves, gong-simulator/README.md)
 * @param corpus a directory of {@code {"call","transcript"}} files (as {@code ./earshot capture}
 *     writes) the simulator serves instead of the generated corpus, or null
 * @param processes run each service as its own JVM from its bootable jar with the production
 *     profile (configured by environment variables), instead of all in the launcher's JVM
 */
public record LocalOptions(
    boolean once,
    int kafkaPort,
    int controllerPort,
    int partitions,
    int simulatorPort,
    int calls,
    long seed,
    int ingestPort,
    int gatewayPort,
    int extractionPort,
    int dedupPort,
    int assistantPort,
    double webhookShare,
    String realism,
    Path corpus,
    boolean processes) {

  public static final String USAGE =
      """
      usage: earshot local [--once] [--processes] [--kafka-port N] [--controller-port N] [--partitions N]
                           [--simulator-port N] [--calls N] [--seed S] [--ingest-port N]
                           [--gateway-port N] [--extraction-port N] [--dedup-port N]
                           [--assistant-port N] [--webhook-share F] [--realism none|field] [--corpus DIR]
        --once             start everything, run it, print a JSON summary line, stop, exit 0
        --processes        each service as its own JVM (its bootable jar, local profile, other
                           settings by environment variables, logs under target/local-processes/)
        --kafka-port       broker port (default 9092, 0 = any free port)
        --controller-port  KRaft controller port (default 9093, 0 = any free port)
        --partitions       partitions per topic (default 3)
        --simulator-port   Gong simulator port (default 8090, 0 = any free port)
        --calls            demo corpus size, 1..100000 (default 300)
        --seed             demo corpus seed, any long (default 42)
        --ingest-port      ingest-service port (default 8082, 0 = any free port)
        --gateway-port     webhook-gateway port (default 8081, 0 = any free port)
        --extraction-port  extraction-service port (default 8083, 0 = any free port)
        --dedup-port       dedup-service port (default 8084, 0 = any free port)
        --assistant-port   assistant-service port (default 8085, 0 = any free port)
        --webhook-share    share of the corpus (newest calls) also announced by webhook, 0..1
                           (default 0.1); 0 subscribes no webhook at all (backfill and polling)
        --realism          none (default) or field: Gong as it really behaves (late-listed long
                           calls, sample-shaped webhooks, nulls and gaps, real CRM shapes, a 403,
                           the daily quota and a revoked key during the run, planted bad calls)
        --corpus           serve a directory of {"call","transcript"} files (./earshot capture
                           writes one) instead of the demo corpus; --calls and --seed do not apply""";

  public static LocalOptions parse(String... args) {
    boolean once = false;
    boolean processes = false;
    int kafkaPort = 9092;
    int controllerPort = 9093;
    int partitions = 3;
    int simulatorPort = 8090;
    int calls = 300;
    long seed = 42;
    int ingestPort = 8082;
    int gatewayPort = 8081;
    int extractionPort = 8083;
    int dedupPort = 8084;
    int assistantPort = 8085;
    double webhookShare = 0.1;
    String realism = "none";
    Path corpus = null;
    List<String> generatedOnly = new ArrayList<>();
    CommandLine line = new CommandLine(args);
    while (line.hasMore()) {
      String arg = line.next();
      switch (arg) {
        case "--once" -> once = true;
        case "--processes" -> processes = true;
        case "--kafka-port" -> kafkaPort = CommandLine.port(arg, line.value(arg));
        case "--controller-port" -> controllerPort = CommandLine.port(arg, line.value(arg));
        case "--partitions" -> partitions = CommandLine.positive(arg, line.value(arg));
        case "--simulator-port" -> simulatorPort = CommandLine.port(arg, line.value(arg));
        case "--calls" -> {
          calls = CommandLine.positive(arg, line.value(arg));
          generatedOnly.add(arg);
        }
        case "--seed" -> {
          seed = CommandLine.wholeNumber(arg, line.value(arg));
          generatedOnly.add(arg);
        }
        case "--realism" -> realism = realism(arg, line.value(arg));
        case "--corpus" -> corpus = directory(arg, line.value(arg));
        case "--ingest-port" -> ingestPort = CommandLine.port(arg, line.value(arg));
        case "--gateway-port" -> gatewayPort = CommandLine.port(arg, line.value(arg));
        case "--extraction-port" -> extractionPort = CommandLine.port(arg, line.value(arg));
        case "--dedup-port" -> dedupPort = CommandLine.port(arg, line.value(arg));
        case "--assistant-port" -> assistantPort = CommandLine.port(arg, line.value(arg));
        case "--webhook-share" -> webhookShare = CommandLine.share(arg, line.value(arg));
        default -> throw new IllegalArgumentException("unknown option " + arg);
      }
    }
    if (calls > 100_000) {
      throw new IllegalArgumentException("--calls must be at most 100000, not " + calls);
    }
    if (corpus != null && !generatedOnly.isEmpty()) {
      throw new IllegalArgumentException(
          String.join(" and ", generatedOnly)
              + (generatedOnly.size() == 1 ? " chooses" : " choose")
              + " the generated demo corpus; with --corpus DIR the calls are the files of"
              + " DIR, so leave "
              + (generatedOnly.size() == 1 ? "it" : "them")
              + " out");
    }
    return new LocalOptions(
        once,
        FreePorts.orPick(kafkaPort),
        FreePorts.orPick(controllerPort),
        partitions,
        simulatorPort,
        calls,
        seed,
        FreePorts.orPick(ingestPort),
        FreePorts.orPick(gatewayPort),
        FreePorts.orPick(extractionPort),
        FreePorts.orPick(dedupPort),
        FreePorts.orPick(assistantPort),
        webhookShare,
        realism,
        corpus,
        processes);
  }

  private static String realism(String option, String value) {
    try {
      return Realism.profile(value).profileName();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(option + " must be none or field, not " + value, e);
    }
  }

  private static Path directory(String option, String value) {
    Path dir = Path.of(value);
    if (!Files.isDirectory(dir)) {
      throw new IllegalArgumentException(
          option
              + " takes a directory of {\"call\",\"transcript\"} JSON files (./earshot capture"
              + " writes one); "
              + value
              + " is not a directory");
    }
    return dir;
  }
}
