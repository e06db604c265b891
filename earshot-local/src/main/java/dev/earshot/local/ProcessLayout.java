package dev.earshot.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where the processes of {@code ./earshot local --processes} come from and write to: the checkout
 * whose {@code <module>/target/<module>-*-exec.jar} each service runs from, the Java that runs
 * them, and the directory of this run's log files ({@code
 * target/local-processes/<time>/<service>.log}).
 *
 * @param root the repository checkout
 * @param java the {@code java} executable (the launcher's own)
 * @param jvmOptions options every child JVM gets
 * @param logDir this run's log directory
 */
record ProcessLayout(Path root, String java, List<String> jvmOptions, Path logDir) {

  /**
   * The layout of this launcher: the checkout is {@code -Dearshot.root} or the nearest directory at
   * or above the working directory holding {@code earshot} and {@code pom.xml}; child JVM options
   * are {@code EARSHOT_CHILD_JVM_OPTS} (default: the Vector API for Lucene, exit on OOM, the C1
   * compiler only).
   */
  static ProcessLayout ofThisLauncher() {
    Path root = findRoot();
    String java =
        ProcessHandle.current()
            .info()
            .command()
            .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    String options = System.getenv("EARSHOT_CHILD_JVM_OPTS");
    List<String> jvmOptions =
        options == null
            ? List.of(
                "--add-modules",
                "jdk.incubator.vector",
                "-XX:+ExitOnOutOfMemoryError",
                // C1 only: five JVMs booting on two cores are ready in about half the time, and a
                // local run is short (images keep the full JIT)
                "-XX:TieredStopAtLevel=1")
            : List.of(options.trim().split("\\s+"));
    Path logDir =
        root.resolve("target")
            .resolve("local-processes")
            .resolve(
                LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS")));
    return new ProcessLayout(root, java, jvmOptions, logDir);
  }

  private static Path findRoot() {
    String configured = System.getProperty("earshot.root");
    if (configured != null) {
      return Path.of(configured).toAbsolutePath().normalize();
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("earshot"))
          && Files.isRegularFile(dir.resolve("pom.xml"))) {
        return dir;
      }
    }
    throw new IllegalStateException(
        "--processes runs the services' jars from an Earshot checkout: run it from one, or set"
            + " -Dearshot.root=DIR");
  }

  /** The bootable jar of {@code module}; an error saying how to build it when there is none. */
  Path bootJar(String module) {
    Path target = root.resolve(module).resolve("target");
    try (Stream<Path> files = Files.list(target)) {
      return files
          .filter(p -> p.getFileName().toString().startsWith(module + "-"))
          .filter(p -> p.getFileName().toString().endsWith("-exec.jar"))
          .findFirst()
          .orElseThrow(() -> noJar(module, target));
    } catch (IOException e) {
      throw noJar(module, target);
    }
  }

  private static IllegalStateException noJar(String module, Path target) {
    return new IllegalStateException(
        "no bootable jar of "
            + module
            + " in "
            + target
            + ": build it with ./mvnw -B -ntp install -DskipTests (./earshot does on first use)");
  }

  /** The log file of service {@code name}. */
  Path logFile(String name) {
    return logDir.resolve(name + ".log");
  }
}
