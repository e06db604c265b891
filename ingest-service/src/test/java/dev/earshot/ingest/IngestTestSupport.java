package dev.earshot.ingest;

import dev.earshot.events.CallEvent;
import dev.earshot.events.CallEventSource;
import dev.earshot.gong.api.ContentSelector;
import dev.earshot.gong.auth.GongCredentials;
import dev.earshot.gong.client.GongClient;
import dev.earshot.gong.client.GongJson;
import dev.earshot.gong.simulator.GongSimulator;
import dev.earshot.gong.simulator.SimulatorConfig;
import dev.earshot.gong.url.BaseUrlGuard;
import dev.earshot.ingest.connection.ConnectingWithApiKey;
import dev.earshot.ingest.crypto.KeysetLoader;
import dev.earshot.testing.EmbeddedDatabase;
import dev.earshot.testing.TopicRecords;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * What ingest-service's integration tests share: PostgreSQL, simulators, the service's settings and
 * topic reads (the generic parts in test-support: {@link EmbeddedDatabase}, {@link TopicRecords},
 * {@code ApiCalls}).
 */
public final class IngestTestSupport {

  private IngestTestSupport() {}

  /**
   * A real PostgreSQL server with an {@code ingest} database ({@link EmbeddedDatabase}), which a
   * test can stop (an outage) and start again with its data.
   */
  public static EmbeddedDatabase postgres() {
    return EmbeddedDatabase.start("ingest");
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
      DynamicPropertyRegistry registry, EmbeddedDatabase postgres, GongSimulator... simulators) {
    register(registry, postgres, Arrays.stream(simulators).map(GongSimulator::baseUrl).toList());
  }

  /** Database, a fresh keyset, and these simulators and stubs allowed as Gong. */
  public static void register(
      DynamicPropertyRegistry registry,
      EmbeddedDatabase postgres,
      List<GongSimulator> simulators,
      List<StubWorkspace> stubs) {
    register(
        registry,
        postgres,
        java.util.stream.Stream.concat(
                simulators.stream().map(GongSimulator::baseUrl),
                stubs.stream().map(StubWorkspace::baseUrl))
            .toList());
  }

  /** Database, a fresh keyset, and these origins (simulators, stubs) allowed as Gong. */
  public static void register(
      DynamicPropertyRegistry registry, EmbeddedDatabase postgres, List<String> gongOrigins) {
    registry.add("spring.datasource.url", () -> postgres.jdbcUrl("ingest"));
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
    return TopicRecords.values(
        broker.getBrokersAsString(),
        topic,
        r -> key.test(r.key()),
        atLeast,
        timeout,
        Duration.ofMillis(800));
  }
}
