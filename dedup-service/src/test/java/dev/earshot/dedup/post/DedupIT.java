package dev.earshot.dedup.post;

import static dev.earshot.dedup.DedupTestSupport.EXPORT;
import static dev.earshot.dedup.DedupTestSupport.EXPORT_TEXT;
import static dev.earshot.dedup.DedupTestSupport.SSO;
import static dev.earshot.dedup.DedupTestSupport.SSO_AGAIN;
import static dev.earshot.dedup.DedupTestSupport.SSO_AGAIN_TEXT;
import static dev.earshot.dedup.DedupTestSupport.SSO_TEXT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doThrow;

import dev.earshot.dedup.DedupTestSupport;
import dev.earshot.dedup.DedupTestSupport.ItemSpec;
import dev.earshot.dedup.EmbeddedPostgresExtension;
import dev.earshot.dedup.board.Consolidation;
import dev.earshot.dedup.vector.VectorIndex;
import dev.earshot.dedup.vector.VectorIndexUnavailable;
import dev.earshot.events.FeedbackItem;
import dev.earshot.events.PostEvent;
import dev.earshot.events.PostEventType;
import dev.earshot.events.Priority;
import dev.earshot.events.Topics;
import dev.earshot.testing.TopicRecords;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
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

/**
 * Items to posts end to end: the real service, an in-JVM KRaft broker, real PostgreSQL, the
 * embedded Lucene index and the offline MiniLM model.
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
    topics = {Topics.FEEDBACK_ITEMS, Topics.POSTS, "feedback.items.v1.dlt"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class DedupIT {

  static final Path index = DedupTestSupport.indexDirectory();

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    DedupTestSupport.register(registry, EmbeddedPostgresExtension.server(), index);
  }

  @Autowired KafkaTemplate<String, SpecificRecord> kafka;
  @Autowired EmbeddedKafkaBroker broker;
  @Autowired JdbcClient jdbc;
  @Autowired ConsolidatingFeedback consolidating;
  @Autowired EditingPost editing;
  @Autowired IndexedPosts indexed;
  @Autowired PostRepository repository;
  @MockitoSpyBean VectorIndex vectors;

  private static String org() {
    return "org-" + UUID.randomUUID();
  }

  private void send(FeedbackItem item) {
    kafka.send(Topics.FEEDBACK_ITEMS, item.getOrgId(), item).join();
  }

  private long mentions(String org) {
    return jdbc.sql("select count(*) from mention where org_id = :org")
        .param("org", org)
        .query(Long.class)
        .single();
  }

  private List<UUID> posts(String org) {
    return jdbc.sql(
            "select id from post where org_id = :org and merged_into is null order by created_at")
        .param("org", org)
        .query(UUID.class)
        .list();
  }

  private List<PostEvent> events(UUID post, int atLeast) {
    return DedupTestSupport.eventsOf(broker.getBrokersAsString(), atLeast, post);
  }

  @Test
  void consolidatesAnItemAboveTheThresholdIntoTheExistingPost() {
    // given
    String org = org();
    // when two phrasings of one request arrive on the topic
    send(ItemSpec.of(org, SSO, SSO_TEXT).build());
    send(ItemSpec.of(org, SSO_AGAIN, SSO_AGAIN_TEXT).build());
    // then they are one post with two mentions
    await().atMost(Duration.ofSeconds(30)).until(() -> mentions(org) == 2);
    assertThat(posts(org)).hasSize(1);
    UUID post = posts(org).getFirst();
    // and the post's events follow in order, keyed by the post
    List<PostEvent> events = events(post, 2);
    assertThat(events)
        .extracting(PostEvent::getType)
        .containsExactly(PostEventType.CREATED, PostEventType.MENTION_ADDED);
    assertThat(events.getLast().getMentionCount()).isEqualTo(2);
    assertThat(events.getLast().getTitle()).isEqualTo(SSO);
    assertThat(events.getLast().getTags()).contains("source: gong", "source_type: integration");
    assertThat(events.getLast().getMention().getCallUrl())
        .startsWith("https://app.gong.io/call?id=");
  }

  @Test
  void aRecordThatIsNoItemGoesToTheDeadLetterTopic() {
    // given a post event published on the items topic by mistake
    String org = org();
    var stray =
        dev.earshot.dedup.outbox.PostEvents.of(
            PostEventType.CREATED,
            new dev.earshot.dedup.board.Post(
                UUID.randomUUID(),
                org,
                "Product",
                null,
                "BUG",
                "t",
                "d",
                List.of(),
                dev.earshot.dedup.board.PostStatus.OPEN,
                1,
                java.time.Instant.EPOCH,
                java.time.Instant.EPOCH,
                "LOW",
                new dev.earshot.dedup.board.Post.SentimentCounts(0, 0, 0),
                BigDecimal.ZERO,
                null,
                java.time.Instant.EPOCH,
                java.time.Instant.EPOCH),
            null,
            null,
            java.time.Instant.EPOCH);
    kafka.send(Topics.FEEDBACK_ITEMS, org, stray).join();
    // then it is dead-lettered, and the board is untouched
    var deadLetter =
        TopicRecords.firstRaw(
            broker.getBrokersAsString(), "feedback.items.v1.dlt", org, Duration.ofSeconds(30));
    assertThat(deadLetter).isPresent();
    assertThat(deadLetter.get().headers().lastHeader("kafka_dlt-exception-message")).isNotNull();
    assertThat(posts(org)).isEmpty();
  }

  @Test
  void aPostWhoseIndexUpsertFailedAfterCommitIsIndexedWhenTheItemIsRetried() {
    // given the index refuses the next upsert, after the post has committed
    String org = org();
    doThrow(new VectorIndexUnavailable("index down", null))
        .doCallRealMethod()
        .when(vectors)
        .upsert(anyList());
    // when the item arrives, fails, and is redelivered by the listener's retry
    send(ItemSpec.of(org, SSO, SSO_TEXT).build());
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                jdbc.sql("select count(*) from post where org_id = :org and indexed_at is not null")
                        .param("org", org)
                        .query(Long.class)
                        .single()
                    == 1);
    // then the post is on the board once and the index finds it for the next mention
    assertThat(posts(org)).hasSize(1);
    assertThat(mentions(org)).isEqualTo(1);
    var next = consolidating.consolidate(ItemSpec.of(org, SSO_AGAIN, SSO_AGAIN_TEXT).build());
    assertThat(next).isInstanceOf(Consolidation.Joined.class);
  }

  private String titleOf(UUID post) {
    return jdbc.sql("select title from post where id = :id")
        .param("id", post)
        .query(String.class)
        .single();
  }

  @Test
  void aPostsTitleIsTheClearestOfItsMentionsTitlesChosenAgainAsMentionsArrive() {
    // given a post started by an item with a cut-off title
    String org = org();
    UUID post =
        consolidating
            .consolidate(ItemSpec.of(org, "Because we use Okta for", SSO_TEXT).build())
            .postId();
    assertThat(titleOf(post)).isEqualTo("Because we use Okta for");
    // when an item of the same request arrives with a readable title
    Consolidation joined = consolidating.consolidate(ItemSpec.of(org, SSO, SSO_TEXT).build());
    // then it joins and its title becomes the post's
    assertThat(joined).isInstanceOf(Consolidation.Joined.class);
    assertThat(titleOf(post)).isEqualTo(SSO);
  }

  @Test
  void aTitleAPersonEditedStaysWhateverMentionsArrive() {
    // given a post whose title an admin edited
    String org = org();
    UUID post =
        consolidating
            .consolidate(ItemSpec.of(org, "Because we use Okta for", SSO_TEXT).build())
            .postId();
    editing.edit(org, post, new EditingPost.Changes("Okta login for us", null, null), "admin");
    // when a mention with a clearer title arrives
    Consolidation joined = consolidating.consolidate(ItemSpec.of(org, SSO, SSO_TEXT).build());
    // then the admin's title stays
    assertThat(joined).isInstanceOf(Consolidation.Joined.class);
    assertThat(titleOf(post)).isEqualTo("Okta login for us");
  }

  @Test
  void startsANewPostForAnItemBelowTheThreshold() {
    String org = org();
    var first = consolidating.consolidate(ItemSpec.of(org, SSO, SSO_TEXT).build());
    var second = consolidating.consolidate(ItemSpec.of(org, EXPORT, EXPORT_TEXT).build());
    assertThat(first).isInstanceOf(Consolidation.NewPost.class);
    assertThat(second).isInstanceOf(Consolidation.NewPost.class);
    assertThat(((Consolidation.NewPost) second).bestScore()).isLessThan(0.45);
    assertThat(posts(org)).hasSize(2);
  }

  @Test
  void neverMatchesAPostOfAnotherOrg() {
    String a = org();
    String b = org();
    var inA = consolidating.consolidate(ItemSpec.of(a, SSO, SSO_TEXT).build());
    var inB = consolidating.consolidate(ItemSpec.of(b, SSO, SSO_TEXT).build());
    assertThat(inB).isInstanceOf(Consolidation.NewPost.class);
    assertThat(inB.postId()).isNotEqualTo(inA.postId());
    var againInA = consolidating.consolidate(ItemSpec.of(a, SSO_AGAIN, SSO_AGAIN_TEXT).build());
    assertThat(againInA).isInstanceOf(Consolidation.Joined.class);
    assertThat(againInA.postId()).isEqualTo(inA.postId());
  }

  @Test
  void aRedeliveredItemAddsNothing() {
    // given an item delivered twice, on the topic and directly
    String org = org();
    FeedbackItem item = ItemSpec.of(org, SSO, SSO_TEXT).build();
    send(item);
    send(item);
    await().atMost(Duration.ofSeconds(30)).until(() -> mentions(org) == 1);
    var again = consolidating.consolidate(item);
    // then one post, one mention, one event
    assertThat(again).isInstanceOf(Consolidation.AlreadyOnBoard.class);
    assertThat(posts(org)).containsExactly(again.postId());
    assertThat(mentions(org)).isEqualTo(1);
    assertThat(events(again.postId(), 1)).hasSize(1);
  }

  @Test
  void aPostSumsTheLargestDealOfEachDistinctAccountAndKeepsTheHighestPriority() {
    String org = org();
    UUID post =
        consolidating
            .consolidate(ItemSpec.of(org, SSO, SSO_TEXT).account("acc-1", "100000").build())
            .postId();
    consolidating.consolidate(
        ItemSpec.of(org, SSO, SSO_TEXT)
            .account("acc-1", "150000")
            .priority(Priority.URGENT)
            .build());
    consolidating.consolidate(ItemSpec.of(org, SSO, SSO_TEXT).account("acc-2", "50000").build());
    consolidating.consolidate(ItemSpec.of(org, SSO, SSO_TEXT).build());
    var row =
        jdbc.sql(
                "select mention_count, deal_amount, highest_priority, negative from post where id = :id")
            .param("id", post)
            .query(
                (rs, n) ->
                    List.of(rs.getInt(1), rs.getBigDecimal(2), rs.getString(3), rs.getInt(4)))
            .single();
    assertThat(row.get(0)).isEqualTo(4);
    assertThat((BigDecimal) row.get(1)).isEqualByComparingTo("200000");
    assertThat(row.get(2)).isEqualTo("URGENT");
    assertThat(row.get(3)).isEqualTo(4);
  }

  @Test
  void aStaleVectorTheReconcilerWritesAfterAConsumerIsWrittenAgainWithTheCurrentOne() {
    // given a post whose first upsert failed, so the reconciler will index it
    String org = org();
    UUID post = consolidating.consolidate(ItemSpec.of(org, SSO, SSO_TEXT).build()).postId();
    jdbc.sql("update post set indexed_at = null where id = :id").param("id", post).update();
    // and an item joining it while the reconciler is between reading the post and writing it
    doAnswer(
            reconcilerUpsert -> {
              consolidating.consolidate(ItemSpec.of(org, SSO_AGAIN, SSO_AGAIN_TEXT).build());
              return reconcilerUpsert.callRealMethod();
            })
        .doCallRealMethod()
        .when(vectors)
        .upsert(anyList());
    // when the reconciler runs, and runs again
    indexed.reconcile(500);
    indexed.reconcile(500);
    // then the index holds the post's current vector (two mentions), not the one it read
    float[] current = repository.vectorOf(post).centroid();
    assertThat(repository.vectorOf(post).mentions()).isEqualTo(2);
    var found = vectors.nearest(org, current, 1);
    assertThat(found).extracting(VectorIndex.Neighbour::id).containsExactly(post);
    assertThat(found.getFirst().score()).isCloseTo(1.0, within(1e-5));
  }
}
