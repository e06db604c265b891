package dev.earshot.dedup.vector;

import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.StreamObserver;
import io.qdrant.client.QdrantClient;
import io.qdrant.client.QdrantGrpcClient;
import io.qdrant.client.grpc.Collections;
import io.qdrant.client.grpc.CollectionsGrpc;
import io.qdrant.client.grpc.Common;
import io.qdrant.client.grpc.Points;
import io.qdrant.client.grpc.PointsGrpc;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A Qdrant server in this JVM, implementing the gRPC services shipped in the Qdrant client for what
 * Earshot calls: it keeps every request it receives (so tests check what the adapter sends) and
 * answers like Qdrant would (points stored per collection, searched exactly with the request's
 * keyword filters applied, cosine scores).
 */
public final class FakeQdrant implements AutoCloseable {

  final List<com.google.protobuf.Message> requests = new CopyOnWriteArrayList<>();
  public final Map<String, Collections.CreateCollection> collections = new ConcurrentHashMap<>();
  public final Map<String, Map<String, Points.PointStruct>> points = new ConcurrentHashMap<>();

  private final String name = InProcessServerBuilder.generateName();
  private final Server server;

  public FakeQdrant() throws IOException {
    server =
        InProcessServerBuilder.forName(name)
            .directExecutor()
            .addService(new CollectionsService())
            .addService(new PointsService())
            .build()
            .start();
  }

  public QdrantClient client() {
    ManagedChannel channel = InProcessChannelBuilder.forName(name).directExecutor().build();
    return new QdrantClient(QdrantGrpcClient.newBuilder(channel, true, false).build());
  }

  <T> List<T> requestsOf(Class<T> type) {
    return requests.stream().filter(type::isInstance).map(type::cast).toList();
  }

  /** Loses the collection and its points, as a Qdrant that lost its volume does. */
  public void lose(String collection) {
    collections.remove(collection);
    points.remove(collection);
  }

  @Override
  public void close() {
    server.shutdownNow();
  }

  private static Points.UpdateResult completed() {
    return Points.UpdateResult.newBuilder()
        .setOperationId(1)
        .setStatus(Points.UpdateStatus.Completed)
        .build();
  }

  private static String key(Common.PointId id) {
    return id.hasUuid() ? id.getUuid() : Long.toString(id.getNum());
  }

  private static List<Float> dense(Points.PointStruct p) {
    Points.Vector v = p.getVectors().getVector();
    return v.hasDense() ? v.getDense().getDataList() : v.getDataList();
  }

  private static boolean matches(Points.PointStruct p, Common.Filter filter) {
    for (Common.Condition c : filter.getMustList()) {
      Common.FieldCondition field = c.getField();
      String expected = field.getMatch().getKeyword();
      var value = p.getPayloadMap().get(field.getKey());
      if (value == null || !value.getStringValue().equals(expected)) {
        return false;
      }
    }
    return true;
  }

  private final class CollectionsService extends CollectionsGrpc.CollectionsImplBase {
    @Override
    public void collectionExists(
        Collections.CollectionExistsRequest request,
        StreamObserver<Collections.CollectionExistsResponse> response) {
      requests.add(request);
      response.onNext(
          Collections.CollectionExistsResponse.newBuilder()
              .setResult(
                  Collections.CollectionExists.newBuilder()
                      .setExists(collections.containsKey(request.getCollectionName())))
              .build());
      response.onCompleted();
    }

    @Override
    public void create(
        Collections.CreateCollection request,
        StreamObserver<Collections.CollectionOperationResponse> response) {
      requests.add(request);
      if (collections.putIfAbsent(request.getCollectionName(), request) != null) {
        response.onError(Status.ALREADY_EXISTS.asRuntimeException());
        return;
      }
      points.put(request.getCollectionName(), new ConcurrentHashMap<>());
      response.onNext(Collections.CollectionOperationResponse.newBuilder().setResult(true).build());
      response.onCompleted();
    }
  }

  private final class PointsService extends PointsGrpc.PointsImplBase {
    @Override
    public void createFieldIndex(
        Points.CreateFieldIndexCollection request,
        StreamObserver<Points.PointsOperationResponse> response) {
      requests.add(request);
      ok(response);
    }

    @Override
    public void upsert(
        Points.UpsertPoints request, StreamObserver<Points.PointsOperationResponse> response) {
      requests.add(request);
      var stored = points.get(request.getCollectionName());
      if (stored == null) {
        response.onError(Status.NOT_FOUND.withDescription("no collection").asRuntimeException());
        return;
      }
      request.getPointsList().forEach(p -> stored.put(key(p.getId()), p));
      ok(response);
    }

    @Override
    public void delete(
        Points.DeletePoints request, StreamObserver<Points.PointsOperationResponse> response) {
      requests.add(request);
      var stored = points.get(request.getCollectionName());
      if (stored == null) {
        response.onError(Status.NOT_FOUND.withDescription("no collection").asRuntimeException());
        return;
      }
      request.getPoints().getPoints().getIdsList().forEach(id -> stored.remove(key(id)));
      ok(response);
    }

    @Override
    public void count(Points.CountPoints request, StreamObserver<Points.CountResponse> response) {
      requests.add(request);
      var stored = points.get(request.getCollectionName());
      if (stored == null) {
        response.onError(Status.NOT_FOUND.withDescription("no collection").asRuntimeException());
        return;
      }
      response.onNext(
          Points.CountResponse.newBuilder()
              .setResult(Points.CountResult.newBuilder().setCount(stored.size()))
              .build());
      response.onCompleted();
    }

    @Override
    public void search(
        Points.SearchPoints request, StreamObserver<Points.SearchResponse> response) {
      requests.add(request);
      List<Float> query = request.getVectorList();
      List<Points.ScoredPoint> found = new ArrayList<>();
      var stored = points.get(request.getCollectionName());
      if (stored == null) {
        response.onError(Status.NOT_FOUND.withDescription("no collection").asRuntimeException());
        return;
      }
      for (Points.PointStruct p : stored.values()) {
        if (!matches(p, request.getFilter())) {
          continue;
        }
        List<Float> v = dense(p);
        double dot = 0;
        double nq = 0;
        double nv = 0;
        for (int i = 0; i < v.size(); i++) {
          dot += query.get(i) * v.get(i);
          nq += query.get(i) * query.get(i);
          nv += v.get(i) * v.get(i);
        }
        found.add(
            Points.ScoredPoint.newBuilder()
                .setId(p.getId())
                .setScore((float) (dot / Math.sqrt(nq * nv)))
                .build());
      }
      found.sort(Comparator.comparingDouble(Points.ScoredPoint::getScore).reversed());
      response.onNext(
          Points.SearchResponse.newBuilder()
              .addAllResult(found.subList(0, (int) Math.min(found.size(), request.getLimit())))
              .build());
      response.onCompleted();
    }

    private void ok(StreamObserver<Points.PointsOperationResponse> response) {
      response.onNext(Points.PointsOperationResponse.newBuilder().setResult(completed()).build());
      response.onCompleted();
    }
  }
}
