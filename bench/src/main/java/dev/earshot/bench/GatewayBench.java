package dev.earshot.bench;

import dev.earshot.events.AuthKind;
import dev.earshot.events.CallEvent;
import dev.earshot.events.Connection;
import dev.earshot.events.ConnectionStatus;
import dev.earshot.events.Topics;
import dev.earshot.events.serde.AvroEventDeserializer;
import dev.earshot.events.serde.AvroEventSerializer;
import dev.earshot.gong.webhook.WebhookKeys;
import dev.earshot.local.LocalComponent;
import dev.earshot.local.LocalComponents;
import dev.earshot.local.LocalStack;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * webhook-gateway under load: the real gateway, the in-JVM KRaft broker (acks=all) and the load
 * generator share this machine's cores. At each concurrency level, closed-loop clients post Gong
 * webhook bodies (~2 KB, a distinct call id each) for a fixed time; the figures are accepted
 * webhooks/s and latency percentiles. Then every accepted webhook's event is looked up on
 * gong.call-events.v1: none may be missing.
 */
final class GatewayBench {

  private GatewayBench() {}

  /** One load level's outcome. */
  record Level(
      int concurrency, long accepted, long failed, double perSecond, double p50, double p99) {}

  static Map<String, Object> run(Bench.Args args) throws Exception {
    int seconds = args.integer("seconds", 15);
    int warmup = args.integer("warmup", 5);
    List<Integer> levels = args.integers("concurrency", "8,16,32,64");
    List<LocalComponent> components =
        List.of(
            LocalComponents.kafka(0, 0, 3),
            LocalComponents.topics(3),
            LocalComponents.webhookGateway(0));
    try (LocalStack stack =
        new LocalStack(components, Files.createTempDirectory("earshot-bench-"), true)) {
      stack.start();
      String bootstrap = stack.context().kafkaBootstrap();
      String gateway = stack.context().require("webhook_gateway.url");
      String connection = UUID.randomUUID().toString();
      String key = WebhookKeys.newKey();
      publishConnection(bootstrap, connection, key);
      String url = gateway + "/webhooks/gong/" + connection + "?key=" + key;
      awaitAccepted(url);
      Bench.say(
          "gateway: %d s per level after %d s warm-up; body %,d bytes; broker acks=all in this JVM",
          seconds, warmup, body("0").length());

      Map<String, String> acceptedEvents = new ConcurrentHashMap<>();
      load(url, levels.getFirst(), Duration.ofSeconds(warmup), acceptedEvents);
      List<Level> results = new ArrayList<>();
      for (int concurrency : levels) {
        Level level = load(url, concurrency, Duration.ofSeconds(seconds), acceptedEvents);
        results.add(level);
        Bench.say(
            "  %3d clients: %,8.0f accepted/s  p50 %5.1f ms  p99 %5.1f ms  failed %d",
            level.concurrency(), level.perSecond(), level.p50(), level.p99(), level.failed());
      }
      Set<String> onTopic = eventIds(bootstrap, connection, acceptedEvents.size());
      long missing = acceptedEvents.keySet().stream().filter(id -> !onTopic.contains(id)).count();
      Level best =
          results.stream()
              .filter(l -> l.p99() <= 20.0)
              .max((a, b) -> Double.compare(a.perSecond(), b.perSecond()))
              .orElse(null);
      Bench.say(
          "  accepted %,d webhooks in all; on the topic: %,d; missing: %d",
          acceptedEvents.size(), onTopic.size(), missing);
      Bench.say(
          "  best rate with p99 <= 20 ms: %s (goal >= 5,000/s)",
          best == null
              ? "none"
              : String.format("%,.0f/s at %d clients", best.perSecond(), best.concurrency()));
      Map<String, Object> figures = new LinkedHashMap<>();
      figures.put("levels", results);
      figures.put("best_per_s_with_p99_le_20ms", best == null ? 0 : Math.round(best.perSecond()));
      figures.put("accepted_total", acceptedEvents.size());
      figures.put("missing_from_topic", missing);
      return figures;
    }
  }

  private static Level load(
      String url, int concurrency, Duration duration, Map<String, String> acceptedEvents)
      throws InterruptedException {
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    long end = System.nanoTime() + duration.toNanos();
    AtomicLong failed = new AtomicLong();
    List<long[]> latencies = new ArrayList<>();
    List<Thread> clients = new ArrayList<>();
    AtomicLong sequence = new AtomicLong(System.nanoTime());
    long began = System.nanoTime();
    for (int c = 0; c < concurrency; c++) {
      long[] mine = new long[2_000_000];
      latencies.add(mine);
      clients.add(
          Thread.ofVirtual()
              .start(
                  () -> {
                    int n = 0;
                    while (System.nanoTime() < end && n < mine.length - 1) {
                      String callId = Long.toString(sequence.incrementAndGet());
                      long start = System.nanoTime();
                      try {
                        HttpResponse<String> response =
                            http.send(
                                HttpRequest.newBuilder(URI.create(url))
                                    .header("Content-Type", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofString(body(callId)))
                                    .build(),
                                HttpResponse.BodyHandlers.ofString());
                        if (response.statusCode() == 202) {
                          mine[++n] = System.nanoTime() - start;
                          acceptedEvents.put(eventId(response.body()), callId);
                        } else {
                          failed.incrementAndGet();
                        }
                      } catch (Exception e) {
                        failed.incrementAndGet();
                      }
                    }
                    mine[0] = n;
                  }));
    }
    for (Thread client : clients) {
      client.join();
    }
    double elapsed = (System.nanoTime() - began) / 1e9;
    long total = latencies.stream().mapToLong(l -> l[0]).sum();
    long[] all = new long[(int) total];
    int at = 0;
    for (long[] l : latencies) {
      System.arraycopy(l, 1, all, at, (int) l[0]);
      at += (int) l[0];
    }
    Arrays.sort(all);
    return new Level(
        concurrency,
        total,
        failed.get(),
        total / elapsed,
        percentile(all, 0.50),
        percentile(all, 0.99));
  }

