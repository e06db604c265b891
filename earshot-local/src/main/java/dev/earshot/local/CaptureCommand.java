package dev.earshot.local;

import dev.earshot.cli.CommandArgs;
import dev.earshot.gong.auth.GongCredentials;
import dev.earshot.gong.client.GongApiException;
import dev.earshot.gong.client.GongClient;
import dev.earshot.gong.url.BaseUrlGuard;
import dev.earshot.gong.url.GongBaseUrl;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code ./earshot capture --base-url URL --access-key K --secret S --days N --out DIR}: copies the
 * last N days (1-60) of a Gong workspace's non-private calls into DIR, one file per call in Gong's
 * own shapes (see {@link CapturingGongCalls}), for {@code ./earshot local --corpus DIR}. Progress
 * goes to stderr, a one-line JSON summary to stdout. Exit status 0 on success, 1 when Gong refuses
 * or fails, 2 for a wrong command line.
 */
final class CaptureCommand {

  static final String USAGE =
      "usage: earshot capture --base-url https://<tenant>.api.gong.io --access-key K --secret S"
          + " --days N --out DIR";

  private static final JsonMapper json = JsonMapper.builder().build();

  private CaptureCommand() {}

  public static void main(String[] args) throws IOException {
    System.exit(run(args, System.out, System.err));
  }

  static int run(String[] args, PrintStream out, PrintStream err) throws IOException {
    CommandArgs command;
    try {
      command =
          CommandArgs.parse(
              args, Set.of("--base-url", "--access-key", "--secret", "--days", "--out"), null);
      for (String required : Set.of("--base-url", "--access-key", "--secret", "--days", "--out")) {
        if (!command.has(required)) {
          throw new CommandArgs.Invalid(required + " is required");
        }
      }
    } catch (CommandArgs.Invalid e) {
      err.println("earshot capture: " + e.getMessage());
      err.println(USAGE);
      return 2;
    }
    int days;
    GongBaseUrl baseUrl;
    GongCredentials credentials;
    try {
      days = Integer.parseInt(command.option("--days"));
      if (days < 1 || days > 60) {
        throw new NumberFormatException();
      }
      baseUrl = guard(command.option("--base-url")).check(command.option("--base-url"));
      credentials =
          new GongCredentials.AccessKey(command.option("--access-key"), command.option("--secret"));
    } catch (NumberFormatException e) {
      err.println("earshot capture: --days takes a number from 1 to 60");
      return 2;
    } catch (IllegalArgumentException refused) {
      // a refused base URL (BaseUrlRefused) or missing credentials
      err.println("earshot capture: " + refused.getMessage());
      return 2;
    }
    GongClient gong =
        GongClient.builder()
            .baseUrl(baseUrl)
            .credentials(credentials)
            .connectionKey("capture")
            .build();
    Instant now = Instant.now();
    Path dir = Path.of(command.option("--out"));
    try {
      CapturingGongCalls.Tally tally =
          new CapturingGongCalls(gong, dir, err).capture(now.minus(Duration.ofDays(days)), now);
      Map<String, Object> summary = new LinkedHashMap<>();
      summary.put("status", "ok");
      summary.put("out", dir.toAbsolutePath().toString());
      summary.putAll(tally.asMap());
      out.println(json.writeValueAsString(summary));
      return 0;
    } catch (GongApiException failure) {
      err.println("earshot capture: " + failure.getMessage());
      out.println(
          json.writeValueAsString(
              Map.of("status", "failed", "error", failure.getClass().getSimpleName())));
      return 1;
    }
  }

  /**
   * Gong's API hosts only, as in the service; a loopback URL (the simulator on this machine) is
   * accepted as given, since a command a user runs on their own machine reaches nothing they could
   * not reach themselves.
   */
  private static BaseUrlGuard guard(String baseUrl) {
    String host = URI.create(baseUrl.strip()).getHost();
    if ("localhost".equals(host) || "127.0.0.1".equals(host)) {
      String origin = baseUrl.strip().replaceAll("/+$", "");
      return BaseUrlGuard.allowingLocal(Set.of(origin));
    }
    return BaseUrlGuard.gongOnly();
  }
}
