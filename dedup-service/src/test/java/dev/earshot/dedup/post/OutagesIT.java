package dev.earshot.dedup.post;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doAnswer;

import dev.earshot.dedup.DedupTestSupport;
import dev.earshot.dedup.DedupTestSupport.ItemSpec;
import dev.earshot.dedup.EmbeddedPostgresExtension;
import dev.earshot.dedup.vector.VectorIndex;
import dev.earshot.dedup.vector.VectorIndexUnavailable;
import dev.earshot.events.FeedbackItem;
import dev.earshot.events.Topics;
import dev.earshot.testing.TopicRecords;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

/**
 * Outages are not poison: with a hosted embedding model (a local OpenAI-compatible stub), an
 * embedding provider that answers 503 or 401, a vector index or a database that is away — each for
 * longer than the bounded retries of an unexpected failure — delays the item until it recovers; the
 * item then lands on the board and nothing is dead-lettered. A request the provider refuses for
 * what it holds (400) is dead-lettered at once, and the items after it flow.
 */
@ExtendWith(EmbeddedPostgresExtension.class)
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.NONE,
    properties = {
      "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
      "earshot.security.local-issuer=true",
      "earshot.dedup.embedding.model=openai",
      "earshot.dedup.embedding.openai.name=stub-embed",
      "earshot.dedup.embedding.openai.dimension=8",
      "earshot.dedup.embedding.openai.timeout=2s",
      "earshot.dedup.embedding.openai.max-retries=1",
      "earshot.dedup.thresholds.stub-embed=0.95",
      "earshot.dedup.concurrency=1",
      "earshot.kafka.retry.transient-initial-interval=200ms",
      "earshot.kafka.retry.transient-max-interval=1s"
    })