  private static double percentile(long[] sorted, double q) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)] / 1e6;
  }

  private static String eventId(String body) {
    int at = body.indexOf("\"eventId\":\"") + 11;
    return body.substring(at, body.indexOf('"', at));
  }

  /** A Gong-shaped webhook body of about 2 KB: call data with parties and CRM context. */
  static String body(String callId) {
    return """
        {"callData":{"metaData":{"id":"%s","url":"https://app.gong.io/call?id=%s",\
        "title":"Northwind Logistics | quarterly review","scheduled":"2026-11-20T15:00:00Z",\
        "started":"2026-11-20T15:02:11Z","duration":2160,"primaryUserId":"881200345566001",\
        "direction":"Conference","system":"Zoom","scope":"External","media":"Video",\
        "language":"eng","workspaceId":"402211987766551","isPrivate":false},\
        "context":[{"system":"Salesforce","objects":[{"objectType":"Account",\
        "objectId":"0015g000004000001","fields":[{"name":"Name","value":"Northwind Logistics"},\
        {"name":"Website","value":"northwind-logistics.example"}]},{"objectType":"Opportunity",\
        "objectId":"0065g000007000001","fields":[{"name":"Name","value":"Northwind - renewal 2027"},\
        {"name":"Amount","value":84000},{"name":"StageName","value":"Negotiation"}]}]}],\
        "parties":[{"id":"3300000001","emailAddress":"dana.reyes@ourco.example",\
        "name":"Dana Reyes","title":"Account Executive","userId":"881200345566001",\
        "speakerId":"7001000000000000001","affiliation":"Internal"},{"id":"3300000002",\
        "emailAddress":"sam.okafor@northwind-logistics.example","name":"Sam Okafor",\
        "title":"Director of Operations","speakerId":"7001000000000000002",\
        "affiliation":"External"},{"id":"3300000003",\
        "emailAddress":"lee.chen@northwind-logistics.example","name":"Lee Chen",\
        "title":"Logistics Coordinator","speakerId":"7001000000000000003",\
        "affiliation":"External"}],"content":{"brief":"The customer reviewed adoption across \
        three hubs, asked about single sign-on and slow dashboards, and discussed the renewal \
        timeline with procurement.","keyPoints":[{"text":"SSO with Okta is a blocker for the \
        wider rollout"},{"text":"Dashboards are slow in the morning"},{"text":"Renewal needs \
        procurement review"}]}},"isTest":false}"""
        .formatted(callId, callId);
  }

  private static void publishConnection(String bootstrap, String connection, String key)
      throws Exception {
    try (var producer =
        new KafkaProducer<String, SpecificRecord>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ProducerConfig.ACKS_CONFIG,
                "all"),
            new StringSerializer(),
            new AvroEventSerializer())) {
      producer
          .send(
              new ProducerRecord<>(
                  Topics.CONNECTIONS,
                  connection,
                  Connection.newBuilder()
                      .setConnectionId(connection)
                      .setOrgId("bench-org")
                      .setStatus(ConnectionStatus.CONNECTED)
                      .setAuthKind(AuthKind.API_KEY)
                      .setWebhookKeyHash(WebhookKeys.hash(key))
                      .setUpdatedAt(Instant.now())
                      .build()))
          .get();
    }
  }

  private static void awaitAccepted(String url) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      int status =
          http.send(
                  HttpRequest.newBuilder(URI.create(url))
                      .header("Content-Type", "application/json")
                      .POST(
                          HttpRequest.BodyPublishers.ofString(
                              body("1").replace("\"isTest\":false", "\"isTest\":true")))
                      .build(),
                  HttpResponse.BodyHandlers.discarding())
              .statusCode();
      if (status == 200) {
        return;
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("the gateway did not learn the connection within 30 s");
  }

  /** Event ids of one connection on gong.call-events.v1, read until {@code expected} came. */
  private static Set<String> eventIds(String bootstrap, String connection, int expected) {
    Set<String> ids = new HashSet<>();
    try (var consumer =
        new KafkaConsumer<String, SpecificRecord>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG,
                "bench-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
                5000),
            new StringDeserializer(),
            new AvroEventDeserializer())) {
      consumer.subscribe(List.of(Topics.CALL_EVENTS));
      long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
      long quietSince = System.nanoTime();
      while (System.nanoTime() < deadline) {
        var records = consumer.poll(Duration.ofMillis(500));
        for (var record : records) {
          if (connection.equals(record.key()) && record.value() instanceof CallEvent event) {
            ids.add(event.getEventId());
          }
        }
        if (!records.isEmpty()) {
          quietSince = System.nanoTime();
        }
        if (ids.size() >= expected && System.nanoTime() - quietSince > 2_000_000_000L) {
          break;
        }
      }
    }
    return ids;
  }
}
