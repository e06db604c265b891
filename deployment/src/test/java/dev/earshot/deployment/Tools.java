package dev.earshot.deployment;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Command-line tools the deployment checks run ({@code kubectl kustomize}, {@code docker-compose
 * config}). Where a tool is missing the check is skipped, unless {@code
 * EARSHOT_DEPLOY_TOOLS=required} (set by {@code .ci/run}, which installs them), where a missing
 * tool fails the build.
 */
final class Tools {

  /** The repository's root: the parent of this module's directory. */
  static final Path ROOT = Path.of("").toAbsolutePath().getParent();

  private Tools() {}

  /** What a command printed and its exit status. */
  record Run(int exitCode, String stdout, String stderr) {}

  /** Skips (or, in CI, fails) the calling test when {@code tool} is not on the PATH. */
  static void require(String tool) {
    boolean found =
        List.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)).stream()
            .anyMatch(dir -> Files.isExecutable(Path.of(dir, tool)));
    if (found) {
      return;
    }
    if ("required".equals(System.getenv("EARSHOT_DEPLOY_TOOLS"))) {
      fail(tool + " is not installed, and EARSHOT_DEPLOY_TOOLS=required (.ci/run installs it)");
    }
    Assumptions.abort(tool + " is not installed: check skipped (.ci/run installs it)");
  }

  /**
   * Runs a command in the repository root, at most two minutes.
   *
   * @throws IllegalStateException when it cannot start or does not finish in time
   */
  static Run run(String... command) {
    try {
      Path out = Files.createTempFile("earshot-tool", ".out");
      Path err = Files.createTempFile("earshot-tool", ".err");
      Process process =
          new ProcessBuilder(new ArrayList<>(List.of(command)))
              .directory(ROOT.toFile())
              .redirectOutput(out.toFile())
              .redirectError(err.toFile())
              .start();
      if (!process.waitFor(2, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new IllegalStateException(String.join(" ", command) + " took over two minutes");
      }
      Run run =
          new Run(
              process.exitValue(),
              Files.readString(out, StandardCharsets.UTF_8),
              Files.readString(err, StandardCharsets.UTF_8));
      Files.delete(out);
      Files.delete(err);
      return run;
    } catch (IOException e) {
      throw new IllegalStateException("cannot run " + String.join(" ", command), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
