package dev.earshot.dedup.vector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.earshot.embeddings.Vectors;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LuceneVectorIndexTest {

  @TempDir Path dir;

  private static float[] random(Random random, int dimension) {
    float[] v = new float[dimension];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) random.nextGaussian();
    }
    return Vectors.unit(v);
  }

  @Test
  void findsTheNearestPostsOfTheOrgOnlyWithTheirCosine() {
    try (var index = new LuceneVectorIndex(dir, 8)) {
      // given the same vector in two orgs and a few others in org a
      Random random = new Random(1);
      float[] query = random(random, 8);
      UUID mine = UUID.randomUUID();
      UUID theirs = UUID.randomUUID();
      index.upsert(
          List.of(
              new VectorIndex.Entry(mine, "org-a", query),
              new VectorIndex.Entry(theirs, "org-b", query),
              new VectorIndex.Entry(UUID.randomUUID(), "org-a", random(random, 8)),
              new VectorIndex.Entry(UUID.randomUUID(), "org-a", random(random, 8))));
      // when
      var found = index.nearest("org-a", query, 10);
      // then
      assertThat(found).hasSize(3);
      assertThat(found.getFirst().id()).isEqualTo(mine);
      assertThat(found.getFirst().score())
          .isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-5));
      assertThat(found).extracting(VectorIndex.Neighbour::id).doesNotContain(theirs);
      assertThat(index.nearest("org-c", query, 10)).isEmpty();
    }
  }

  @Test
  void anUpsertReplacesThePostsVectorAndADeleteRemovesIt() {
    try (var index = new LuceneVectorIndex(dir, 2)) {
      UUID post = UUID.randomUUID();
      index.upsert(List.of(new VectorIndex.Entry(post, "o", new float[] {1, 0})));
      index.upsert(List.of(new VectorIndex.Entry(post, "o", new float[] {0, 1})));
      assertThat(index.size()).isEqualTo(1);
      assertThat(index.nearest("o", new float[] {0, 1}, 1).getFirst().score())
          .isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-6));
      index.delete(List.of(post));
      assertThat(index.nearest("o", new float[] {0, 1}, 1)).isEmpty();
    }
  }

  @Test
  void aSearchSeesEveryWriteAtOnceWhetherTheReaderWasRefreshedOrNot() {
    try (var index = new LuceneVectorIndex(dir, 2)) {
      // given two posts in the graph
      UUID a = UUID.randomUUID();
      UUID b = UUID.randomUUID();
      index.upsert(
          List.of(
              new VectorIndex.Entry(a, "o", new float[] {1, 0}),
              new VectorIndex.Entry(b, "o", new float[] {0.8f, 0.6f})));
      index.refresh();
      // when one moves away and the other is deleted, with no refresh in between
      index.upsert(List.of(new VectorIndex.Entry(a, "o", new float[] {0, 1})));
      index.delete(List.of(b));
      // then the search answers from the writes, not the stale graph
      var found = index.nearest("o", new float[] {1, 0}, 10);
      assertThat(found).extracting(VectorIndex.Neighbour::id).containsExactly(a);
      assertThat(found.getFirst().score())
          .isCloseTo(0.0, org.assertj.core.data.Offset.offset(1e-6));
      // and the same once the graph has caught up
      index.refresh();
      var refreshed = index.nearest("o", new float[] {1, 0}, 10);
      assertThat(refreshed).extracting(VectorIndex.Neighbour::id).containsExactly(a);
      assertThat(refreshed.getFirst().score())
          .isCloseTo(0.0, org.assertj.core.data.Offset.offset(1e-6));
    }
  }

  @Test
  void aCommitRecordsWhatIsDurableAndSurvivesReopening() {
    Instant at = Instant.parse("2026-11-20T10:00:00Z");
    UUID post = UUID.randomUUID();
    try (var index =
        new LuceneVectorIndex(dir, 2, 16, 100, Clock.fixed(at, java.time.ZoneOffset.UTC))) {
      assertThat(index.durableAsOf()).isEqualTo(Instant.EPOCH);
      index.upsert(List.of(new VectorIndex.Entry(post, "o", new float[] {1, 0})));
      index.commit();
      assertThat(index.durableAsOf()).isEqualTo(at);
    }
    try (var reopened = new LuceneVectorIndex(dir, 2)) {
      assertThat(reopened.durableAsOf()).isEqualTo(at);
      assertThat(reopened.nearest("o", new float[] {1, 0}, 1))
          .extracting(VectorIndex.Neighbour::id)
          .containsExactly(post);
    }
  }

  @Test
  void approximateSearchFindsWhatExactSearchFinds() {
    // a small recall check; the benchmark measures it at 100k and 1M
    Random random = new Random(7);
    try (var index = new LuceneVectorIndex(dir, 32)) {
      List<VectorIndex.Entry> entries =
          java.util.stream.IntStream.range(0, 3_000)
              .mapToObj(i -> new VectorIndex.Entry(UUID.randomUUID(), "o", random(random, 32)))
              .toList();
      index.upsert(entries);
      // searched through the graph, not the exact scan of writes since the last refresh
      index.refresh();
      int hits = 0;
      for (int q = 0; q < 50; q++) {
        float[] query = random(random, 32);
        UUID exact =
            entries.stream()
                .max(java.util.Comparator.comparingDouble(e -> Vectors.dot(query, e.vector())))
                .orElseThrow()
                .id();
        hits += index.nearest("o", query, 10).stream().anyMatch(n -> n.id().equals(exact)) ? 1 : 0;
      }
      assertThat(hits).isGreaterThanOrEqualTo(47);
    }
  }

  @Test
  void aSecondWriterOnTheSamePathIsRefusedWithAClearError() {
    try (var first = new LuceneVectorIndex(dir, 2)) {
      assertThatThrownBy(() -> new LuceneVectorIndex(dir, 2))
          .isInstanceOf(VectorIndexInUse.class)
          .hasMessageContaining("open in another dedup-service")
          .hasMessageContaining("earshot.dedup.index.kind=qdrant");
      // and the first one still works
      first.upsert(List.of(new VectorIndex.Entry(UUID.randomUUID(), "o", new float[] {1, 0})));
      assertThat(first.size()).isEqualTo(1);
    }
    // once it is closed, the index opens again
    try (var again = new LuceneVectorIndex(dir, 2)) {
      assertThat(again.size()).isEqualTo(1);
    }
  }

  @Test
  void anotherProcessCannotOpenTheIndexWhileThisOneHoldsIt() throws Exception {
    try (var held = new LuceneVectorIndex(dir, 2)) {
      Process other =
          new ProcessBuilder(
                  ProcessHandle.current().info().command().orElseThrow(),
                  "-cp",
                  System.getProperty("java.class.path"),
                  OpenIndexInAnotherProcess.class.getName(),
                  dir.toString())
              .redirectErrorStream(true)
              .start();
      String said = new String(other.getInputStream().readAllBytes());
      assertThat(other.waitFor()).as(said).isEqualTo(OpenIndexInAnotherProcess.REFUSED);
      assertThat(said).contains("VectorIndexInUse", "open in another dedup-service");
    }
  }
}
