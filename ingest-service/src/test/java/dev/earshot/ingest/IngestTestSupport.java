package dev.earshot.ingest;

import dev.earshot.events.CallEvent;
import dev.earshot.events.CallEventSource;
import dev.earshot.events.serde.AvroEventDeserializer;
import dev.earshot.gong.api.ContentSelector;
import dev.earshot.gong.auth.GongCredentials;
import dev.earshot.gong.client.GongClient;
import dev.earshot.gong.client.GongJson;
import dev.earshot.gong.simulator.GongSimulator;
import dev.earshot.gong.simulator.SimulatorConfig;
import dev.earshot.gong.url.BaseUrlGuard;
import dev.earshot.ingest.connection.ConnectingWithApiKey;
import dev.earshot.ingest.crypto.KeysetLoader;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.test.context.DynamicPropertyRegistry;

/** What ingest-service's integration tests share: PostgreSQL, simulators, HTTP and topic reads. */
public final class IngestTestSupport {

  private static final HttpClient http =
      HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

  private IngestTestSupport() {}

  /**
   * A real PostgreSQL server with an {@code ingest} database, on a fixed port and data directory,
   * so a test can stop it (an outage) and start it again with its data.
   */
  public static final class Postgres implements AutoCloseable {
    private final Path data;
    private final int port;
    private volatile EmbeddedPostgres server;

    private Postgres(Path data, int port) throws IOException {
      this.data = data;
      this.port = port;
      this.server = start(data, port);
    }

    public String jdbcUrl() {
      return server.getJdbcUrl("postgres", "ingest") + "&currentSchema=ingest";
    }

    /** Stops the server; its data stays for {@link #restart()}. */
    public void stop() throws IOException {
      server.close();
    }

    /** Starts the stopped server again, on the same port with the same data. */
    public void restart() throws IOException {
      server = start(data, port);
    }

    @Override
    public void close() throws Exception {
      server.close();
      try (var files = Files.walk(data)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    }

    /**
     * Starts the server; its readiness probe times out (rather than waiting for ever) if another
     * process took the port, so the caller can try another one.
     */
    private static EmbeddedPostgres start(Path data, int port) throws IOException {
      return EmbeddedPostgres.builder()
          .setDataDirectory(data)
          .setCleanDataDirectory(false)
          .setPort(port)
          .setConnectConfig("connectTimeout", "5")
          .setConnectConfig("socketTimeout", "5")
          .start();
    }
  }

  /** A fresh server; a port another process takes between choosing and binding it is retried. */
  public static Postgres postgres() {
    IllegalStateException failed = new IllegalStateException("PostgreSQL did not start");
    for (int attempt = 0; attempt < 3; attempt++) {
      try {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
          port = free.getLocalPort();
        }
        Postgres pg = new Postgres(Files.createTempDirectory("ingest-pg-"), port);
        try (var c = pg.server.getPostgresDatabase().getConnection()) {
          c.createStatement().execute("create database ingest");
        }
        return pg;
      } catch (Exception e) {
        failed.addSuppressed(e);
      }
    }
    throw failed;
  }

