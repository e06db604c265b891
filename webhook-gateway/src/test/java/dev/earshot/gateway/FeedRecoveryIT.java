package dev.earshot.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.earshot.cli.FreePorts;
import dev.earshot.events.Topics;
import dev.earshot.gateway.connection.ConnectionTable;
import dev.earshot.gong.webhook.WebhookKeys;
import dev.earshot.testing.KafkaTestBroker;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.time.Duration;
import java.util.AbstractMap.SimpleEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * The connection feed waits out what is not there yet, for as long as it lasts: a broker not
 * reachable at start, a topic created after the gateway. Readiness is DOWN meanwhile and UP once
 * the table holds what is on the topic; liveness fails only when the feed stays dead past its
 * limit.
 */
class FeedRecoveryIT {

  private final List<AutoCloseable> resources = new ArrayList<>();

  @AfterEach
  void close() throws Exception {
    for (AutoCloseable resource : resources.reversed()) {
      resource.close();
    }
  }

  private ConfigurableApplicationContext gateway(
      String bootstrap, int managementPort, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--server.port=" + FreePorts.pick(),
                "--management.server.port=" + managementPort,
                "--spring.kafka.bootstrap-servers=" + bootstrap,
                "--earshot.gateway.feed.request-timeout=1s",
                "--earshot.gateway.feed.check-interval=500ms",
                "--earshot.gateway.feed.retry-initial=200ms",
                "--earshot.gateway.feed.retry-max=1s",
                "--spring.kafka.consumer.properties.reconnect.backoff.max.ms=500"));
    args.addAll(List.of(more));
    ConfigurableApplicationContext app =
        new SpringApplicationBuilder(GatewayApplication.class).run(args.toArray(String[]::new));
    resources.add(app);
    return app;
  }

  private EmbeddedKafkaKraftBroker broker(String... topics) {
    EmbeddedKafkaKraftBroker broker =
        KafkaTestBroker.start(2, Map.of("auto.create.topics.enable", "false"), topics);
    resources.add(broker::destroy);
    return broker;
  }

  private static int health(int managementPort, String group) throws Exception {
    return GatewayTestSupport.get(
            "http://localhost:" + managementPort + "/actuator/health/" + group)
        .statusCode();
  }

  private static double failures(ConfigurableApplicationContext app, String stage) {
    return app
        .getBean(MeterRegistry.class)
        .find("earshot.gateway.connections.feed.failures")
        .tag("stage", stage)
        .counters()
        .stream()
        .mapToDouble(c -> c.count())
        .sum();
  }

  private static Map.Entry<String, byte[]> connected(String id) {
    return new SimpleEntry<>(
        id,
        GatewayTestSupport.avro(
            GatewayTestSupport.connection(id, WebhookKeys.hash(WebhookKeys.newKey()), null)));
  }

  @Test
  void aBrokerUnreachableAtStartIsWaitedForAndTheTableFilledOnceItIsReachable() throws Exception {
    // given a gateway started while nothing answers at its bootstrap address
    int relayPort = FreePorts.pick();
    int management = FreePorts.pick();
    ConfigurableApplicationContext app = gateway("localhost:" + relayPort, management);
    await().atMost(Duration.ofSeconds(20)).until(() -> failures(app, "find-topic") >= 2);
    assertThat(health(management, "readiness")).isEqualTo(503);
    assertThat(health(management, "liveness")).isEqualTo(200);

    // when the broker, with a connection on the topic, becomes reachable
    EmbeddedKafkaKraftBroker broker = broker(Topics.CONNECTIONS, Topics.CALL_EVENTS);
    String connection = UUID.randomUUID().toString();
    GatewayTestSupport.sendRaw(
        broker.getBrokersAsString(), Topics.CONNECTIONS, List.of(connected(connection)));
    URI target = URI.create("kafka://" + broker.getBrokersAsString().split(",")[0]);
    resources.add(TcpRelay.open(relayPort, target.getHost(), target.getPort()));

    // then the table fills and the replica becomes ready
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> app.getBean(ConnectionTable.class).find(connection).isPresent());
    await().atMost(Duration.ofSeconds(15)).until(() -> health(management, "readiness") == 200);
  }

  @Test
  void aTopicCreatedAfterStartIsFollowedOnceItExists() throws Exception {
    // given a broker without the connection topic (and no auto-creation), and a gateway on it
    EmbeddedKafkaKraftBroker broker = broker();
    int management = FreePorts.pick();
    ConfigurableApplicationContext app = gateway(broker.getBrokersAsString(), management);
    await().atMost(Duration.ofSeconds(20)).until(() -> failures(app, "find-topic") >= 2);
    assertThat(health(management, "readiness")).isEqualTo(503);

    // when the topic is created (compacted, two partitions) and a connection published
    broker.addTopics(
        new NewTopic(Topics.CONNECTIONS, 2, (short) 1)
            .configs(Map.of("cleanup.policy", "compact")));
    String connection = UUID.randomUUID().toString();
    GatewayTestSupport.sendRaw(
        broker.getBrokersAsString(), Topics.CONNECTIONS, List.of(connected(connection)));

    // then the feed follows it
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> app.getBean(ConnectionTable.class).find(connection).isPresent());
    await().atMost(Duration.ofSeconds(15)).until(() -> health(management, "readiness") == 200);
    assertThat(health(management, "liveness")).isEqualTo(200);
  }

  @Test
  void aFeedThatStaysDeadPastItsLimitFailsLiveness() throws Exception {
    int management = FreePorts.pick();
    gateway("localhost:" + FreePorts.pick(), management, "--earshot.gateway.feed.dead-after=3s");

    await().atMost(Duration.ofSeconds(20)).until(() -> health(management, "liveness") == 503);
    assertThat(health(management, "readiness")).isEqualTo(503);
  }
}
