package dev.earshot.gong.simulator;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * How a simulator instance behaves. {@link #defaults()} mirrors Gong's documented limits.
 *
 * @param port HTTP port (0 = any free port)
 * @param calls corpus size (1..100,000)
 * @param seed corpus seed
 * @param now the corpus's "now": calls span the 60 days before it (a directory corpus ignores it:
 *     its "now" is its latest call end plus {@link CorpusDirectory#MARGIN})
 * @param accessKey Basic-auth access key
 * @param accessSecret Basic-auth secret
 * @param oauthApps registered OAuth apps
 * @param requestsPerSecond per-credential limit (3)
 * @param dailyQuota per-credential daily limit (10,000)
 * @param pageSize records per page (100)
 * @param maxIdsPerRequest most call ids one filter may name (100)
 * @param cursorTtl how long a paging cursor lives
 * @param accessTokenTtl OAuth access-token lifetime
 * @param realism which of Gong's unfriendly behaviours are on ({@link Realism#none()} by default)
 * @param corpusDirectory a directory of Gong JSON files to serve instead of the generated corpus
 *     (null: the generated corpus of {@code calls} calls from {@code seed})
 */
public record SimulatorConfig(
    int port,
    int calls,
    long seed,
    Instant now,
    String accessKey,
    String accessSecret,
    List<OAuthApp> oauthApps,
    int requestsPerSecond,
    long dailyQuota,
    int pageSize,
    int maxIdsPerRequest,
    Duration cursorTtl,
    Duration accessTokenTtl,
    Realism realism,
    Path corpusDirectory) {

  public static final String DEMO_ACCESS_KEY = "DEMOACCESSKEY0000000000000000000";
  public static final String DEMO_ACCESS_SECRET = "demo-access-secret-not-for-production";
  public static final String DEMO_CLIENT_ID = "earshot-demo-client";
  public static final String DEMO_CLIENT_SECRET = "demo-client-secret-not-for-production";

  /**
   * An OAuth app as registered with Gong.
   *
   * @param clientId client id
   * @param clientSecret client secret
   * @param allowedScopes scopes the app may be granted
   * @param redirectUris registered redirect URIs (empty: any loopback URI)
   * @param activated false models an app Gong has not activated yet ({@code unauthorized_client})
   */
  public record OAuthApp(
      String clientId,
      String clientSecret,
      Set<String> allowedScopes,
      Set<String> redirectUris,
      boolean activated) {}

  public static final Set<String> ALL_SCOPES =
      Set.of(
          "api:calls:read:basic",
          "api:calls:read:extensive",
          "api:calls:read:transcript",
          "api:users:read");

  public static SimulatorConfig defaults() {
    return new SimulatorConfig(
        0,
        200,
        42,
        Instant.now(),
        DEMO_ACCESS_KEY,
        DEMO_ACCESS_SECRET,
        List.of(new OAuthApp(DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, ALL_SCOPES, Set.of(), true)),
        3,
        10_000,
        100,
        100,
        Duration.ofMinutes(10),
        Duration.ofDays(1),
        Realism.none(),
        null);
  }

  public SimulatorConfig withPort(int value) {
    return new SimulatorConfig(
        value,
        calls,
        seed,
        now,
        accessKey,
        accessSecret,
        oauthApps,
        requestsPerSecond,
        dailyQuota,
        pageSize,
        maxIdsPerRequest,
        cursorTtl,
        accessTokenTtl,
        realism,
        corpusDirectory);
  }

  public SimulatorConfig withCorpus(int size, long corpusSeed) {
    return new SimulatorConfig(
        port,
        size,
        corpusSeed,
        now,
        accessKey,
        accessSecret,
        oauthApps,
        requestsPerSecond,
        dailyQuota,
        pageSize,
        maxIdsPerRequest,
        cursorTtl,
        accessTokenTtl,
        realism,
        corpusDirectory);
  }

  public SimulatorConfig withNow(Instant value) {
    return new SimulatorConfig(
        port,
        calls,
        seed,
        value,
        accessKey,
        accessSecret,
        oauthApps,
        requestsPerSecond,
        dailyQuota,
        pageSize,
        maxIdsPerRequest,
        cursorTtl,
        accessTokenTtl,
        realism,
        corpusDirectory);
  }

  public SimulatorConfig withAccessKey(String key, String secret) {
    return new SimulatorConfig(
        port,
        calls,
        seed,
        now,
        key,
        secret,
        oauthApps,
        requestsPerSecond,
        dailyQuota,
        pageSize,
        maxIdsPerRequest,
        cursorTtl,
        accessTokenTtl,
        realism,
        corpusDirectory);
  }

  public SimulatorConfig withOAuthApps(List<OAuthApp> apps) {
    return new SimulatorConfig(
        port,
        calls,
        seed,
        now,
        accessKey,
        accessSecret,
        List.copyOf(apps),
        requestsPerSecond,
        dailyQuota,
        pageSize,
        maxIdsPerRequest,
        cursorTtl,
        accessTokenTtl,
        realism,
        corpusDirectory);
  }

  public SimulatorConfig withLimits(int perSecond, long perDay) {
    return new SimulatorConfig(
        port,
        calls,
        seed,
        now,
        accessKey,
        accessSecret,
        oauthApps,
        perSecond,
        perDay,
        pageSize,
        maxIdsPerRequest,
        cursorTtl,
        accessTokenTtl,
        realism,
        corpusDirectory);
  }

  public SimulatorConfig withPageSize(int value) {
    return new SimulatorConfig(
        port,
        calls,
        seed,
        now,
        accessKey,
        accessSecret,
        oauthApps,
        requestsPerSecond,
        dailyQuota,
        value,
        maxIdsPerRequest,
        cursorTtl,
        accessTokenTtl,
        realism,
        corpusDirectory);
  }

  public SimulatorConfig withCursorTtl(Duration value) {
    return new SimulatorConfig(
        port,
        calls,
        seed,
        now,
        accessKey,
        accessSecret,
        oauthApps,
        requestsPerSecond,
        dailyQuota,
        pageSize,
        maxIdsPerRequest,
        value,
        accessTokenTtl,
        realism,
        corpusDirectory);
  }

  public SimulatorConfig withAccessTokenTtl(Duration value) {
    return new SimulatorConfig(
        port,
        calls,
        seed,
        now,
        accessKey,
        accessSecret,
        oauthApps,
        requestsPerSecond,
        dailyQuota,
        pageSize,
        maxIdsPerRequest,
        cursorTtl,
        value,
        realism,
        corpusDirectory);
  }

  /** How unfriendly the simulator is ({@link Realism#none()} by default). */
  public SimulatorConfig withRealism(Realism value) {
    return new SimulatorConfig(
        port,
        calls,
        seed,
        now,
        accessKey,
        accessSecret,
        oauthApps,
        requestsPerSecond,
        dailyQuota,
        pageSize,
        maxIdsPerRequest,
        cursorTtl,
        accessTokenTtl,
        Objects.requireNonNull(value, "realism"),
        corpusDirectory);
  }

  /**
   * Serves the calls of a directory of Gong JSON files instead of a generated corpus (see {@link
   * CorpusDirectory}); {@code null} goes back to the generated corpus. The files are read when the
   * simulator starts.
   */
  public SimulatorConfig withCorpusDirectory(Path directory) {
    return new SimulatorConfig(
        port,
        calls,
        seed,
        now,
        accessKey,
        accessSecret,
        oauthApps,
        requestsPerSecond,
        dailyQuota,
        pageSize,
        maxIdsPerRequest,
        cursorTtl,
        accessTokenTtl,
        realism,
        directory);
  }
}
