package dev.earshot.dedup.vector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qdrant.client.grpc.Collections;
import io.qdrant.client.grpc.Points;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What the Qdrant adapter sends, checked on every build against the gRPC services of the Qdrant
 * client served in process ({@link FakeQdrant}); {@code QdrantContainerIT} runs the same flow
 * against a real Qdrant where Docker exists.
 */
class QdrantVectorIndexContractTest {

  private final FakeQdrant qdrant = newQdrant();
  private final QdrantVectorIndex index =
      new QdrantVectorIndex(qdrant.client(), "all-MiniLM-L6-v2", 3, Duration.ofSeconds(5));

  private static FakeQdrant newQdrant() {
    try {
      return new FakeQdrant();
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @AfterEach
  void stop() {
    index.close();
    qdrant.close();
  }

  @Test
  void createsOneCollectionPerModelAndDimensionWithATenantIndexOnOrgOnce() {
    // when
    index.ensureCollection();
    index.ensureCollection();
    // then
    assertThat(index.collection()).isEqualTo("earshot_posts_all_minilm_l6_v2_3");
    var created = qdrant.requestsOf(Collections.CreateCollection.class);
    assertThat(created).hasSize(1);
    var params = created.getFirst().getVectorsConfig().getParams();
    assertThat(params.getSize()).isEqualTo(3);
    assertThat(params.getDistance()).isEqualTo(Collections.Distance.Cosine);
    var fieldIndex = qdrant.requestsOf(Points.CreateFieldIndexCollection.class);
    assertThat(fieldIndex).hasSize(1);
    assertThat(fieldIndex.getFirst().getFieldName()).isEqualTo("org_id");
    assertThat(fieldIndex.getFirst().getFieldType()).isEqualTo(Points.FieldType.FieldTypeKeyword);
    assertThat(fieldIndex.getFirst().getFieldIndexParams().getKeywordIndexParams().getIsTenant())
        .isTrue();
    assertThat(fieldIndex.getFirst().getWait()).isTrue();
  }

  @Test
  void upsertsArePointsKeyedByPostIdWithTheOrgAndWaitForQdrant() {
    index.ensureCollection();
    UUID post = UUID.randomUUID();
    // when the same post is upserted twice
    index.upsert(List.of(new VectorIndex.Entry(post, "org-a", new float[] {1, 0, 0})));
    index.upsert(List.of(new VectorIndex.Entry(post, "org-a", new float[] {0, 1, 0})));
    // then
    Points.UpsertPoints sent = qdrant.requestsOf(Points.UpsertPoints.class).getLast();
    assertThat(sent.getWait()).isTrue();
    Points.PointStruct point = sent.getPoints(0);
    assertThat(point.getId().getUuid()).isEqualTo(post.toString());
    assertThat(point.getPayloadMap().get("org_id").getStringValue()).isEqualTo("org-a");
    assertThat(qdrant.points.get(index.collection())).hasSize(1);
  }

  @Test
  void everySearchIsFilteredByOrgSoAnotherOrgsPostIsNeverFound() {
    index.ensureCollection();
    UUID mine = UUID.randomUUID();
    UUID theirs = UUID.randomUUID();
    float[] v = {0.6f, 0.8f, 0};
    index.upsert(
        List.of(
            new VectorIndex.Entry(mine, "org-a", v),
            new VectorIndex.Entry(theirs, "org-b", v),
            new VectorIndex.Entry(UUID.randomUUID(), "org-a", new float[] {0, 0, 1})));
    // when
    var found = index.nearest("org-a", v, 5);
    // then
    assertThat(found).extracting(VectorIndex.Neighbour::id).first().isEqualTo(mine);
    assertThat(found).extracting(VectorIndex.Neighbour::id).doesNotContain(theirs);
    assertThat(found.getFirst().score()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-6));
    Points.SearchPoints search = qdrant.requestsOf(Points.SearchPoints.class).getLast();
    assertThat(search.getLimit()).isEqualTo(5);
    assertThat(search.getFilter().getMustList())
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.getField().getKey()).isEqualTo("org_id");
              assertThat(c.getField().getMatch().getKeyword()).isEqualTo("org-a");
            });
    assertThat(search.getWithPayload().getEnable()).isFalse();
  }

  @Test
  void deletesByPostId() {
    index.ensureCollection();
    UUID post = UUID.randomUUID();
    index.upsert(List.of(new VectorIndex.Entry(post, "o", new float[] {1, 0, 0})));
    index.delete(List.of(post));
    assertThat(index.nearest("o", new float[] {1, 0, 0}, 5)).isEmpty();
  }

  @Test
  void aFailingQdrantIsReportedAsUnavailable() {
    // no collection: the server refuses the upsert
    assertThatThrownBy(
            () ->
                index.upsert(
                    List.of(new VectorIndex.Entry(UUID.randomUUID(), "o", new float[] {1, 0, 0}))))
        .isInstanceOf(VectorIndexUnavailable.class);
  }

  @Test
  void aVectorOfTheWrongDimensionIsRefusedBeforeSending() {
    index.ensureCollection();
    assertThatThrownBy(
            () ->
                index.upsert(List.of(new VectorIndex.Entry(UUID.randomUUID(), "o", new float[2]))))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aLostCollectionIsCreatedAgainAndSaysSoAndPointsAreCounted() {
    assertThat(index.ensureExists()).isTrue();
    assertThat(index.ensureExists()).isFalse();
    index.upsert(List.of(new VectorIndex.Entry(UUID.randomUUID(), "o", new float[] {1, 0, 0})));
    assertThat(index.count()).isEqualTo(1);
    Points.CountPoints asked = qdrant.requestsOf(Points.CountPoints.class).getLast();
    assertThat(asked.getExact()).isTrue();
    // when Qdrant loses it
    qdrant.lose(index.collection());
    assertThatThrownBy(index::count).isInstanceOf(VectorIndexUnavailable.class);
    assertThat(index.ensureExists()).isTrue();
    assertThat(index.count()).isZero();
  }
}
