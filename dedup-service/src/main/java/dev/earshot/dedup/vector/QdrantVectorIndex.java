package dev.earshot.dedup.vector;

import static io.qdrant.client.ConditionFactory.matchKeyword;
import static io.qdrant.client.PointIdFactory.id;
import static io.qdrant.client.ValueFactory.value;
import static io.qdrant.client.VectorsFactory.vectors;

import io.qdrant.client.QdrantClient;
import io.qdrant.client.grpc.Collections.Distance;
import io.qdrant.client.grpc.Collections.KeywordIndexParams;
import io.qdrant.client.grpc.Collections.PayloadIndexParams;
import io.qdrant.client.grpc.Collections.PayloadSchemaType;
import io.qdrant.client.grpc.Collections.VectorParams;
import io.qdrant.client.grpc.Common.Filter;
import io.qdrant.client.grpc.Points.PointStruct;
import io.qdrant.client.grpc.Points.ScoredPoint;
import io.qdrant.client.grpc.Points.SearchPoints;
import io.qdrant.client.grpc.Points.UpsertPoints;
import io.qdrant.client.grpc.Points.WithPayloadSelector;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Qdrant through its gRPC client. One collection per embedding model and dimension ({@code
 * earshot_posts_<model>_<dim>}, cosine distance), a keyword payload index on {@code org_id} marked
 * as the tenant key, and every search filtered by it. Point id = post id, so an upsert replaces the
 * post's vector; upserts wait for Qdrant to apply them.
 */
public final class QdrantVectorIndex implements VectorIndex {

  static final String ORG_ID = "org_id";

  private final QdrantClient client;
  private final String collection;
  private final int dimension;
  private final Duration timeout;

  public QdrantVectorIndex(QdrantClient client, String model, int dimension, Duration timeout) {
    this.client = client;
    this.collection = collectionName(model, dimension);
    this.dimension = dimension;
    this.timeout = timeout;
  }

  /** The collection for a model: lower case, anything but letters and digits becomes '_'. */
  public static String collectionName(String model, int dimension) {
    return "earshot_posts_"
        + model.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_")
        + "_"
        + dimension;
  }

  public String collection() {
    return collection;
  }

  /**
   * Creates the collection and its org index when missing; safe to call on every start and every
   * reconciliation. True when it had to create them.
   */
  public boolean ensureCollection() {
    if (await(client.collectionExistsAsync(collection, timeout))) {
      return false;
    }
    await(
        client.createCollectionAsync(
            collection,
            VectorParams.newBuilder().setSize(dimension).setDistance(Distance.Cosine).build(),
            timeout));
    await(
        client.createPayloadIndexAsync(
            collection,
            ORG_ID,
            PayloadSchemaType.Keyword,
            PayloadIndexParams.newBuilder()
                .setKeywordIndexParams(KeywordIndexParams.newBuilder().setIsTenant(true))
                .build(),
            true,
            null,
            timeout));
    return true;
  }

  @Override
  public boolean ensureExists() {
    return ensureCollection();
  }

  /** Exact count of the collection's points. */
  @Override
  public long count() {
    return await(client.countAsync(collection, null, true, timeout));
  }

  @Override
  public void upsert(List<Entry> entries) {
    if (entries.isEmpty()) {
      return;
    }
    List<PointStruct> points =
        entries.stream()
            .map(
                e -> {
                  if (e.vector().length != dimension) {
                    throw new IllegalArgumentException(
                        "vector of " + e.vector().length + " dimensions in " + collection);
                  }
                  return PointStruct.newBuilder()
                      .setId(id(e.id()))
                      .setVectors(vectors(e.vector()))
                      .putAllPayload(Map.of(ORG_ID, value(e.orgId())))
                      .build();
                })
            .toList();
    await(
        client.upsertAsync(
            UpsertPoints.newBuilder()
                .setCollectionName(collection)
                .addAllPoints(points)
                .setWait(true)
                .build(),
            timeout));
  }

  @Override
  public void delete(List<UUID> ids) {
    if (ids.isEmpty()) {
      return;
    }
    await(
        client.deleteAsync(
            collection, ids.stream().map(io.qdrant.client.PointIdFactory::id).toList(), timeout));
  }

  @Override
  public List<Neighbour> nearest(String orgId, float[] query, int k) {
    SearchPoints search =
        SearchPoints.newBuilder()
            .setCollectionName(collection)
            .addAllVector(asList(query))
            .setFilter(Filter.newBuilder().addMust(matchKeyword(ORG_ID, orgId)).build())
            .setLimit(k)
            .setWithPayload(WithPayloadSelector.newBuilder().setEnable(false).build())
            .build();
    List<ScoredPoint> points = await(client.searchAsync(search, timeout));
    return points.stream()
        .map(p -> new Neighbour(UUID.fromString(p.getId().getUuid()), p.getScore()))
        .toList();
  }

  private static List<Float> asList(float[] v) {
    Float[] boxed = new Float[v.length];
    for (int i = 0; i < v.length; i++) {
      boxed[i] = v[i];
    }
    return List.of(boxed);
  }

  /** Every call is awaited for its timeout and one second more. */
  @Override
  public Duration longestCall() {
    return timeout.plusSeconds(1);
  }

  @Override
  public Instant durableAsOf() {
    return Instant.MAX;
  }

  @Override
  public String describe() {
    return "qdrant " + collection;
  }

  @Override
  public void close() {
    client.close();
  }

  private <T> T await(Future<T> future) {
    try {
      return future.get(timeout.toMillis() + 1_000, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new VectorIndexUnavailable("interrupted while calling Qdrant", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new VectorIndexUnavailable("Qdrant call on " + collection + " failed: " + e, e);
    }
  }
}
