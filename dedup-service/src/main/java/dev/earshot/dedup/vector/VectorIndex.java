package dev.earshot.dedup.vector;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Nearest posts of one org by vector. Every search is filtered by org: a post of another org is
 * never returned. Upserts are idempotent by id. Vectors are unit length; scores are their dot
 * product (cosine).
 */
public interface VectorIndex extends AutoCloseable {

  /** One post's vector. */
  record Entry(UUID id, String orgId, float[] vector) {}

  /** A post found near the query, with its cosine similarity to it. */
  record Neighbour(UUID id, double score) {}

  void upsert(List<Entry> entries);

  void delete(List<UUID> ids);

  /** The {@code k} nearest entries of {@code orgId}, best first. */
  List<Neighbour> nearest(String orgId, float[] query, int k);

  /**
   * Upserts made before this instant survive a crash. An index that writes through (Qdrant with
   * {@code wait=true}) answers {@link Instant#MAX}; one that commits periodically answers its last
   * commit, so the caller can re-upsert what came after.
   */
  Instant durableAsOf();

  /**
   * Creates the index's storage when it is missing (a Qdrant collection that was dropped or lost
   * with its volume); true when it had to, so whatever was indexed before is gone.
   */
  default boolean ensureExists() {
    return false;
  }

  /** Vectors in the index, every org's. */
  long count();

  /** Makes the upserts so far durable; a no-op for an index that writes through. */
  default void commit() {}

  /**
   * The longest one call ({@link #nearest}, {@link #upsert}, {@link #delete}) can take before it
   * returns or throws; the Kafka consumer sizes its polls with it.
   */
  Duration longestCall();

  /** What and where, for logs and the readiness endpoint. */
  String describe();

  @Override
  void close();
}
