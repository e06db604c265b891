package dev.earshot.dedup.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doCallRealMethod;
import static org.mockito.Mockito.doReturn;

import dev.earshot.dedup.DedupTestSupport;
import dev.earshot.dedup.DedupTestSupport.ItemSpec;
import dev.earshot.dedup.EmbeddedPostgresExtension;
import dev.earshot.dedup.board.Post;
import dev.earshot.dedup.board.PostStatus;
import dev.earshot.events.PostEvent;
import dev.earshot.events.PostEventType;
import dev.earshot.events.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The outbox on a real broker and PostgreSQL: an event Kafka can never take is set aside with its
 * reason, and neither it nor a transient failure stops the events of other posts and orgs.
 */
@ExtendWith(EmbeddedPostgresExtension.class)
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.NONE,
    properties = {
      "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
      "earshot.security.local-issuer=true",
      "earshot.dedup.outbox.interval=100ms"
    })
@EmbeddedKafka(
    partitions = 2,
    topics = {Topics.FEEDBACK_ITEMS, Topics.POSTS})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class OutboxIT {

  static final Path index = DedupTestSupport.indexDirectory();

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    DedupTestSupport.register(registry, EmbeddedPostgresExtension.server(), index);
  }

  @Autowired Outbox outbox;
  @Autowired OutboxPublisher publisher;
  @Autowired TransactionTemplate transactions;
  @Autowired JdbcClient jdbc;
  @Autowired EmbeddedKafkaBroker broker;
  @Autowired MeterRegistry meters;

  @MockitoSpyBean KafkaTemplate<?, ?> template;

  /**
   * The service's template (Spring Boot's, declared with wildcards), typed as the outbox uses it.
   */
  @SuppressWarnings("unchecked")
  private KafkaTemplate<String, SpecificRecord> kafka() {
    return (KafkaTemplate<String, SpecificRecord>) template;
  }

  private static PostEvent event(UUID post, String org, String description) {
    Instant now = Instant.now();
    return PostEvents.of(
        PostEventType.UPDATED,
        new Post(
            post,
            org,
            "Product",
            null,
            "FEATURE_REQUEST",
            "A post",
            description,
            List.of("source: gong"),
            PostStatus.OPEN,
            1,
            now,
            now,
            "LOW",
            new Post.SentimentCounts(0, 1, 0),
            BigDecimal.ZERO,
            null,
            now,
            now),
        null,
        null,
        now);
  }

  private List<PostEvent> events(int atLeast, UUID post) {
    return DedupTestSupport.eventsOf(broker.getBrokersAsString(), atLeast, post);
  }

  private List<Map<String, Object>> setAside(UUID post) {
    return jdbc.sql(
            "select set_aside_reason, published_at from outbox where post_id = :post"
                + " and set_aside_at is not null")
        .param("post", post)
        .query()
        .listOfRows();
  }

  @Test
  void anEventKafkaCanNeverTakeIsSetAsideAndTheEventsAfterItArePublished() {
    // given, in this order: an event larger than max.request.size (4 MB) for post A, bytes that no
    // longer decode for post B, then a valid event of A
    String org = "org-" + UUID.randomUUID();
    UUID a = UUID.randomUUID();
    UUID b = UUID.randomUUID();
    double setAsideBefore = meters.counter("earshot.dedup.outbox.set_aside").count();
    transactions.executeWithoutResult(
        status -> {
          outbox.append(event(a, org, "d".repeat(5 * 1024 * 1024)), Instant.now());
          jdbc.sql("insert into outbox (post_id, event, created_at) values (:post, :event, :now)")
              .param("post", b)
              .param("event", "not an avro event".getBytes())
              .param("now", Timestamp.from(Instant.now()))
              .update();
          outbox.append(event(a, org, "fits"), Instant.now());
        });
    // and, after them, another org's item put on the board through the topic
    String other = "org-" + UUID.randomUUID();
    kafka()
        .send(
            Topics.FEEDBACK_ITEMS,
            other,
            ItemSpec.of(other, DedupTestSupport.SSO, DedupTestSupport.SSO_TEXT).build())
        .join();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                jdbc.sql("select count(*) from post where org_id = :org")
                        .param("org", other)
                        .query(Long.class)
                        .single()
                    == 1);
    UUID c =
        jdbc.sql("select id from post where org_id = :org")
            .param("org", other)
            .query(UUID.class)
            .single();

    // then the later events of A and of the other org's post are published
    List<PostEvent> ofA = events(1, a);
    assertThat(ofA).extracting(PostEvent::getDescription).containsExactly("fits");
    assertThat(events(1, c)).extracting(PostEvent::getType).containsExactly(PostEventType.CREATED);
    // and the two that can never be published are set aside with their reason, and counted
    await().atMost(Duration.ofSeconds(10)).until(() -> publisher.pending() == 0);
    assertThat(setAside(a))
        .singleElement()
        .satisfies(
            row -> {
              assertThat((String) row.get("set_aside_reason"))
                  .startsWith("RecordTooLargeException");
              assertThat(row.get("published_at")).isNull();
            });
    assertThat(setAside(b))
        .singleElement()
        .satisfies(
            row ->
                assertThat((String) row.get("set_aside_reason"))
                    .startsWith("SerializationException"));
    assertThat(meters.counter("earshot.dedup.outbox.set_aside").count())
        .isEqualTo(setAsideBefore + 2);
  }

  @Test
  void anEventKafkaFailsToTakeForAWhileIsRetriedNotSetAside() {
    // given Kafka times out on the first attempt of post D's first event
    String org = "org-" + UUID.randomUUID();
    UUID d = UUID.randomUUID();
    doReturn(
            CompletableFuture.failedFuture(
                new org.apache.kafka.common.errors.TimeoutException("broker away")))
        .doCallRealMethod()
        .when(kafka())
        .send(eq(Topics.POSTS), eq(d.toString()), any());
    // when D's two events are written
    transactions.executeWithoutResult(
        status -> {
          outbox.append(event(d, org, "first"), Instant.now());
          outbox.append(event(d, org, "second"), Instant.now());
        });
    // then both are published, the last one on the topic is the latest, and nothing is set aside
    await().atMost(Duration.ofSeconds(30)).until(() -> publisher.pending() == 0);
    List<PostEvent> ofD = events(2, d);
    assertThat(ofD).extracting(PostEvent::getDescription).contains("first", "second");
    assertThat(ofD.getLast().getDescription()).isEqualTo("second");
    assertThat(setAside(d)).isEmpty();
    doCallRealMethod().when(kafka()).send(any(String.class), any(String.class), any());
  }

  @Test
  void aPostsEventKafkaFailsIsNotOvertakenByItsNextOneSoConsumersDroppingRepeatsEndOnTheLatest() {
    // given Kafka fails the first attempt of post E's first event (a delivery timeout, a metadata
    // wait that ran out), while its second event is written in the same batch
    String org = "org-" + UUID.randomUUID();
    UUID e = UUID.randomUUID();
    doReturn(
            CompletableFuture.failedFuture(
                new org.apache.kafka.common.errors.TimeoutException("broker away")))
        .doCallRealMethod()
        .when(kafka())
        .send(eq(Topics.POSTS), eq(e.toString()), any());
    transactions.executeWithoutResult(
        status -> {
          outbox.append(event(e, org, "first"), Instant.now());
          outbox.append(event(e, org, "second"), Instant.now());
        });
    // when the outbox is published
    await().atMost(Duration.ofSeconds(30)).until(() -> publisher.pending() == 0);
    doCallRealMethod().when(kafka()).send(any(String.class), any(String.class), any());
    // then the second event went out only after the first (never before it), so a consumer that
    // drops events whose eventId it has seen, as the topic's contract says, ends on the latest
    List<PostEvent> ofE = events(2, e);
    Set<String> seen = new HashSet<>();
    assertThat(ofE.stream().filter(ev -> seen.add(ev.getEventId())).map(PostEvent::getDescription))
        .containsExactly("first", "second");
    assertThat(ofE).extracting(PostEvent::getDescription).containsExactly("first", "second");
  }
}
