package dev.earshot.extraction.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.earshot.events.Call;
import dev.earshot.events.FeedbackItem;
import dev.earshot.events.Topics;
import dev.earshot.gong.simulator.corpus.Corpus;
import dev.earshot.gong.simulator.corpus.CorpusCall;
import dev.earshot.testing.TopicRecords;
import dev.earshot.testing.eval.CorpusCalls;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A language-model provider outage is not poison: with the OpenAI-compatible adapter against a
 * local chat-completions stub, a provider answering 503, 401 or a 400 saying the account's billing
 * limit is reached for longer than the bounded retries of an unexpected failure delays the call
 * until it recovers; its items are then published and nothing is dead-lettered. A call the provider
 * refuses for what it holds (400) is dead-lettered, and so is a call whose answer stays invalid
 * after the re-ask ({@code InvalidModelOutput}).
 */
@SpringBootTest(
    properties = {
      "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
      "earshot.extraction.model=openai",
      "earshot.extraction.openai.name=stub-llm",
      "earshot.extraction.openai.timeout=2s",
      "earshot.extraction.openai.max-retries=1",
      "earshot.extraction.openai.input-price-per-million=1.00",
      "earshot.extraction.openai.output-price-per-million=2.00",
      "earshot.extraction.concurrency=1",
      "earshot.kafka.retry.transient-initial-interval=200ms",
      "earshot.kafka.retry.transient-max-interval=1s",
      "server.port=0"
    })
@EmbeddedKafka(
    partitions = 1,
    topics = {Topics.CALLS, Topics.FEEDBACK_ITEMS, "gong.calls.v1.dlt"},
    brokerProperties = {
      "transaction.state.log.replication.factor=1",
      "transaction.state.log.min.isr=1"
    })
