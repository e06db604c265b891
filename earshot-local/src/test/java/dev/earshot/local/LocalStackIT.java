package dev.earshot.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.LIST;
import static org.assertj.core.api.InstanceOfAssertFactories.MAP;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;

import dev.earshot.events.Topics;
import dev.earshot.gong.simulator.GongSimulator;
import dev.earshot.gong.simulator.SimulatorConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
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
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * earshot-local's real runtime (broker, PostgreSQL, topics, the simulator, every service) on free
 * ports, in two {@code --once} runs that must each end as the issue promises: nothing private asked
 * for, nothing missed, every other call published once, the planted bad calls failed with reasons,
 * no dead letters. One runs Gong as it really behaves ({@code --realism field}, its 403, daily
 * quota and revoked key resolved by the stand-in admin, calls listed late found by polling); the
 * other replays a directory {@code ./earshot capture} wrote from a simulator ({@code --corpus}),
 * with Gong's webhooks on.
 */
class LocalStackIT {

  static final List<String> EVERY_PORT =
      List.of(
          "--kafka-port",
          "0",
          "--controller-port",
          "0",
          "--simulator-port",
          "0",
          "--ingest-port",
          "0",
          "--gateway-port",
          "0",
          "--extraction-port",
          "0",
          "--dedup-port",
          "0",
          "--assistant-port",
          "0");

  /**
   * The figures of a {@code --once} run, in summary order: the same whether the services run in one
   * JVM or each in its own ({@link LocalProcessesIT}).
   */
  static final List<String> FIGURES =
      List.of(
          "topics",
          "calls_seen",
          "calls_private_skipped",
          "calls_pending",
          "calls_gave_up",
          "calls_published",
          "calls_failed",
          "calls_missed",
          "calls_outside_backfill",
          "webhooks_accepted",
          "call_event_duplicates",
          "calls_first_seen_by",
          "gong_requests",
          "gong_rate_limited",
          "faults_resolved",
          "ingest_ms",
          "calls_extracted",
          "feedback_items",
          "calls_without_feedback",
          "conversations",
          "conversations_unmapped",
          "followups",
          "followups_skipped",
          "followup_action_items",
          "posts",
          "mentions",
          "duplicate_post_rate",
          "over_merge_rate",
          "requests_on_board",
          "suggestions",
          "suggestion_precision",
          "duplicate_post_rate_after_review",
          "over_merge_rate_after_review",
          "post_events",
          "assistant_calls",
          "assistant_answered",
          "assistant_gong_fallback",
          "mcp_tools",
          "private_transcript_requests",
          "calls_published_more_than_once",
          "calls_not_as_expected",
          "failed_as_planted",
          "planted_failures",
          "dead_letters");

