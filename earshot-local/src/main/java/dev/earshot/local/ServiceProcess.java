package dev.earshot.local;

import dev.earshot.cli.FreePorts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Earshot service as its own JVM: {@code java -jar <module>-*-exec.jar} with its {@code local}
 * profile ({@code <service>-local.yaml} in the jar, the same settings the single-JVM shape reads),
 * configured otherwise by environment variables only (the names Compose and Kubernetes set: {@code
 * spring.kafka.bootstrap-servers} is {@code SPRING_KAFKA_BOOTSTRAP_SERVERS}), its stdout and stderr
 * in a log file, its actuator on a management port of its own (as in production: the API port
 * serves none of it). Ready when its {@code /actuator/health/readiness} answers UP there. A child
 * that exits while the stack runs is reported (name, exit code, last lines of its log) and fails
 * the {@code --once} run; stopping it is SIGTERM, then a forced kill after {@link #STOP_TIMEOUT}. A
 * shutdown hook stops it if the launcher is stopped (Ctrl-C) before {@link #close()}.
 */
final class ServiceProcess implements LocalComponent {

  private static final Logger log = LoggerFactory.getLogger(ServiceProcess.class);

  static final Duration READY_TIMEOUT = Duration.ofMinutes(3);
  // ingest-service lets a scheduled run finish for up to 40 s; Kubernetes gives 45 s too
  static final Duration STOP_TIMEOUT = Duration.ofSeconds(45);
  static final int REPORT_LINES = 30;

  private static final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final ServiceSpec spec;
  private final ProcessLayout layout;
  private final Map<String, Object> facts = new LinkedHashMap<>();
  private Process process;
  private Path logFile;
  private Thread hook;
  private volatile boolean stopping;
  private String url;
  private String managementUrl;
  private long launchedAt;

  ServiceProcess(ServiceSpec spec, ProcessLayout layout) {
    this.spec = spec;
    this.layout = layout;
  }

  @Override
  public String name() {
    return spec.name();
  }

  @Override
  public boolean launchesEarly() {
    return true;
  }

  /** Starts the JVM and publishes its URLs; {@link #start} waits until it is ready. */
  @Override
  public void launch(LocalContext local) throws IOException {
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("spring.profiles.active", SpringService.PROFILE);
    settings.putAll(spec.processSettings().apply(local));
    settings.putAll(spec.properties().apply(local));
    settings.put("server.port", spec.port());
    // actuator on a port of its own, as in production, where the API port serves none of it (the
    // local profile alone keeps it on the API port, for the single-JVM stack)
    settings.putIfAbsent("management.server.port", FreePorts.pick());
    settings.put("spring.kafka.bootstrap-servers", local.kafkaBootstrap());
    url = "http://localhost:" + spec.port();
    managementUrl = "http://localhost:" + settings.get("management.server.port");
    local.put(spec.urlKey(), url);
    local.put(spec.managementUrlKey(), managementUrl);

    List<String> command = new ArrayList<>();
    command.add(layout.java());
    command.addAll(layout.jvmOptions());
    command.add("-jar");
    command.add(layout.bootJar(spec.module()).toString());
    launch(command, environment(settings), layout.logFile(spec.name()), local);
    launchedAt = System.nanoTime();
    facts.put("pid", process.pid());
    facts.put("log", logFile.toString());
  }

  /** Waits until the child is ready, then runs what the service does once it is. */
  @Override
  public void start(LocalContext local) throws IOException {
    if (process == null) {
      launch(local);
    }
    awaitReady(managementUrl + "/actuator/health/readiness", READY_TIMEOUT);
    facts.put("ready_ms", (System.nanoTime() - launchedAt) / 1_000_000);
    facts.put("url", url);
    facts.put("management_url", managementUrl);
    facts.putAll(spec.afterStart().apply(local));
  }

  /**
   * Starts {@code command} with {@code environment} on top of this process's, its output in {@code
   * log}; an exit before {@link #close()} is reported to {@code local}.
   */
  void launch(List<String> command, Map<String, String> environment, Path log, LocalContext local)
      throws IOException {
    Files.createDirectories(log.toAbsolutePath().getParent());
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.redirectOutput(log.toFile());
    builder.environment().putAll(environment);
    logFile = log;
    process = builder.start();
    hook = new Thread(this::stop, "earshot-local-stop-" + spec.name());
    Runtime.getRuntime().addShutdownHook(hook);
    ServiceProcess.log
        .atInfo()
        .addKeyValue("service", spec.name())
        .addKeyValue("pid", process.pid())
        .addKeyValue("log", log)
        .log("started its own JVM");
    process
        .onExit()
        .thenAccept(
            p -> {
              if (!stopping) {
                String report = died(spec.name(), p.pid(), p.exitValue(), logFile, REPORT_LINES);
                ServiceProcess.log.error(report);
                local.reportDeath(report);
              }
            });
  }

  /** Polls {@code url} until it answers 200 with UP; fails at once when the child has exited. */
  void awaitReady(String url, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).GET().build();
    while (true) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            died(spec.name(), process.pid(), exitValue(), logFile, REPORT_LINES));
      }
      try {
        HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() == 200 && answer.body().contains("UP")) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for " + spec.name(), e);
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            spec.name() + " was not ready within " + timeout + " (" + url + "); log: " + logFile);
      }
      sleep(250);
    }
  }

  private int exitValue() {
    try {
      process.waitFor(5, TimeUnit.SECONDS);
      return process.exitValue();
    } catch (InterruptedException | IllegalThreadStateException e) {
      return -1;
    }
  }

  /**
   * What the launcher says when a child has died: its name, pid and exit code, where its log is,
   * and the last {@code lines} lines of that log.
   */
  static String died(String name, long pid, int exitCode, Path log, int lines) {
    StringBuilder report =
        new StringBuilder()
            .append(name)
            .append(" (pid ")
            .append(pid)
            .append(") exited with code ")
            .append(exitCode)
            .append("; log: ")
            .append(log)
            .append("; its last lines:");
    for (String line : tail(log, lines)) {
      report.append("\n  | ").append(line);
    }
    return report.toString();
  }

  /** The last {@code n} lines of {@code file} (none when it cannot be read). */
  static List<String> tail(Path file, int n) {
    try {
      List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
      return all.subList(Math.max(0, all.size() - n), all.size());
    } catch (IOException | UncheckedIOException e) {
      return List.of();
    }
  }

  /**
   * Environment variables for Spring properties, by Spring Boot's relaxed binding: upper case, dots
   * and dashes as underscores ({@code earshot.ingest.public-base-url} is {@code
   * EARSHOT_INGEST_PUBLIC_BASE_URL}, as in docker-compose.yml).
   */
  static Map<String, String> environment(Map<String, Object> properties) {
    Map<String, String> env = new LinkedHashMap<>();
    properties.forEach(
        (key, value) ->
            env.put(
                key.replace('.', '_').replace('-', '_').toUpperCase(Locale.ROOT),
                String.valueOf(value)));
    return env;
  }

  /** The child's process id (for tests and the summary), or -1 before it started. */
  long pid() {
    return process == null ? -1 : process.pid();
  }

  @Override
  public Map<String, Object> runOnce(LocalContext local) {
    return spec.once().apply(local);
  }

  @Override
  public Map<String, Object> facts() {
    return facts;
  }

  /** SIGTERM to the child (and anything it started), then a forced kill after the timeout. */
  private void stop() {
    stopping = true;
    if (process == null || !process.isAlive()) {
      return;
    }
    process.descendants().forEach(ProcessHandle::destroy);
    process.destroy();
    try {
      if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        log.atWarn()
            .addKeyValue("service", spec.name())
            .addKeyValue("timeout", STOP_TIMEOUT)
            .log("did not stop in time; killing it");
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    stop();
    if (hook != null) {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // the hook runs (or ran) anyway
      }
      hook = null;
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
