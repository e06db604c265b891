package dev.earshot.gong.simulator;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * How a simulator instance behaves. {@link #defaults()} mirrors Gong's documented limits; {@link
 * #builder()} starts from the same values and {@link #toBuilder()} from this configuration, and
 * each {@code withX} method is short for {@code toBuilder().x(...).build()}.
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

  /** Gong's documented limits, the demo credentials and a generated corpus of 200 calls. */
  public static SimulatorConfig defaults() {
    return builder().build();
  }

  /** A builder holding {@link #defaults()}' values ({@code now} is when it is called). */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this configuration's values. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  public SimulatorConfig withPort(int value) {
    return toBuilder().port(value).build();
  }

  public SimulatorConfig withCorpus(int size, long corpusSeed) {
    return toBuilder().corpus(size, corpusSeed).build();
  }

  public SimulatorConfig withNow(Instant value) {
    return toBuilder().now(value).build();
  }

  public SimulatorConfig withAccessKey(String key, String secret) {
    return toBuilder().accessKey(key, secret).build();
  }

  public SimulatorConfig withOAuthApps(List<OAuthApp> apps) {
    return toBuilder().oauthApps(apps).build();
  }

  public SimulatorConfig withLimits(int perSecond, long perDay) {
    return toBuilder().limits(perSecond, perDay).build();
  }

  public SimulatorConfig withPageSize(int value) {
    return toBuilder().pageSize(value).build();
  }

  public SimulatorConfig withCursorTtl(Duration value) {
    return toBuilder().cursorTtl(value).build();
  }

  public SimulatorConfig withAccessTokenTtl(Duration value) {
    return toBuilder().accessTokenTtl(value).build();
  }

  /** How unfriendly the simulator is ({@link Realism#none()} by default). */
  public SimulatorConfig withRealism(Realism value) {
    return toBuilder().realism(value).build();
  }

  /**
   * Serves the calls of a directory of Gong JSON files instead of a generated corpus (see {@link
   * CorpusDirectory}); {@code null} goes back to the generated corpus. The files are read when the
   * simulator starts.
   */
  public SimulatorConfig withCorpusDirectory(Path directory) {
    return toBuilder().corpusDirectory(directory).build();
  }

  /**
   * Builds a {@link SimulatorConfig}; each setter names the component it sets (see the record's
   * parameters for meanings and units) and returns this builder.
   */
  public static final class Builder {
    private int port = 0;
    private int calls = 200;
    private long seed = 42;
    private Instant now = Instant.now();
    private String accessKey = DEMO_ACCESS_KEY;
    private String accessSecret = DEMO_ACCESS_SECRET;
    private List<OAuthApp> oauthApps =
        List.of(new OAuthApp(DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, ALL_SCOPES, Set.of(), true));
    private int requestsPerSecond = 3;
    private long dailyQuota = 10_000;
    private int pageSize = 100;
    private int maxIdsPerRequest = 100;
    private Duration cursorTtl = Duration.ofMinutes(10);
    private Duration accessTokenTtl = Duration.ofDays(1);
    private Realism realism = Realism.none();
    private Path corpusDirectory = null;

    private Builder() {}

    private Builder(SimulatorConfig from) {
      port = from.port;
      calls = from.calls;
      seed = from.seed;
      now = from.now;
      accessKey = from.accessKey;
      accessSecret = from.accessSecret;
      oauthApps = from.oauthApps;
      requestsPerSecond = from.requestsPerSecond;
      dailyQuota = from.dailyQuota;
      pageSize = from.pageSize;
      maxIdsPerRequest = from.maxIdsPerRequest;
      cursorTtl = from.cursorTtl;
      accessTokenTtl = from.accessTokenTtl;
      realism = from.realism;
      corpusDirectory = from.corpusDirectory;
    }

    /** HTTP port (0 = any free port). */
    public Builder port(int value) {
      port = value;
      return this;
    }

    /** A generated corpus of {@code size} calls (1..100,000) from {@code corpusSeed}. */
    public Builder corpus(int size, long corpusSeed) {
      calls = size;
      seed = corpusSeed;
      return this;
    }

    /** The corpus's "now". */
    public Builder now(Instant value) {
      now = value;
      return this;
    }

    /** The Basic-auth access key and secret. */
    public Builder accessKey(String key, String secret) {
      accessKey = key;
      accessSecret = secret;
      return this;
    }

    /** The registered OAuth apps (copied). */
    public Builder oauthApps(List<OAuthApp> apps) {
      oauthApps = List.copyOf(apps);
      return this;
    }

    /** Per-credential requests per second and per day. */
    public Builder limits(int perSecond, long perDay) {
      requestsPerSecond = perSecond;
      dailyQuota = perDay;
      return this;
    }

    /** Records per page. */
    public Builder pageSize(int value) {
      pageSize = value;
      return this;
    }

    /** How long a paging cursor lives. */
    public Builder cursorTtl(Duration value) {
      cursorTtl = value;
      return this;
    }

    /** OAuth access-token lifetime. */
    public Builder accessTokenTtl(Duration value) {
      accessTokenTtl = value;
      return this;
    }

    /**
     * Which of Gong's unfriendly behaviours are on.
     *
     * @throws NullPointerException when {@code value} is null
     */
    public Builder realism(Realism value) {
      realism = Objects.requireNonNull(value, "realism");
      return this;
    }

    /** A directory of Gong JSON files to serve instead of the generated corpus, or null. */
    public Builder corpusDirectory(Path directory) {
      corpusDirectory = directory;
      return this;
    }

    public SimulatorConfig build() {
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
          corpusDirectory);
    }
  }
}