  @Nested
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  class FieldRun {

    LocalStack stack;
    Map<String, Object> figures;
    GongSimulator gong;

    @BeforeAll
    void start() throws Exception {
      // 30 calls: every scheduled fault fires, both planted bad calls and a call Gong lists late
      // are in it; no webhooks, so polling alone must find the late call.
      stack = startOnce("--realism", "field", "--calls", "30", "--webhook-share", "0");
      gong = stack.context().shared(GongSimulator.class);
      figures = stack.runOnce();
    }

    @AfterAll
    void stop() {
      stack.close();
    }

    @Test
    void endsWithNothingPrivateAskedForNothingMissedNothingTwiceAndNoDeadLetters() {
      assertTheRunKeepsItsPromises(figures, gong.groundTruth());
      assertThat(figures).containsEntry("calls_failed", 2L).containsEntry("calls_gave_up", 0L);
      // every published call is readable through assistant-service's calls API, a question about
      // the demo customer is answered with a citation, and an MCP client lists the six tools
      assertThat(figures.get("assistant_calls")).isEqualTo(figures.get("calls_published"));
      assertThat(figures).containsEntry("assistant_answered", true).containsEntry("mcp_tools", 6);
      // a call it does not hold is asked of ingest-service's internal API with a service token
      assertThat(figures).containsEntry("assistant_gong_fallback", true);
    }

    @Test
    void summarisesTheRunWithTheFiguresEveryShapeOfTheStackGives() {
      assertThat(figures.keySet()).containsExactlyElementsOf(FIGURES);
    }

    @Test
    void everyPublishedCallMapsToACompanyOfTheDemoDirectory() {
      // the directory holds every simulator account, and every call names its account's CRM id
      long published = (Long) figures.get("calls_published");
      assertThat((Long) figures.get("conversations")).isGreaterThanOrEqualTo(published);
      assertThat(figures).containsEntry("conversations_unmapped", 0L);
    }

    @Test
    @SuppressWarnings("unchecked")
    void theBadCallsGongServesAreParkedFailedWithTheirReasons() {
      Map<String, String> planted = (Map<String, String>) figures.get("planted_failures");

      assertThat(figures).containsEntry("failed_as_planted", true);
      assertThat(planted.keySet())
          .containsExactlyInAnyOrderElementsOf(
              gong.groundTruth().stream()
                  .filter(t -> "failed".equals(t.get("expected")))
                  .map(t -> (String) t.get("call_id"))
                  .toList());
      assertThat(planted.values())
          .hasSize(2)
          .anySatisfy(
              r ->
                  assertThat(r)
                      .isEqualTo("Gong's transcript element: unreadable value at transcript"))
          .anySatisfy(
              r ->
                  assertThat(r)
                      .startsWith("the Call record is ")
                      .endsWith(" bytes, over the 4096000-byte limit of gong.calls.v1"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyFaultOfGongsScheduleFiredAndTheAdminResolvedIt() {
      Map<String, Map<String, Object>> faults =
          (Map<String, Map<String, Object>>) figures.get("faults_resolved");

      assertThat(faults).containsOnlyKeys("forbid", "exhaust_quota", "revoke");
      assertThat(faults.values())
          .allSatisfy(
              f -> assertThat(f).containsEntry("fired", true).containsEntry("resolved", true));
      assertThat((String) faults.get("forbid").get("seen_as"))
          .startsWith("forbidden: ")
          .contains("without naming a scope");
      assertThat((List<String>) faults.get("forbid").get("resolved_by"))
          .allMatch(a -> a.startsWith("POST /api/v1/connections/current/health"))
          .last(STRING)
          .endsWith("connected");
      assertThat((String) faults.get("exhaust_quota").get("seen_as"))
          .startsWith("paused: rate limited by Gong until ");
      assertThat((List<String>) faults.get("exhaust_quota").get("resolved_by"))
          .first(STRING)
          .startsWith("quota back in Gong");
      assertThat((String) faults.get("revoke").get("seen_as"))
          .startsWith("unauthorized: ")
          .contains("access token has been revoked");
      assertThat((List<String>) faults.get("revoke").get("resolved_by"))
          .containsExactly(
              "new access key in Gong (simulator POST /admin/access-keys)",
              "PATCH /api/v1/connections/current with it: 200");
      // Gong's side agrees: the demo key is revoked and the connection works with the new one
      Map<String, Object> keys = (Map<String, Object>) gong.realismState().get("access_keys");
      assertThat((List<String>) keys.get("revoked")).contains(SimulatorConfig.DEMO_ACCESS_KEY);
      assertThat((List<String>) keys.get("active")).hasSize(1);
    }

    @Test
    @SuppressWarnings("unchecked")
    void thePollerFindsTheCallsGongListsOnlyAfterTheBackfillListedTheirDay() {
      Instant start = gong.config().now();
      long listedLate =
          gong.groundTruth().stream()
              .filter(t -> !"private".equals(t.get("expected")))
              .filter(
                  t ->
                      Instant.parse((String) t.get("listable_at"))
                          .isAfter(start.plus(Duration.ofMinutes(10))))
              .count();

      assertThat(listedLate).isPositive();
      assertThat((Map<String, Long>) figures.get("calls_first_seen_by"))
          .doesNotContainKey("webhook")
          .extractingByKey("poll")
          .satisfies(poll -> assertThat(poll).isGreaterThanOrEqualTo(listedLate));
    }

    /**
     * Every metric the Grafana dashboard and the alert rules name ({@code deploy/}) is exported by
     * a running service's {@code /actuator/prometheus}, or is listed as registered only at its
     * first event (a dead letter, a failed token refresh…) in {@code
     * deploy/prometheus/metrics-on-first-event.txt}.
     */
    @Test
    void everyMetricTheDashboardAndTheAlertsNameIsExported() throws Exception {
      Set<String> exported = new java.util.TreeSet<>();
      for (String service :
          List.of("webhook_gateway", "ingest_service", "extraction_service", "dedup_service")) {
        HttpResponse<String> scrape =
            get(
                stack.context().require(service + ".management_url") + "/actuator/prometheus",
                null);
        assertThat(scrape.statusCode()).as(service).isEqualTo(200);
        scrape
            .body()
            .lines()
            .filter(l -> !l.startsWith("#") && !l.isBlank())
            .map(l -> l.replaceFirst("[{ ].*", ""))
            .forEach(exported::add);
      }
      Path deploy = Path.of("..", "deploy");
      Set<String> named = new java.util.TreeSet<>();
      for (Path file :
          List.of(
              deploy.resolve("grafana/dashboards/earshot.json"),
              deploy.resolve("prometheus/alerts.yml"))) {
        named.addAll(dev.earshot.testing.MetricNames.in(Files.readString(file)));
      }
      Set<String> onFirstEvent =
          Files.readAllLines(deploy.resolve("prometheus/metrics-on-first-event.txt")).stream()
              .map(l -> l.replaceFirst("#.*", "").strip())
              .filter(l -> !l.isEmpty())
              .collect(java.util.stream.Collectors.toSet());

      assertThat(named).hasSizeGreaterThan(20);
      assertThat(named)
          .allSatisfy(
              name ->
                  assertThat(exported.contains(name) || onFirstEvent.contains(name))
                      .as(
                          "%s is exported by a running service or registered at its first event",
                          name)
                      .isTrue());
      assertThat(onFirstEvent)
          .as("listed only if the dashboard or alerts use it")
          .isSubsetOf(named);
    }

    @Test
    void createsEveryTopicOfTheArchitectureWithItsDeadLetterTopic() {
      assertThat(figures.get("topics"))
          .asInstanceOf(LIST)
          .containsAll(Topics.allNamesWithDeadLetters());
    }

    @Test
    void compactsTheConnectionsTopicOnlyAndAllowsFourMegabyteRecords() throws Exception {
      try (Admin admin = admin(stack)) {
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
      String probeKey = "three-megabyte-probe";
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
        producer.send(new ProducerRecord<>(Topics.FOLLOW_UPS, probeKey, big)).get();
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
            // the run's own follow-up drafts are on this topic too: only the probe counts
            if (probeKey.equals(record.key())) {
              received = record.value();
            }
          }
        }
        assertThat(received).hasSize(big.length());
      }
    }

    @Test
    void everyServiceHasItsOwnDatabase() throws Exception {
      for (String database : List.of("ingest", "extraction", "dedup", "assistant")) {
        try (Connection db =
                DriverManager.getConnection(stack.context().jdbcUrl(database), "postgres", "");
            ResultSet rs = db.createStatement().executeQuery("select current_database()")) {
          rs.next();
          assertThat(rs.getString(1)).isEqualTo(database);
        }
      }
    }

    @Test
    @SuppressWarnings("unchecked")
    void ingestServiceRunsWithTheDemoOrgConnectedAndItsTokenWorksOnTheBoard() throws Exception {
      Map<String, Object> ingest = (Map<String, Object>) stack.facts().get("ingest_service");
      Map<String, Object> dedup = (Map<String, Object>) stack.facts().get("dedup_service");

      var current = get(ingest.get("url") + "/api/v1/connections/current", ingest);
      var openApi = get(ingest.get("url") + "/v3/api-docs", null);
      var board = get(dedup.get("url") + "/api/v1/posts?sort=mentions", ingest);

      assertThat(ingest)
          .containsEntry("demo_connection_status", "connected")
          .containsEntry("webhook_subscription", "none")
          .containsEntry("outbox_pending", 0L);
      assertThat(current.statusCode()).isEqualTo(200);
      assertThat(current.body()).contains("\"status\":\"connected\"");
      // the service token it prints is let into ingest's internal API (what Gong then answers
      // depends on this run's scheduled faults), where the admin's is refused
      String window =
          "/internal/v1/orgs/" + ingest.get("demo_org") + "/calls?from=2026-01-01T00:00:00Z";
      assertThat(getWith(ingest.get("url") + window, ingest.get("service_token")).statusCode())
          .isNotIn(401, 403);
      assertThat(get(ingest.get("url") + window, ingest).statusCode()).isEqualTo(403);
      assertThat(openApi.body())
          .contains("/api/v1/connections/api-key", "/api/v1/connections/oauth/start")
          .contains("\"title\":\"Earshot ingest API\"", "bearer-jwt");
      assertThat(get(dedup.get("url") + "/v3/api-docs", null).body())
          .contains("\"title\":\"Earshot feedback board API\"", "/api/v1/posts/suggestions");
      assertThat(board.statusCode()).isEqualTo(200);
      assertThat(board.body()).contains("\"total\":" + figures.get("posts"));
      assertThat((Double) figures.get("duplicate_post_rate")).isBetween(0.0, 1.0);
      assertThat((Double) figures.get("over_merge_rate")).isBetween(0.0, 1.0);
      assertThat((Integer) figures.get("suggestions")).isNotNegative();
      assertThat((Double) figures.get("suggestion_precision")).isBetween(0.0, 1.0);
      assertThat((Double) figures.get("duplicate_post_rate_after_review"))
          .isBetween(0.0, (Double) figures.get("duplicate_post_rate"));
    }
  }

  @Nested
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  class CorpusRun {

    static final String PRIVATE_CALL = "9100000000000000001";
    static final String UNFLAGGED_CALL = "9100000000000000002";

    Path dir;
    LocalStack stack;
    Map<String, Object> figures;
    GongSimulator gong;
    int files;

    @BeforeAll
    void start() throws Exception {
      dir = Files.createTempDirectory("earshot-corpus-it-");
      Path corpus = Files.createDirectory(dir.resolve("corpus"));
      try (GongSimulator source =
          GongSimulator.start(
              SimulatorConfig.defaults().withCorpus(30, 7).withLimits(1_000, 1_000_000))) {
        int status =
            CaptureCommand.run(
                new String[] {
                  "capture",
                  "--base-url",
                  source.baseUrl(),
                  "--access-key",
                  source.config().accessKey(),
                  "--secret",
                  source.config().accessSecret(),
                  "--days",
                  "60",
                  "--out",
                  corpus.toString()
                },
                new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(new ByteArrayOutputStream()));
        assertThat(status).isZero();
      }
      // capture writes only calls Gong says are public: add one Gong says is private and one whose
      // flag is absent, which must be treated as private too
      Path captured = Files.list(corpus).sorted().findFirst().orElseThrow();
      String callId = captured.getFileName().toString().replace(".json", "");
      String text = Files.readString(captured);
      Files.writeString(
          corpus.resolve(PRIVATE_CALL + ".json"),
          text.replace(callId, PRIVATE_CALL)
              .replaceFirst("\"isPrivate\"\\s*:\\s*false", "\"isPrivate\": true"));
      Files.writeString(
          corpus.resolve(UNFLAGGED_CALL + ".json"),
          text.replace(callId, UNFLAGGED_CALL).replaceFirst("\"isPrivate\"\\s*:\\s*false,", ""));
      try (Stream<Path> all = Files.list(corpus)) {
        files = (int) all.count();
      }
      stack = startOnce("--corpus", corpus.toString());
      gong = stack.context().shared(GongSimulator.class);
      figures = stack.runOnce();
    }

    @AfterAll
    void stopsCleanlyFreesTheBrokerPortAndDeletesItsData() throws IOException {
      int port = Integer.parseInt(stack.context().kafkaBootstrap().split(":")[1]);
      assertThat(canConnect(port)).isTrue();

      stack.close();

      assertThat(canConnect(port)).isFalse();
      assertThat(stack.context().dataDir()).doesNotExist();
      try (Stream<Path> written = Files.walk(dir)) {
        for (Path p : written.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }

    @Test
    void theGongSimulatorServesTheCorpusWithItsDemoKey() throws Exception {
      var users =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(gong.baseUrl() + "/v2/users"))
                      .header("Authorization", "Basic " + basic())
                      .build(),
                  HttpResponse.BodyHandlers.ofString());

      assertThat(users.statusCode()).isEqualTo(200);
      assertThat(users.body()).contains("\"users\"");
      assertThat(gong.callIds()).hasSize(files);
    }

    @Test
    void endsWithNothingPrivateAskedForNothingMissedNothingTwiceAndNoDeadLetters() {
      assertTheRunKeepsItsPromises(figures, gong.groundTruth());
      assertThat(figures)
          .containsEntry("calls_seen", (long) files)
          .containsEntry("calls_private_skipped", 2L)
          .containsEntry("calls_published", files - 2L)
          .containsEntry("calls_failed", 0L)
          .containsEntry("calls_outside_backfill", 0)
          .containsEntry("failed_as_planted", true)
          .containsEntry("planted_failures", Map.of())
          .containsEntry("faults_resolved", Map.of());
    }

    @Test
    void gongAnnouncesTheNewestTenthByWebhookAndTheBoardHasNoPlantedTruthToScore() {
      assertThat(figures)
          .containsEntry("webhooks_accepted", 3L)
          .containsEntry("duplicate_post_rate", null)
          .containsEntry("over_merge_rate", null)
          .containsEntry("requests_on_board", null)
          .containsEntry("suggestion_precision", null)
          .containsEntry("duplicate_post_rate_after_review", null);
      assertThat(gong.privateTranscriptRequests()).isEmpty();
      assertThat(gong.groundTruth())
          .filteredOn(t -> "private".equals(t.get("expected")))
          .extracting(t -> t.get("call_id"))
          .containsExactlyInAnyOrder(PRIVATE_CALL, UNFLAGGED_CALL);
    }
  }

  /**
   * What every {@code --once} run must end with: each ground-truth call as expected (published
   * exactly once on gong.calls.v1, private, or failed), no private id in a transcript request, no
   * call missed or pending, no dead letter, and every published call extracted and on the board.
   */
  @SuppressWarnings("unchecked")
  static void assertTheRunKeepsItsPromises(
      Map<String, Object> figures, List<Map<String, Object>> truth) {
    long expectedPrivate = truth.stream().filter(t -> "private".equals(t.get("expected"))).count();
    long expectedFailed = truth.stream().filter(t -> "failed".equals(t.get("expected"))).count();
    assertThat(figures)
        .containsEntry("calls_seen", (long) truth.size())
        .containsEntry("calls_missed", 0)
        .containsEntry("calls_pending", 0L)
        .containsEntry("calls_private_skipped", expectedPrivate)
        .containsEntry("calls_failed", expectedFailed)
        .containsEntry("calls_published", truth.size() - expectedPrivate - expectedFailed)
        .containsEntry("private_transcript_requests", 0)
        .containsEntry("calls_published_more_than_once", 0L)
        .containsEntry("calls_not_as_expected", 0)
        .containsEntry("failed_as_planted", true);
    assertThat(figures.get("dead_letters"))
        .asInstanceOf(MAP)
        .hasSize(Topics.ALL.size())
        .allSatisfy((topic, count) -> assertThat(count).isEqualTo(0L));
    assertThat(figures.get("calls_extracted")).isEqualTo(figures.get("calls_published"));
    assertThat((Long) figures.get("feedback_items")).isPositive();
    assertThat(figures.get("mentions")).isEqualTo(figures.get("feedback_items"));
    // one event per mention, and one MERGE_SUGGESTED per merge suggestion
    assertThat(figures.get("post_events"))
        .isEqualTo((Long) figures.get("mentions") + (Integer) figures.get("suggestions"));
    assertThat((Long) figures.get("posts")).isBetween(1L, (Long) figures.get("mentions"));
    assertThat((Map<String, String>) figures.get("planted_failures"))
        .allSatisfy((call, reason) -> assertThat(reason).isNotBlank());
  }

  static LocalStack startOnce(String... more) throws Exception {
    List<String> args = new java.util.ArrayList<>(List.of("--once"));
    args.addAll(EVERY_PORT);
    args.addAll(List.of(more));
    LocalStack stack = EarshotLocal.newStack(LocalOptions.parse(args.toArray(String[]::new)));
    stack.start();
    return stack;
  }

  private static HttpResponse<String> get(String url, Map<String, Object> withTokenOf)
      throws Exception {
    return getWith(url, withTokenOf == null ? null : withTokenOf.get("admin_token"));
  }

  private static HttpResponse<String> getWith(String url, Object token) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return HttpClient.newHttpClient()
        .send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  private static boolean canConnect(int port) {
    try (Socket ignored = new Socket("localhost", port)) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static Admin admin(LocalStack stack) {
    return Admin.create(
        Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.context().kafkaBootstrap()));
  }

  /** The demo key in Basic auth, as a real client would send it. */
  static String basic() {
    return Base64.getEncoder()
        .encodeToString(
            (SimulatorConfig.DEMO_ACCESS_KEY + ":" + SimulatorConfig.DEMO_ACCESS_SECRET)
                .getBytes(StandardCharsets.UTF_8));
  }
}
