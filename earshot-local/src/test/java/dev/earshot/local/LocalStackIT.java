package dev.earshot.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.earshot.events.Topics;
import java.io.IOException;
import java.net.Socket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Runs earshot-local's real runtime (broker, PostgreSQL, topics) on free ports. */
class LocalStackIT {

  static LocalOptions options;
  static LocalStack stack;
  static Map<String, Object> figures;

  @BeforeAll
  static void start() throws Exception {
    options =
        LocalOptions.parse(
            "--once",
            "--kafka-port",
            "0",
            "--controller-port",
            "0",
            "--simulator-port",
            "0",
            "--calls",
            "20",
            "--ingest-port",
            "0",
            "--gateway-port",
            "0",
            "--extraction-port",
            "0",
            "--dedup-port",
            "0");
    stack = EarshotLocal.newStack(options);
    stack.start();
    figures = stack.runOnce();
  }

  @AfterAll
  static void stop() {
    stack.close();
  }

  @Test
  void createsEveryTopicOfTheArchitectureWithItsDeadLetterTopic() {
    assertThat(figures.get("topics"))
        .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
        .containsAll(Topics.allNamesWithDeadLetters());
  }

  @Test
  void compactsTheConnectionsTopicOnlyAndAllowsFourMegabyteRecords() throws Exception {
    try (Admin admin = admin()) {
      Map<ConfigResource, Config> configs =
          admin
              .describeConfigs(
                  List.of(
                      new ConfigResource(ConfigResource.Type.TOPIC, Topics.CONNECTIONS),
                      new ConfigResource(ConfigResource.Type.TOPIC, Topics.CALLS)))
              .all()
              .get();
      Config connections =
          configs.get(new ConfigResource(ConfigResource.Type.TOPIC, Topics.CONNECTIONS));
      Config calls = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, Topics.CALLS));

