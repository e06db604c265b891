package dev.earshot.gong.simulator;

import dev.earshot.cli.CommandLine;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * {@code ./earshot simulator [--port 8090] [--bind ADDRESS] [--calls N] [--seed S] [--realism
 * none|field] [--corpus DIR] [--access-key K --access-secret S] [--ground-truth FILE]}: runs the
 * simulator until Ctrl-C and prints its demo credentials.
 */
public final class SimulatorMain {

  static final String USAGE =
      """
      usage: earshot simulator [--port 8090] [--bind 127.0.0.1] [--calls 300] [--seed 42] [--realism none|field]
                               [--corpus DIR] [--access-key K --access-secret S]
                               [--ground-truth FILE]""";

  private SimulatorMain() {}

  public static void main(String[] args) throws Exception {
    SimulatorConfig config;
    Path groundTruth;
    InetAddress bind;
    try {
      Parsed parsed = parse(args);
      config = parsed.config();
      groundTruth = parsed.groundTruth();
      bind = parsed.bind();
    } catch (IllegalArgumentException e) {
      System.err.println("earshot simulator: " + e.getMessage());
      System.err.println(USAGE);
      System.exit(2);
      return;
    }
    GongSimulator simulator;
    try {
      simulator = GongSimulator.start(config, bind);
    } catch (CorpusDirectory.InvalidCorpusFile e) {
      System.err.println("earshot simulator: " + e.getMessage());
      System.exit(2);
      return;
    }
    if (groundTruth != null) {
      Files.writeString(groundTruth, simulator.groundTruthJsonl());
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  simulator.close();
                  stopped.countDown();
                }));
    System.out.println(banner(simulator));
    Admin.credentials(simulator).forEach((k, v) -> System.out.println("  " + k + ": " + v));
    if (groundTruth != null) {
      System.out.println("  ground truth: " + groundTruth.toAbsolutePath());
    }
    System.out.println("Ctrl-C stops it.");
    stopped.await();
  }

  static String banner(GongSimulator simulator) {
    SimulatorConfig config = simulator.config();
    String source =
        simulator.servesDirectory()
            ? "from " + config.corpusDirectory().toAbsolutePath()
            : "(seed " + config.seed() + ")";
    return "Gong simulator on "
        + simulator.baseUrl()
        + " with "
        + simulator.callIds().size()
        + " calls "
        + source
        + ", realism "
        + config.realism().profileName()
        + ", now "
        + simulator.now();
  }

  /**
   * @param config the simulator's configuration
   * @param groundTruth where to write the corpus's ground truth, or null
   * @param bind the address to listen on (loopback unless {@code --bind} says otherwise)
   */
  record Parsed(SimulatorConfig config, Path groundTruth, InetAddress bind) {}

  static Parsed parse(String... args) {
    SimulatorConfig config = SimulatorConfig.defaults().withPort(8090).withCorpus(300, 42);
    String key = null;
    String secret = null;
    Path groundTruth = null;
    InetAddress bind = InetAddress.getLoopbackAddress();
    boolean calls = false;
    CommandLine line = new CommandLine(args);
    while (line.hasMore()) {
      String option = line.next();
      if (!line.hasMore() && !option.startsWith("--")) {
        throw new IllegalArgumentException("unknown argument " + option);
      }
      String value = line.value(option);
      switch (option) {
        case "--port" ->
            config = config.withPort((int) CommandLine.within(option, value, 0, 65535));
        case "--calls" -> {
          config =
              config.withCorpus((int) CommandLine.within(option, value, 1, 100_000), config.seed());
          calls = true;
        }
        case "--seed" ->
            config =
                config.withCorpus(
                    config.calls(),
                    CommandLine.within(option, value, Long.MIN_VALUE, Long.MAX_VALUE));
        case "--realism" -> config = config.withRealism(Realism.profile(value));
        case "--corpus" -> config = config.withCorpusDirectory(Path.of(value));
        case "--access-key" -> key = value;
        case "--access-secret" -> secret = value;
        case "--ground-truth" -> groundTruth = Path.of(value);
        case "--bind" -> bind = address(value);
        default -> throw new IllegalArgumentException("unknown option " + option);
      }
    }
    if ((key == null) != (secret == null)) {
      throw new IllegalArgumentException("--access-key and --access-secret go together");
    }
    if (calls && config.corpusDirectory() != null) {
      throw new IllegalArgumentException(
          "--calls and --corpus exclude each other (a corpus directory serves its own calls)");
    }
    if (key != null) {
      config = config.withAccessKey(key, secret);
    }
    return new Parsed(config, groundTruth, bind);
  }

  /** A literal IP address (no name lookup): 0.0.0.0 for every interface, 127.0.0.1, ::1. */
  private static InetAddress address(String value) {
    if (!value.matches("[0-9.]+|[0-9a-fA-F:]+")) {
      throw new IllegalArgumentException("--bind takes an IP address, not " + value);
    }
    try {
      return InetAddress.getByName(value);
    } catch (java.net.UnknownHostException e) {
      throw new IllegalArgumentException("--bind takes an IP address, not " + value, e);
    }
  }
}
