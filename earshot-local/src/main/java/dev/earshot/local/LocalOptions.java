package dev.earshot.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
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
 * @param webhookShare share of the corpus (its most recent calls) Gong also announces by webhook in
 *     {@code --once} (default 0.1)
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
    double webhookShare) {

  public static final String USAGE =
      """
      usage: earshot local [--once] [--kafka-port N] [--controller-port N] [--partitions N]
                           [--simulator-port N] [--calls N] [--seed S] [--ingest-port N]
                           [--gateway-port N] [--extraction-port N] [--dedup-port N]
                           [--webhook-share F]
        --once             start everything, run it, print a JSON summary line, stop, exit 0
        --kafka-port       broker port (default 9092, 0 = any free port)
        --controller-port  KRaft controller port (default 9093, 0 = any free port)
        --partitions       partitions per topic (default 3)
        --simulator-port   Gong simulator port (default 8090, 0 = any free port)
        --calls            demo corpus size, 1..100000 (default 300)
        --seed             demo corpus seed (default 42)
        --ingest-port      ingest-service port (default 8082, 0 = any free port)
        --gateway-port     webhook-gateway port (default 8081, 0 = any free port)
        --extraction-port  extraction-service port (default 8083, 0 = any free port)
        --dedup-port       dedup-service port (default 8084, 0 = any free port)
        --webhook-share    share of the corpus (newest calls) also announced by webhook, 0..1
                           (default 0.1)""";

  public static LocalOptions parse(String... args) {
    boolean once = false;
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
    double webhookShare = 0.1;
    List<String> rest = new ArrayList<>(List.of(args));
    while (!rest.isEmpty()) {
      String arg = rest.removeFirst();
      switch (arg) {
        case "--once" -> once = true;
        case "--kafka-port" -> kafkaPort = port(arg, value(arg, rest));
        case "--controller-port" -> controllerPort = port(arg, value(arg, rest));
        case "--partitions" -> partitions = positive(arg, value(arg, rest));
        case "--simulator-port" -> simulatorPort = port(arg, value(arg, rest));
        case "--calls" -> calls = positive(arg, value(arg, rest));
        case "--seed" -> seed = number(arg, value(arg, rest));
        case "--ingest-port" -> ingestPort = port(arg, value(arg, rest));
        case "--gateway-port" -> gatewayPort = port(arg, value(arg, rest));
        case "--extraction-port" -> extractionPort = port(arg, value(arg, rest));
        case "--dedup-port" -> dedupPort = port(arg, value(arg, rest));
        case "--webhook-share" -> webhookShare = share(arg, value(arg, rest));
        default -> throw new IllegalArgumentException("unknown option " + arg);
      }
    }
    if (calls > 100_000) {
      throw new IllegalArgumentException("--calls must be at most 100000, not " + calls);
    }
    return new LocalOptions(
        once,
        free(kafkaPort),
        free(controllerPort),
        partitions,
        simulatorPort,
        calls,
        seed,
        free(ingestPort),
        free(gatewayPort),
        free(extractionPort),
        free(dedupPort),
        webhookShare);
  }

  private static String value(String option, List<String> rest) {
    if (rest.isEmpty()) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return rest.removeFirst();
  }

  private static int port(String option, String value) {
    int port = number(option, value);
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException(option + " must be 0..65535, not " + value);
    }
    return port;
  }

  private static double share(String option, String value) {
    double share;
    try {
      share = Double.parseDouble(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(option + " takes a number from 0 to 1, not " + value, e);
    }
    if (share < 0 || share > 1) {
      throw new IllegalArgumentException(option + " must be from 0 to 1, not " + value);
    }
    return share;
  }

  private static int positive(String option, String value) {
    int n = number(option, value);
    if (n < 1) {
      throw new IllegalArgumentException(option + " must be at least 1, not " + value);
    }
    return n;
  }

  private static int number(String option, String value) {
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(option + " takes a number, not " + value, e);
    }
  }

  static int free(int port) {
    if (port != 0) {
      return port;
    }
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port", e);
    }
  }
}