// Closed while its broker and database still run, not by the JVM's exit.
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class ProviderOutageIT {

  /** Listener attempts after which the old policy (3 retries, then the DLT) had given up. */
  static final int OLD_BUDGET_ATTEMPTS = 4;

  private static final JsonMapper json = JsonMapper.builder().build();
  private static final Pattern FIRST_QUOTABLE = Pattern.compile("\\n\\[(\\d+)\\] ");
  private static final AtomicInteger failingWith = new AtomicInteger();

  /** The error the stub answers while {@link #failingWith} is set; null: one echoing the digest. */
  private static final java.util.concurrent.atomic.AtomicReference<String> errorBody =
      new java.util.concurrent.atomic.AtomicReference<>();

  private static final AtomicInteger refused = new AtomicInteger();
  private static final AtomicBoolean answeringNonsense = new AtomicBoolean();
  private static final AtomicInteger nonsenseAnswers = new AtomicInteger();
  private static final HttpServer provider = chatCompletions();

  /** OpenAI's chat completions: an item quoting the digest's first customer sentence. */
  private static HttpServer chatCompletions() {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      server.createContext(
          "/v1/chat/completions",
          exchange -> {
            JsonNode body = json.readTree(exchange.getRequestBody().readAllBytes());
            String digest = body.path("messages").path(1).path("content").asString();
            int status = failingWith.get();
            byte[] reply;
            if (status != 0) {
              refused.incrementAndGet();
              String error = errorBody.get();
              reply =
                  error != null
                      ? error.getBytes(StandardCharsets.UTF_8)
                      : json.writeValueAsBytes(
                          Map.of(
                              "error",
                              Map.of("message", "cannot serve: " + digest, "type", "stub_error")));
            } else {
              status = 200;
              Matcher quotable = FIRST_QUOTABLE.matcher(digest);
              String content = quotable.find() ? items(quotable.group(1)) : "{\"items\":[]}";
              if (answeringNonsense.get()) {
                nonsenseAnswers.incrementAndGet();
                content = "not json at all";
              }
              reply =
                  json.writeValueAsBytes(
                      Map.of(
                          "choices",
                          List.of(
                              Map.of(
                                  "index",
                                  0,
                                  "finish_reason",
                                  "stop",
                                  "message",
                                  Map.of("role", "assistant", "content", content))),
                          "usage",
                          Map.of("prompt_tokens", 800, "completion_tokens", 90)));
            }
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, reply.length);
            try (OutputStream out = exchange.getResponseBody()) {
              out.write(reply);
            }
          });
      server.start();
      return server;
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String items(String quoteId) {
    return """
        {"items":[{"kind":"feature_request","title":"Bulk edit","description":"Wants to edit many at once.",\
        "sentiment":"neutral","priority":"high","feature_area":"Workflow & automation","pain_points":["Takes hours"],\
        "quote_ids":[%s],"board":"Product feedback","category":"Feature requests"}]}"""
        .formatted(quoteId);
  }

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    registry.add(
        "earshot.extraction.openai.base-url",
        () -> "http://127.0.0.1:" + provider.getAddress().getPort());
  }

  @AfterEach
  void providerBack() {
    failingWith.set(0);
    errorBody.set(null);
    answeringNonsense.set(false);
  }

  @AfterAll
  static void stopProvider() {
    provider.stop(0);
  }

  static final List<CorpusCall> corpus =
      Corpus.generate(11, 60, Instant.parse("2026-11-01T00:00:00Z")).calls().stream()
          .filter(c -> !c.isPrivate() && !c.planted().isEmpty())
          .toList();

  @Autowired KafkaTemplate<String, SpecificRecord> kafka;
  @Autowired EmbeddedKafkaBroker broker;
  @Autowired MeterRegistry meters;

  private String publish(int which) {
    String org = "org-" + UUID.randomUUID();
    Call call = CorpusCalls.toCall(corpus.get(which), org);
    kafka.executeInTransaction(k -> k.send(Topics.CALLS, call.getCallId(), call));
    return org;
  }

  private List<String> items(String org, Duration patience) {
    return TopicRecords.read(
            broker.getBrokersAsString(),
            Topics.FEEDBACK_ITEMS,
            "read_committed",
            r -> org.equals(r.key()),
            1,
            patience,
            Duration.ZERO)
        .stream()
        .map(r -> ((FeedbackItem) r.value()).getTitle())
        .toList();
  }

  private long deadLetters() {
    return TopicRecords.endOffset(broker.getBrokersAsString(), "gong.calls.v1.dlt", 0);
  }

  /** The names of the exceptions the dead letter at {@code offset} carries in its headers. */
  private List<String> deadLetterExceptions(long offset) {
    try (var consumer =
        new KafkaConsumer<>(
            Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()),
            new ByteArrayDeserializer(),
            new ByteArrayDeserializer())) {
      TopicPartition dlt = new TopicPartition("gong.calls.v1.dlt", 0);
      consumer.assign(List.of(dlt));
      consumer.seek(dlt, offset);
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (System.nanoTime() < deadline) {
        for (var r : consumer.poll(Duration.ofMillis(300))) {
          List<String> names = new ArrayList<>();
          for (Header h : r.headers()) {
            if (h.key().startsWith("kafka_dlt-exception") && h.key().endsWith("fqcn")) {
              names.add(new String(h.value(), StandardCharsets.UTF_8));
            }
          }
          return names;
        }
      }
      return List.of();
    }
  }

  private double transientFailures() {
    return meters.find("earshot.kafka.transient.failures").counters().stream()
        .mapToDouble(Counter::count)
        .sum();
  }

  private void outage(int status, int call) {
    long deadBefore = deadLetters();
    double transientBefore = transientFailures();
    failingWith.set(status);
    String org = publish(call);
    await()
        .atMost(Duration.ofSeconds(90))
        .until(() -> transientFailures() >= transientBefore + OLD_BUDGET_ATTEMPTS + 2);
    failingWith.set(0);
    assertThat(items(org, Duration.ofSeconds(60))).containsExactly("Bulk edit");
    assertThat(deadLetters()).isEqualTo(deadBefore);
  }

  @Test
  void aProviderAnswering503ForLongerThanTheRetriesDelaysTheCallAndNothingIsDeadLettered() {
    outage(503, 0);
  }

  @Test
  void aRevokedProviderKeyIsAnOutageOfConfigurationNotAPoisonCall() {
    outage(401, 1);
  }

  @Test
  void aSpendLimitReachedIsAnOutageOfTheAccountNotAPoisonCall() {
    // OpenAI's 400 when the organisation's hard billing limit is reached (Anthropic's spend-limit
    // and credit-balance 400s are classified alike: HostedEmbeddingModelTest)
    errorBody.set(
        "{\"error\":{\"message\":\"Billing hard limit has been reached\",\"type\":"
            + "\"invalid_request_error\",\"param\":null,\"code\":\"billing_hard_limit_reached\"}}");
    outage(400, 6);
  }

  @Test
  void aCallTheProviderRefusesForWhatItHoldsIsDeadLetteredAtOnceAndTheNextCallFlows() {
    long deadBefore = deadLetters();
    refused.set(0);
    failingWith.set(400);
    String refusedOrg = publish(2);
    await().atMost(Duration.ofSeconds(60)).until(() -> deadLetters() == deadBefore + 1);
    failingWith.set(0);
    String next = publish(3);
    assertThat(items(next, Duration.ofSeconds(60))).containsExactly("Bulk edit");
    assertThat(items(refusedOrg, Duration.ofSeconds(2))).isEmpty();
    assertThat(refused.get()).isEqualTo(1);
  }

  private double tokens(String type) {
    return meters.find("earshot.extraction.model.tokens").tag("type", type).counters().stream()
        .mapToDouble(Counter::count)
        .sum();
  }

  private double cost() {
    return meters.find("earshot.extraction.model.cost.usd").counters().stream()
        .mapToDouble(Counter::count)
        .sum();
  }

  @Test
  void aCallWhoseAnswerStaysInvalidAfterTheReAskIsDeadLetteredAtOnceAndTheNextCallFlows() {
    long deadBefore = deadLetters();
    nonsenseAnswers.set(0);
    double inputBefore = tokens("input");
    double outputBefore = tokens("output");
    double costBefore = cost();
    answeringNonsense.set(true);
    String invalidOrg = publish(4);
    await().atMost(Duration.ofSeconds(60)).until(() -> deadLetters() == deadBefore + 1);
    // both unusable answers were billed (the stub bills 800 prompt and 90 completion tokens each),
    // so they are metered though the call is dead-lettered: once each, the call is not asked again
    assertThat(tokens("input") - inputBefore).isEqualTo(2 * 800.0);
    assertThat(tokens("output") - outputBefore).isEqualTo(2 * 90.0);
    assertThat(cost() - costBefore)
        .isCloseTo(
            (2 * 800 * 1.00 + 2 * 90 * 2.00) / 1e6, org.assertj.core.data.Offset.offset(1e-9));
    answeringNonsense.set(false);
    String next = publish(5);
    assertThat(items(next, Duration.ofSeconds(60))).containsExactly("Bulk edit");
    assertThat(items(invalidOrg, Duration.ofSeconds(2))).isEmpty();
    assertThat(nonsenseAnswers.get()).isEqualTo(2);
    assertThat(deadLetterExceptions(deadBefore))
        .contains("dev.earshot.extraction.model.llm.InvalidModelOutput");
  }
}
