package dev.earshot.dedup.post;

import dev.earshot.dedup.board.PostVector;
import dev.earshot.dedup.vector.VectorIndex;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

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

  private final JdbcClient jdbc;
  private final VectorIndex index;
  private final String model;
  private final Clock clock;
  private final Counter rebuilt;

  IndexedPosts(
      JdbcClient jdbc, VectorIndex index, String model, Clock clock, MeterRegistry meters) {
    this.jdbc = jdbc;
    this.index = index;
    this.model = model;
    this.clock = clock;
    this.rebuilt =
        Counter.builder("earshot.dedup.index.rebuilt")
            .description("times the vector index was found to have lost posts and was rebuilt")
            .register(meters);
  }

  private record Pending(
      UUID id, String orgId, PostVector vector, boolean merged, Instant version) {}

  /** Upserts the post now if the index does not have its current vector. */
  void ensureIndexed(UUID postId) {
    apply(pending("id = :id and indexed_at is null", postId, 1));
  }

  /** Indexes up to {@code limit} posts whose vector is not in the index; returns how many. */
  public int reconcile(int limit) {
    List<Pending> due = pending("indexed_at is null and embedding_model = :model", null, limit);
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
    int forgotten =
        jdbc.sql(
                "update post set indexed_at = null where indexed_at > :since"
                    + " and embedding_model = :model")
            .param("since", Timestamp.from(since))
            .param("model", model)
            .update();
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
    long marked =
        jdbc.sql(
                "select count(*) from post where embedding_model = :model and merged_into is null"
                    + " and indexed_at < :from")
            .param("model", model)
            .param("from", Timestamp.from(countedFrom))
            .query(Long.class)
            .single();
    if (!created && inIndex >= marked) {
      return false;
    }
    int forgotten =
        jdbc.sql(
                "update post set indexed_at = null where embedding_model = :model"
                    + " and indexed_at is not null")
            .param("model", model)
            .update();
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

  private List<Pending> pending(String where, UUID id, int limit) {
    var sql =
        jdbc.sql(
                "select id, org_id, vector_sum, mention_count, merged_into, updated_at from post"
                    + " where "
                    + where
                    + " order by updated_at limit :limit")
            .param("limit", limit);
    if (id != null) {
      sql = sql.param("id", id);
    }
    if (where.contains(":model")) {
      sql = sql.param("model", model);
    }
    return sql.query(
            (rs, n) ->
                new Pending(
                    rs.getObject("id", UUID.class),
                    rs.getString("org_id"),
                    PostRepository.vector(rs, n),
                    rs.getObject("merged_into") != null,
                    rs.getTimestamp("updated_at").toInstant()))
        .list();
  }

  private void apply(List<Pending> due) {
    if (due.isEmpty()) {
      return;
    }
    List<VectorIndex.Entry> live =
        due.stream()
            .filter(p -> !p.merged())
            .map(p -> new VectorIndex.Entry(p.id(), p.orgId(), p.vector().centroid()))
            .toList();
    List<UUID> gone = due.stream().filter(Pending::merged).map(Pending::id).toList();
    index.upsert(live);
    index.delete(gone);
    Instant now = clock.instant();
    for (Pending p : due) {
      int marked =
          jdbc.sql("update post set indexed_at = :now where id = :id and updated_at = :version")
              .param("now", Timestamp.from(now))
              .param("id", p.id())
              .param("version", Timestamp.from(p.version()))
              .update();
      if (marked == 0) {
        // The post changed after it was read: what was just written may be older than what
        // another writer put in the index (and marked) meanwhile, so it is written again.
        jdbc.sql("update post set indexed_at = null where id = :id").param("id", p.id()).update();
      }
    }
  }
}
