package dev.earshot.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code ./earshot local}: the whole system in one process, or with {@code --processes} each
 * service as its own JVM (broker, database and simulator stay in this one). Without {@code --once}
 * it runs until Ctrl-C; with it, it starts everything, runs it, prints one JSON summary as the last
 * line of stdout (what scripts and CI check), stops and exits 0. Logs go to stderr.
 */
public final class EarshotLocal {

  private static final JsonMapper json = JsonMapper.builder().build();

  private EarshotLocal() {}

  /**
   * The stack, in start order. A new service joins by one line here. With {@code --processes} every
   * service is its own JVM ({@link ServiceProcess}), otherwise they all run in this one ({@link
   * SpringService}); the rest, and what {@code --once} does, is the same.
   */
  public static List<LocalComponent> components(LocalOptions options) {
    Function<ServiceSpec, LocalComponent> service;
    if (options.processes()) {
      ProcessLayout layout = ProcessLayout.ofThisLauncher();
      service = spec -> new ServiceProcess(spec, layout);
    } else {
      service = SpringService::new;
    }
    return List.of(
        LocalComponents.kafka(options.kafkaPort(), options.controllerPort(), options.partitions()),
        LocalComponents.postgres(List.of("ingest", "extraction", "dedup", "assistant")),
        LocalComponents.topics(options.partitions()),
        LocalComponents.gongSimulator(
            options.simulatorPort(),
            options.calls(),
            options.seed(),
            GongSimulatorComponent.realism(options.realism()),
            options.corpus()),
        LocalComponents.demoDirectory(),
        service.apply(LocalComponents.gatewaySpec(options.gatewayPort())),
        service.apply(
            LocalComponents.ingestSpec(
                options.ingestPort(), options.webhookShare(), IngestLocal.QUICK_LOOPS)),
        service.apply(LocalComponents.extractionSpec(options.extractionPort())),
        service.apply(LocalComponents.dedupSpec(options.dedupPort())),
        service.apply(LocalComponents.assistantSpec(options.assistantPort())),
        LocalComponents.runAudit());
  }

  public static void main(String[] args) throws Exception {
    LocalOptions options;
    try {
      options = LocalOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("earshot local: " + e.getMessage());
      System.err.println(LocalOptions.USAGE);
      System.exit(2);
      return;
    }
    int status = options.once() ? runOnce(options) : runUntilStopped(options);
    System.exit(status);
  }

  /** Starts, runs, summarises and stops; returns the process exit status. */
  static int runOnce(LocalOptions options) {
    long began = System.nanoTime();
    Map<String, Object> summary = new LinkedHashMap<>();
    try (LocalStack stack = newStack(options)) {
      stack.start();
      Map<String, Object> figures = stack.runOnce();
      summary.put("status", "ok");
      summary.putAll(stack.facts());
      summary.putAll(figures);
    } catch (Exception e) {
      summary.put("status", "failed");
      summary.put("error", e.getClass().getSimpleName() + ": " + e.getMessage());
    }
    summary.put("duration_ms", (System.nanoTime() - began) / 1_000_000);
    System.out.println(json.writeValueAsString(summary));
    return "ok".equals(summary.get("status")) ? 0 : 1;
  }

  private static int runUntilStopped(LocalOptions options) throws Exception {
    LocalStack stack = newStack(options);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  System.out.println("earshot local: stopping...");
                  stack.close();
                  stopped.countDown();
                },
                "earshot-local-shutdown"));
    stack.start();
    System.out.println("earshot local is running (Ctrl-C stops it):");
    stack
        .facts()
        .forEach(
            (name, facts) ->
                System.out.println("  " + name + ": " + json.writeValueAsString(facts)));
    stopped.await();
    return 0;
  }

  static LocalStack newStack(LocalOptions options) throws java.io.IOException {
    Path dataDir = Files.createTempDirectory("earshot-local-");
    return new LocalStack(components(options), dataDir, true);
  }
}