      assertThat(connections.get(TopicConfig.CLEANUP_POLICY_CONFIG).value()).isEqualTo("compact");
      assertThat(calls.get(TopicConfig.CLEANUP_POLICY_CONFIG).value()).isEqualTo("delete");
      assertThat(calls.get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG).value()).isEqualTo("4194304");
      assertThat(admin.describeTopics(Set.of(Topics.CALLS)).allTopicNames().get())
          .extractingByKey(Topics.CALLS)
          .satisfies(d -> assertThat(d.partitions()).hasSize(3));
    }
  }

  @Test
  void theBrokerCarriesARecordOfThreeMegabytes() throws Exception {
    String big = "x".repeat(3 * 1024 * 1024);
    try (var producer =
        new KafkaProducer<>(
            Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                stack.context().kafkaBootstrap(),
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG,
                4 * 1024 * 1024,
                ProducerConfig.COMPRESSION_TYPE_CONFIG,
                "none"),
            new StringSerializer(),
            new StringSerializer())) {
      producer.send(new ProducerRecord<>(Topics.FOLLOW_UPS, "call-1", big)).get();
    }
    try (var consumer =
        new KafkaConsumer<>(
            Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.context().kafkaBootstrap(),
                ConsumerConfig.GROUP_ID_CONFIG, "local-it",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
            new StringDeserializer(),
            new StringDeserializer())) {
      consumer.subscribe(List.of(Topics.FOLLOW_UPS));
      String received = null;
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (received == null && System.nanoTime() < deadline) {
        for (var record : consumer.poll(Duration.ofMillis(300))) {
          received = record.value();
        }
      }
      assertThat(received).hasSize(big.length());
    }
  }

  @Test
  void onceIngestsTheDemoCorpusThroughWebhooksAndTheBackfillWithoutPrivateCallsOr429s() {
    long privateCalls =
        stack
            .context()
            .shared(dev.earshot.gong.simulator.GongSimulator.class)
            .corpus()
            .calls()
            .stream()
            .filter(dev.earshot.gong.simulator.corpus.CorpusCall::isPrivate)
            .count();

    assertThat(figures)
        .containsEntry("calls_seen", 20L)
        .containsEntry("calls_pending", 0L)
        .containsEntry("calls_gave_up", 0L)
        .containsEntry("calls_private_skipped", privateCalls)
        .containsEntry("calls_published", 20L - privateCalls)
        .containsEntry("gong_rate_limited", 0L);
    // every published call was extracted; the corpus has feedback and pure sales calls
    assertThat(figures.get("calls_extracted")).isEqualTo(figures.get("calls_published"));
    assertThat((Long) figures.get("feedback_items")).isPositive();
    assertThat((Long) figures.get("calls_without_feedback")).isPositive();
    // a tenth of the corpus (the two most recent calls) was also announced by webhook
    assertThat(figures).containsEntry("webhooks_accepted", 2L);
    assertThat((Long) figures.get("gong_requests")).isBetween(5L, 30L);
  }

  @Test
  @SuppressWarnings("unchecked")
  void onceEndsThePipelineOnTheBoardWhichTheDemoAdminReads() throws Exception {
    // every item became a mention, every mention an event, and the board is scored
    assertThat(figures.get("mentions")).isEqualTo(figures.get("feedback_items"));
    assertThat((Long) figures.get("posts")).isBetween(1L, (Long) figures.get("mentions"));
    assertThat((Long) figures.get("post_events")).isEqualTo(figures.get("mentions"));
    assertThat((Double) figures.get("duplicate_post_rate")).isBetween(0.0, 1.0);
    assertThat((Double) figures.get("over_merge_rate")).isBetween(0.0, 1.0);
    // and the token ingest-service printed works on dedup-service's API too
    Map<String, Object> ingest = (Map<String, Object>) stack.facts().get("ingest_service");
    Map<String, Object> dedup = (Map<String, Object>) stack.facts().get("dedup_service");
    var board =
        java.net.http.HttpClient.newHttpClient()
            .send(
                java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(dedup.get("url") + "/api/v1/posts?sort=mentions"))
                    .header("Authorization", "Bearer " + ingest.get("admin_token"))
                    .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(board.statusCode()).isEqualTo(200);
    assertThat(board.body()).contains("\"total\":" + figures.get("posts"));
  }

  @Test
  void everyServiceHasItsOwnDatabase() throws Exception {
    for (String database : List.of("ingest", "extraction", "dedup")) {
      try (Connection db =
              DriverManager.getConnection(stack.context().jdbcUrl(database), "postgres", "");
          ResultSet rs = db.createStatement().executeQuery("select current_database()")) {
        rs.next();
        assertThat(rs.getString(1)).isEqualTo(database);
      }
    }
  }

  @Test
  void theGongSimulatorServesTheDemoCorpusWithItsDemoKey() throws Exception {
    String baseUrl = stack.context().require(GongSimulatorComponent.BASE_URL);
    String basic =
        java.util.Base64.getEncoder()
            .encodeToString(
                (dev.earshot.gong.simulator.SimulatorConfig.DEMO_ACCESS_KEY
                        + ":"
                        + dev.earshot.gong.simulator.SimulatorConfig.DEMO_ACCESS_SECRET)
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));

    var response =
        java.net.http.HttpClient.newHttpClient()
            .send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(baseUrl + "/v2/users"))
                    .header("Authorization", "Basic " + basic)
                    .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("\"users\"");
  }

  @Test
  @SuppressWarnings("unchecked")
  void ingestServiceRunsWithTheDemoOrgConnectedToTheSimulator() throws Exception {
    Map<String, Object> ingest = (Map<String, Object>) stack.facts().get("ingest_service");
    var http = java.net.http.HttpClient.newHttpClient();

    var current =
        http.send(
            java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create(ingest.get("url") + "/api/v1/connections/current"))
                .header("Authorization", "Bearer " + ingest.get("admin_token"))
                .build(),
            java.net.http.HttpResponse.BodyHandlers.ofString());
    var openApi =
        http.send(
            java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create(ingest.get("url") + "/v3/api-docs"))
                .build(),
            java.net.http.HttpResponse.BodyHandlers.ofString());

    assertThat(ingest)
        .containsEntry("demo_connection_status", "connected")
        .containsEntry("outbox_pending", 0L);
    assertThat(current.statusCode()).isEqualTo(200);
    assertThat(current.body()).contains("\"status\":\"connected\"");
    assertThat(openApi.statusCode()).isEqualTo(200);
    assertThat(openApi.body())
        .contains("/api/v1/connections/api-key", "/api/v1/connections/oauth/start");
  }

  @Test
  void stopsCleanlyAndFreesTheBrokerPort() throws Exception {
    LocalStack second =
        EarshotLocal.newStack(
            LocalOptions.parse(
                "--kafka-port",
                "0",
                "--controller-port",
                "0",
                "--simulator-port",
                "0",
                "--calls",
                "5",
                "--ingest-port",
                "0",
                "--gateway-port",
                "0",
                "--extraction-port",
                "0"));
    second.start();
    int port = Integer.parseInt(second.context().kafkaBootstrap().split(":")[1]);
    assertThat(canConnect(port)).isTrue();

    second.close();

    assertThat(canConnect(port)).isFalse();
    assertThat(second.context().dataDir()).doesNotExist();
    assertThatThrownBy(() -> second.context().jdbcUrl("nope"))
        .isInstanceOf(IllegalStateException.class);
  }

  private static boolean canConnect(int port) {
    try (Socket ignored = new Socket("localhost", port)) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static Admin admin() {
    return Admin.create(
        Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.context().kafkaBootstrap()));
  }
}
