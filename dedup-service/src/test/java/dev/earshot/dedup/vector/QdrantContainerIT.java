package dev.earshot.dedup.vector;

import static org.assertj.core.api.Assertions.assertThat;

import io.qdrant.client.QdrantClient;
import io.qdrant.client.QdrantGrpcClient;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.qdrant.QdrantContainer;

/** The Qdrant adapter against a real Qdrant; skipped where no Docker engine runs. */
@Testcontainers(disabledWithoutDocker = true)
class QdrantContainerIT {

  @Container static final QdrantContainer qdrant = new QdrantContainer("qdrant/qdrant:v1.16.0");

  @Test
  void upsertsAndSearchesPerOrgOnARealQdrant() {
    QdrantClient client =
        new QdrantClient(
            QdrantGrpcClient.newBuilder(qdrant.getHost(), qdrant.getGrpcPort(), false).build());
    try (var index = new QdrantVectorIndex(client, "test-model", 3, Duration.ofSeconds(10))) {
      index.ensureCollection();
      index.ensureCollection();
      UUID mine = UUID.randomUUID();
      UUID theirs = UUID.randomUUID();
      float[] v = {0.6f, 0.8f, 0};
      index.upsert(
          List.of(
              new VectorIndex.Entry(mine, "org-a", v), new VectorIndex.Entry(theirs, "org-b", v)));
      index.upsert(List.of(new VectorIndex.Entry(mine, "org-a", v)));
      var found = index.nearest("org-a", v, 10);
      assertThat(found).extracting(VectorIndex.Neighbour::id).containsExactly(mine);
      assertThat(found.getFirst().score()).isGreaterThan(0.999);
      index.delete(List.of(mine));
      assertThat(index.nearest("org-a", v, 10)).isEmpty();
    }
  }
}