@EmbeddedKafka(
    partitions = 1,
    topics = {Topics.FEEDBACK_ITEMS, Topics.POSTS, "feedback.items.v1.dlt"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class OutagesIT {

  static final Path index = DedupTestSupport.indexDirectory();
  static final EmbeddingStub provider = newStub();

  /**
   * Failed attempts of one record beyond which the old policy (3 retries, then the DLT) had given
   * up: the outage lasts longer than that.
   */
  static final int OLD_BUDGET_ATTEMPTS = 4;

  private static EmbeddingStub newStub() {
    try {
      return new EmbeddingStub();
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @AfterEach
  void providerBack() {
    provider.recover();
  }

  @AfterAll
  static void stopStub() {
    provider.close();
  }

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    DedupTestSupport.register(registry, EmbeddedPostgresExtension.server(), index);
    registry.add("earshot.dedup.embedding.openai.base-url", provider::baseUrl);
  }

  @Autowired KafkaTemplate<String, SpecificRecord> kafka;
  @Autowired EmbeddedKafkaBroker broker;
  @Autowired JdbcClient jdbc;
  @Autowired MeterRegistry meters;
  @Autowired ConsumerFactory<?, ?> consumers;
  @MockitoSpyBean VectorIndex vectors;
  @MockitoSpyBean ConsolidationRepository posts;

  private String send() {
    String org = "org-" + UUID.randomUUID();
    FeedbackItem item = ItemSpec.of(org, DedupTestSupport.SSO, DedupTestSupport.SSO_TEXT).build();
    kafka.send(Topics.FEEDBACK_ITEMS, org, item).join();
    return org;
  }

  private long postsOf(String org) {
    return jdbc.sql("select count(*) from post where org_id = :org")
        .param("org", org)
        .query(Long.class)
        .single();
  }

  private double transientFailures() {
    return meters.find("earshot.kafka.transient.failures").counters().stream()
        .mapToDouble(Counter::count)
        .sum();
  }

  private long deadLetters() {
    return TopicRecords.endOffset(broker.getBrokersAsString(), "feedback.items.v1.dlt", 0);
  }

  /** The {@code kafka_dlt-exception-message} header of the org's dead letter. */
  private String deadLetterReason(String org) {
    var deadLetter =
        TopicRecords.firstRaw(
                broker.getBrokersAsString(), "feedback.items.v1.dlt", org, Duration.ofSeconds(20))
            .orElseThrow(() -> new AssertionError("no dead letter for " + org));
    return new String(
        deadLetter.headers().lastHeader("kafka_dlt-exception-message").value(),
        java.nio.charset.StandardCharsets.UTF_8);
  }

  /** The provider fails with {@code status} for longer than the old budget, then recovers. */
  private void providerOutage(int status) {
    long deadBefore = deadLetters();
    double transientBefore = transientFailures();
    provider.failWith(status);
    String org = send();
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> transientFailures() >= transientBefore + OLD_BUDGET_ATTEMPTS + 2);
    assertThat(postsOf(org)).isZero();
    provider.recover();
    await().atMost(Duration.ofSeconds(30)).until(() -> postsOf(org) == 1);
    assertThat(deadLetters()).isEqualTo(deadBefore);
  }

  @Test
  void
      anEmbeddingProviderAnswering503ForLongerThanTheRetriesDelaysTheItemAndNothingIsDeadLettered() {
    providerOutage(503);
  }

  @Test
  void aRevokedProviderKeyIsAnOutageOfConfigurationNotAPoisonItem() {
    providerOutage(401);
  }

  @Test
  void aRequestTheProviderRefusesForWhatItHoldsIsDeadLetteredAtOnceAndTheNextItemFlows() {
    long deadBefore = deadLetters();
    provider.failWith(400);
    String refused = send();
    await().atMost(Duration.ofSeconds(30)).until(() -> deadLetters() == deadBefore + 1);
    provider.recover();
    String next = send();
    await().atMost(Duration.ofSeconds(30)).until(() -> postsOf(next) == 1);
    assertThat(postsOf(refused)).isZero();
    assertThat(provider.failed()).isEqualTo(1);
    // and the dead letter says why without repeating the provider's text (which echoed the item)
    assertThat(deadLetterReason(refused))
        .contains("HTTP 400", "request refused for what it holds")
        .doesNotContain("cannot embed", "Okta");
  }

  @Test
  void aVectorIndexThatIsAwayDelaysTheItemAndNothingIsDeadLettered() {
    long deadBefore = deadLetters();
    AtomicInteger away = new AtomicInteger(OLD_BUDGET_ATTEMPTS + 2);
    doAnswer(
            call -> {
              if (away.getAndDecrement() > 0) {
                throw new VectorIndexUnavailable("Qdrant call failed: UNAVAILABLE", null);
              }
              return call.callRealMethod();
            })
        .when(vectors)
        .nearest(any(), any(), anyInt());
    String org = send();
    await().atMost(Duration.ofSeconds(60)).until(() -> postsOf(org) == 1);
    assertThat(away.get()).isNegative();
    assertThat(deadLetters()).isEqualTo(deadBefore);
  }

  @Test
  void aDatabaseThatIsAwayDelaysTheItemAndNothingIsDeadLettered() {
    long deadBefore = deadLetters();
    String org = "org-" + UUID.randomUUID();
    AtomicInteger away = new AtomicInteger(OLD_BUDGET_ATTEMPTS + 2);
    doAnswer(
            call -> {
              if (away.getAndDecrement() > 0) {
                // what HikariCP and Spring JDBC throw while PostgreSQL is down
                throw new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection");
              }
              return call.callRealMethod();
            })
        .when(posts)
        .postOfItem(eq(org), any());
    FeedbackItem item = ItemSpec.of(org, DedupTestSupport.SSO, DedupTestSupport.SSO_TEXT).build();
    kafka.send(Topics.FEEDBACK_ITEMS, org, item).join();
    await().atMost(Duration.ofSeconds(60)).until(() -> postsOf(org) == 1);
    assertThat(away.get()).isNegative();
    assertThat(deadLetters()).isEqualTo(deadBefore);
  }

  @Test
  void aHostedModelTakesFewItemsPerPoll() {
    // 2 attempts × (10 s connect + 2 s answer) + 1 wait of at most 10 s, 3 index calls of 1 s and
    // 2 s of PostgreSQL: 39 s per item, 15 of them in the 600 s poll interval
    assertThat(consumers.getConfigurationProperties().get("max.poll.records")).isEqualTo(15);
  }
}