  public static GongSimulator simulator(int calls, long seed, int perSecond) {
    try {
      return GongSimulator.start(
          SimulatorConfig.defaults().withCorpus(calls, seed).withLimits(perSecond, 1_000_000));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Database, a fresh keyset, and the simulators allowed as Gong. */
  public static void register(
      DynamicPropertyRegistry registry, Postgres postgres, GongSimulator... simulators) {
    register(registry, postgres, Arrays.stream(simulators).map(GongSimulator::baseUrl).toList());
  }

  /** Database, a fresh keyset, and these origins (simulators, stubs) allowed as Gong. */
  public static void register(
      DynamicPropertyRegistry registry, Postgres postgres, List<String> gongOrigins) {
    registry.add("spring.datasource.url", postgres::jdbcUrl);
    registry.add("spring.datasource.username", () -> "postgres");
    registry.add(
        "earshot.ingest.crypto.keyset",
        () -> {
          try {
            return KeysetLoader.serialize(KeysetLoader.generate());
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        });
    registry.add("earshot.ingest.allowed-local-gong-origins", () -> String.join(",", gongOrigins));
  }

  public static void close(AutoCloseable... resources) {
    for (AutoCloseable resource : resources) {
      try {
        resource.close();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /** Connects an org to a Gong stub with any key; returns the connection id. */
  public static UUID connect(
      ConnectingWithApiKey connecting, String org, StubWorkspace stub, Integer backfillDays) {
    return connecting
        .connect(
            org,
            new ConnectingWithApiKey.Request(
                stub.baseUrl(), "STUBACCESSKEY-" + org, "stub-secret-" + org, backfillDays))
        .connection()
        .id();
  }

  /** Connects an org to a simulator with its demo key; returns the connection id. */
  public static UUID connect(
      ConnectingWithApiKey connecting, String org, GongSimulator simulator, Integer backfillDays) {
    return connecting
        .connect(
            org,
            new ConnectingWithApiKey.Request(
                simulator.baseUrl(),
                SimulatorConfig.DEMO_ACCESS_KEY,
                SimulatorConfig.DEMO_ACCESS_SECRET,
                backfillDays))
        .connection()
        .id();
  }

  /**
   * The body Gong's automation rule sends for a call: its extensive data under {@code callData}.
   * Reads the call from the simulator (one extensive request: take it before resetting counters).
   */
  public static String webhookBody(GongSimulator simulator, String callId) {
    GongClient client =
        GongClient.builder()
            .baseUrl(
                BaseUrlGuard.allowingLocal(Set.of(simulator.baseUrl())).check(simulator.baseUrl()))
            .credentials(
                new GongCredentials.AccessKey(
                    SimulatorConfig.DEMO_ACCESS_KEY, SimulatorConfig.DEMO_ACCESS_SECRET))
            .connectionKey("webhook-body-" + callId)
            .build();
    var call =
        client.extensiveFor(List.of(callId), ContentSelector.everythingEarshotUses()).getFirst();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("callData", call);
    body.put("isTest", false);
    return GongJson.mapper().writeValueAsString(body);
  }

  /** A sighting of the call as webhook-gateway or the poller publishes it. */
  public static CallEvent callEvent(
      UUID connection, String org, String callId, CallEventSource source, String payload) {
    return CallEvent.newBuilder()
        .setEventId(UUID.randomUUID().toString())
        .setConnectionId(connection.toString())
        .setOrgId(org)
        .setCallId(callId)
        .setSource(source)
        .setSeenAt(Instant.now())
        .setWebhookPayload(payload)
        .build();
  }

  public static HttpResponse<String> post(int port, String path, String token, String body)
      throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  public static HttpResponse<String> patch(int port, String path, String token, String body)
      throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            .method("PATCH", HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  public static HttpResponse<String> get(int port, String path, String token) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .header("Authorization", "Bearer " + token)
            .GET()
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /**
   * A request to the service as a browser or API client sends it: JSON body (or none), a bearer
   * token and a {@code Cookie} header when given.
   */
  public static HttpResponse<String> send(
      int port, String method, String path, String token, String body, String cookie)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .header("Content-Type", "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    if (cookie != null) {
      request.header("Cookie", cookie);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /**
   * The values published for one key (null = tombstone), in order, from the beginning of the topic:
   * read until at least {@code atLeast} came or {@code timeout} passed, then a little longer so a
   * value too many would show too.
   */
  public static List<SpecificRecord> valuesFor(
      EmbeddedKafkaBroker broker, String topic, String key, int atLeast, Duration timeout) {
    return read(broker, topic, key::equals, atLeast, timeout);
  }

  /**
   * Every record of a topic from the beginning, read until at least {@code atLeast} records came or
   * the timeout passed (then a little longer, so late duplicates would show too).
   */
  public static List<SpecificRecord> consume(
      EmbeddedKafkaBroker broker, String topic, long atLeast, Duration timeout) {
    return read(broker, topic, key -> true, atLeast, timeout);
  }

  private static List<SpecificRecord> read(
      EmbeddedKafkaBroker broker,
      String topic,
      java.util.function.Predicate<String> key,
      long atLeast,
      Duration timeout) {
    List<SpecificRecord> records = new ArrayList<>();
    Map<String, Object> props =
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            broker.getBrokersAsString(),
            ConsumerConfig.GROUP_ID_CONFIG,
            "it-" + UUID.randomUUID(),
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
            "earliest",
            ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG,
            4 * 1024 * 1024);
    try (var consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), new AvroEventDeserializer())) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + timeout.toNanos();
      long quietUntil = Long.MAX_VALUE;
      while (System.nanoTime() < Math.min(deadline, quietUntil)) {
        for (var r : consumer.poll(Duration.ofMillis(200))) {
          if (key.test(r.key())) {
            records.add(r.value());
          }
        }
        if (records.size() >= atLeast && quietUntil == Long.MAX_VALUE) {
          quietUntil = System.nanoTime() + Duration.ofMillis(800).toNanos();
        }
      }
    }
    return records;
  }
}
