package dev.earshot.local;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** Shared facts of a running local stack: where Kafka and PostgreSQL listen, the data directory. */
public final class LocalContext {

  public static final String KAFKA_BOOTSTRAP = "kafka.bootstrap";
  public static final String POSTGRES_JDBC_PREFIX = "postgres.jdbc.";
  public static final String POSTGRES_USER = "postgres.user";

  private final Path dataDir;
  private final Map<String, String> facts = new ConcurrentHashMap<>();
  private final Map<Class<?>, Object> shared = new ConcurrentHashMap<>();
  private final List<String> deaths = new CopyOnWriteArrayList<>();

  public LocalContext(Path dataDir) {
    this.dataDir = dataDir;
  }

  public Path dataDir() {
    return dataDir;
  }

  public void put(String key, String value) {
    facts.put(key, value);
  }

  public Optional<String> find(String key) {
    return Optional.ofNullable(facts.get(key));
  }

  public String require(String key) {
    return find(key)
        .orElseThrow(() -> new IllegalStateException(key + " is not set: start order is wrong"));
  }

  /** Shares an in-process object (the simulator, say) with the components started after. */
  public <T> void share(Class<T> type, T value) {
    shared.put(type, value);
  }

  public <T> T shared(Class<T> type) {
    Object value = shared.get(type);
    if (value == null) {
      throw new IllegalStateException(
          type.getSimpleName() + " is not shared: start order is wrong");
    }
    return type.cast(value);
  }

  /** Records that a part of the stack (a service's own process) died: what to tell the user. */
  public void reportDeath(String report) {
    deaths.add(report);
  }

  /** What died so far (reports of {@link #reportDeath}), oldest first. */
  public List<String> deaths() {
    return List.copyOf(deaths);
  }

  /** Throws {@link IllegalStateException} with the first report when a part of the stack died. */
  public void checkAlive() {
    if (!deaths.isEmpty()) {
      throw new IllegalStateException(deaths.getFirst());
    }
  }

  /** The local token issuer's key, shared so one token works on every service's API. */
  public Path issuerKeyFile() {
    return dataDir.resolve("local-issuer-key.json");
  }

  public String kafkaBootstrap() {
    return require(KAFKA_BOOTSTRAP);
  }

  /** JDBC URL of the database of one service, e.g. {@code jdbcUrl("ingest")}. */
  public String jdbcUrl(String database) {
    return require(POSTGRES_JDBC_PREFIX + database);
  }
}
