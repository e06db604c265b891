package dev.earshot.dedup.post;

import static dev.earshot.dedup.DedupTestSupport.SSO;
import static dev.earshot.dedup.DedupTestSupport.SSO_AGAIN;
import static dev.earshot.dedup.DedupTestSupport.SSO_AGAIN_TEXT;
import static dev.earshot.dedup.DedupTestSupport.SSO_TEXT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.earshot.dedup.DedupTestSupport;
import dev.earshot.dedup.DedupTestSupport.ItemSpec;
import dev.earshot.dedup.EmbeddedPostgresExtension;
import dev.earshot.dedup.board.Consolidation;
import dev.earshot.dedup.vector.FakeQdrant;
import dev.earshot.dedup.vector.QdrantVectorIndex;
import dev.earshot.dedup.vector.VectorIndex;
import dev.earshot.embeddings.EmbeddingModel;
import dev.earshot.events.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Qdrant is a copy of PostgreSQL: a collection lost with its volume (or dropped) is rebuilt from
 * the posts, at start and by the reconciler, and items then find their posts again. Against the
 * in-process Qdrant gRPC server the contract test uses.
 */
@ExtendWith(EmbeddedPostgresExtension.class)
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.NONE,
    properties = {
      "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
      "spring.kafka.listener.auto-startup=false",
      "earshot.security.local-issuer=true",
      "earshot.dedup.index.kind=qdrant",
      "earshot.dedup.reconcile-interval=300ms"
    })
@EmbeddedKafka(
    partitions = 1,
    topics = {Topics.FEEDBACK_ITEMS, Topics.POSTS})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class QdrantRebuildIT {

  static final FakeQdrant qdrant = newQdrant();

  private static FakeQdrant newQdrant() {
    try {
      return new FakeQdrant();
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @TestConfiguration
  static class InProcessQdrant {
    @Bean(destroyMethod = "close")
    @Primary
    VectorIndex inProcessQdrantIndex(EmbeddingModel model) {
      return new QdrantVectorIndex(
          qdrant.client(), model.name(), model.dimension(), Duration.ofSeconds(5));
    }
  }

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    DedupTestSupport.register(
        registry, EmbeddedPostgresExtension.server(), DedupTestSupport.indexDirectory());
  }

  @Autowired ConsolidatingFeedback consolidating;
  @Autowired KeepingIndexInStep keeping;
  @Autowired VectorIndex index;
  @Autowired JdbcClient jdbc;
  @Autowired MeterRegistry meters;

  private String collection() {
    return ((QdrantVectorIndex) index).collection();
  }

  private Map<String, ?> points() {
    Map<String, ?> points = qdrant.points.get(collection());
    return points == null ? Map.of() : points;
  }

  private boolean indexed(UUID post) {
    return jdbc.sql("select indexed_at is not null from post where id = :id")
        .param("id", post)
        .query(Boolean.class)
        .single();
  }

  @Test
  void aCollectionLostWhileRunningIsRebuiltByTheReconcilerAndItemsFindTheirPostsAgain() {
    // given a post in Qdrant
    String org = "org-" + UUID.randomUUID();
    UUID post = consolidating.consolidate(ItemSpec.of(org, SSO, SSO_TEXT).build()).postId();
    assertThat(points()).containsKey(post.toString());
    double rebuiltBefore = meters.counter("earshot.dedup.index.rebuilt").count();
    // when Qdrant loses the collection
    qdrant.lose(collection());
    // then the reconciler recreates it and puts the post back
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> points().containsKey(post.toString()) && indexed(post));
    assertThat(meters.counter("earshot.dedup.index.rebuilt").count()).isGreaterThan(rebuiltBefore);
    // and the next phrasing of the request joins it instead of starting a duplicate
    var again = consolidating.consolidate(ItemSpec.of(org, SSO_AGAIN, SSO_AGAIN_TEXT).build());
    assertThat(again).isInstanceOf(Consolidation.Joined.class);
    assertThat(again.postId()).isEqualTo(post);
  }

  @Test
  void aCollectionLostWhileTheServiceWasDownIsRebuiltAtStart() {
    // given posts marked indexed, and a Qdrant that lost its volume meanwhile
    String org = "org-" + UUID.randomUUID();
    UUID post = consolidating.consolidate(ItemSpec.of(org, SSO, SSO_TEXT).build()).postId();
    qdrant.lose(collection());
    // when the service starts (its start hook, which runs before consuming)
    keeping.afterSingletonsInstantiated();
    // then the collection holds the post again, before any item is consumed
    assertThat(points()).containsKey(post.toString());
    assertThat(indexed(post)).isTrue();
  }

  @Test
  void pointsMissingFromAnExistingCollectionAreIndexedAgain() {
    // given a post whose point is gone while the collection stayed (restored from an old snapshot)
    String org = "org-" + UUID.randomUUID();
    UUID post = consolidating.consolidate(ItemSpec.of(org, SSO, SSO_TEXT).build()).postId();
    qdrant.points.get(collection()).remove(post.toString());
    // then the reconciler sees fewer vectors than indexed posts and re-indexes
    await().atMost(Duration.ofSeconds(30)).until(() -> points().containsKey(post.toString()));
  }
}
