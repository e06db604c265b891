package dev.earshot.dedup.post;

import dev.earshot.dedup.vector.VectorIndex;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the vector index in step with PostgreSQL, which is the source of truth. Every change to a
 * post's vector clears its {@code indexed_at}; the post is then upserted (or, once merged, deleted)
 * and marked indexed only if it did not change meanwhile; if it did, it is left unmarked so its
 * current vector is written again (two writers racing, e.g. the reconciler and a consumer, may
 * leave the older vector in the index last). What a crash loses is found again: posts still
 * unmarked, and at start those marked after the index's last durable point.
 */
public class IndexedPosts {

  private static final Logger log = LoggerFactory.getLogger(IndexedPosts.class);
  private static final int RECONCILE_BATCH = 500;

  /** How far replicas' clocks may disagree about when a post was indexed. */
  static final Duration CLOCK_SKEW = Duration.ofSeconds(5);

  private final IndexMarks marks;
  private final VectorIndex index;
  private final String model;
  private final Clock clock;
  private final Counter rebuilt;

  IndexedPosts(
      IndexMarks marks, VectorIndex index, String model, Clock clock, MeterRegistry meters) {
    this.marks = marks;
    this.index = index;
    this.model = model;
    this.clock = clock;
    this.rebuilt =
        Counter.builder("earshot.dedup.index.rebuilt")
            .description("times the vector index was found to have lost posts and was rebuilt")
            .register(meters);
  }

  /** Upserts the post now if the index does not have its current vector. */
  void ensureIndexed(UUID postId) {
    apply(marks.unmarked(postId));
  }

  /** Indexes up to {@code limit} posts whose vector is not in the index; returns how many. */
  public int reconcile(int limit) {
    List<IndexMarks.Pending> due = marks.unmarked(model, limit);
    apply(due);
    return due.size();
  }

  /**
   * At start: posts marked indexed after the index's last durable point may be missing from it (an
   * embedded index that was not committed before a crash, or was deleted); they are indexed again.
   */
  public int forgetUndurable() {
    Instant durable = index.durableAsOf();
    if (durable.equals(Instant.MAX)) {
      return 0;
    }
    return forgetIndexedAfter(durable, "the vector index may have lost them");
  }

  /**
   * Posts marked indexed after {@code since} are indexed again: by the next {@link
   * #reconcileAll()}. For an index that may lack them (not durable, or another process held the
   * index's lease meanwhile and indexed them in its own).
   */
  public int forgetIndexedAfter(Instant since, String why) {
    int forgotten = marks.forgetMarkedAfter(since, model);
    if (forgotten > 0) {
      log.atInfo()
          .addKeyValue("posts", forgotten)
          .addKeyValue("since", since)
          .addKeyValue("why", why)
          .log("re-indexing posts");
    }
    return forgotten;
  }

  /**
   * An index that lost what PostgreSQL says it holds is rebuilt: every live post of the model is
   * marked unindexed, so {@link #reconcileAll()} indexes it again. Lost means its storage was
   * missing ({@link VectorIndex#ensureExists()} created it: a dropped Qdrant collection, a volume
   * gone), or it holds fewer vectors than the posts marked indexed before it was counted (posts
   * marked later may not have been counted; {@link #CLOCK_SKEW} allows for replicas' clocks).
   *
   * @return whether the index is being rebuilt
   */
  public boolean rebuildIfLost() {
    Instant countedFrom = clock.instant().minus(CLOCK_SKEW);
    boolean created = index.ensureExists();
    long inIndex = index.count();
    long marked = marks.liveMarkedBefore(model, countedFrom);
    if (!created && inIndex >= marked) {
      return false;
    }
    int forgotten = marks.forgetAll(model);
    rebuilt.increment();
    log.atWarn()
        .addKeyValue("index", index.describe())
        .addKeyValue("created", created)
        .addKeyValue("vectors", inIndex)
        .addKeyValue("postsIndexed", marked)
        .addKeyValue("reindexing", forgotten)
        .log("the vector index lost posts: rebuilding it from PostgreSQL");
    return true;
  }

  /** Indexes every post whose vector is not in the index, in batches; returns how many. */
  public int reconcileAll() {
    int total = 0;
    int done;
    do {
      done = reconcile(RECONCILE_BATCH);
      total += done;
    } while (done == RECONCILE_BATCH);
    return total;
  }

  private void apply(List<IndexMarks.Pending> due) {
    if (due.isEmpty()) {
      return;
    }
    List<VectorIndex.Entry> live =
        due.stream()
            .filter(p -> !p.merged())
            .map(p -> new VectorIndex.Entry(p.id(), p.orgId(), p.vector().centroid()))
            .toList();
    List<UUID> gone =
        due.stream().filter(IndexMarks.Pending::merged).map(IndexMarks.Pending::id).toList();
    index.upsert(live);
    index.delete(gone);
    Instant now = clock.instant();
    for (IndexMarks.Pending p : due) {
      if (!marks.markIndexed(p.id(), p.version(), now)) {
        // The post changed after it was read: what was just written may be older than what
        // another writer put in the index (and marked) meanwhile, so it is written again.
        marks.unmark(p.id());
      }
    }
  }
}
