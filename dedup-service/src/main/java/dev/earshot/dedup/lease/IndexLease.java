package dev.earshot.dedup.lease;

import dev.earshot.dedup.vector.VectorIndexUnavailable;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The right to consume with the embedded index against one database: a PostgreSQL session advisory
 * lock ({@code pg_try_advisory_lock}) held on a connection of its own for as long as the process
 * runs. An embedded index lives in one process, while the board it mirrors is shared: a second
 * dedup-service would index posts the first never sees, and the first would then start duplicate
 * posts for them (review M8). The lock is per embedding model and dimension, like the index.
 *
 * <p>The lock lives as long as its connection: a database restart or failover ends it, which {@link
 * #held()} notices, and whoever takes it next may have indexed posts meanwhile.
 */
public final class IndexLease implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(IndexLease.class);
  private static final int VALIDITY_TIMEOUT_SECONDS = 2;

  private final LeaseLocks locks;
  private final long key;
  private final String holder;
  private LeaseLocks.Held lock;

  /**
   * @param locks the board's database's advisory locks
   * @param model the embedding model's name
   * @param dimension its dimension
   * @param holder who holds it, shown to whoever is refused (host and process id)
   */
  public IndexLease(LeaseLocks locks, String model, int dimension, String holder) {
    this.locks = locks;
    this.key = key(model, dimension);
    this.holder = holder;
  }

  /** The advisory lock's key: stable for a model and dimension, distinct from other locks. */
  static long key(String model, int dimension) {
    return UUID.nameUUIDFromBytes(
            ("earshot.dedup.embedded-index/" + model + "/" + dimension)
                .getBytes(StandardCharsets.UTF_8))
        .getMostSignificantBits();
  }

  /**
   * Takes the lease, or says who holds it.
   *
   * @throws IndexLeaseRefused when another process holds it
   * @throws VectorIndexUnavailable when the database cannot be reached
   */
  public synchronized void acquire() {
    if (tryAcquire()) {
      return;
    }
    throw new IndexLeaseRefused(holders());
  }

  /** Takes the lease if nobody holds it; true when this process holds it now. */
  public synchronized boolean tryAcquire() {
    if (held()) {
      return true;
    }
    LeaseLocks.Held taken = locks.tryLock(key, holder);
    if (taken == null) {
      return false;
    }
    lock = taken;
    log.atInfo().addKeyValue("holder", holder).log("took the embedded index's lease");
    return true;
  }

  /** Whether this process still holds the lease (its connection is alive). */
  public synchronized boolean held() {
    if (lock == null) {
      return false;
    }
    if (locks.alive(lock, VALIDITY_TIMEOUT_SECONDS)) {
      return true;
    }
    log.atError().addKeyValue("holder", holder).log("lost the embedded index's lease");
    locks.release(lock);
    lock = null;
    return false;
  }

  private List<String> holders() {
    return locks.holders(key);
  }

  /** Gives the lease back (unlocks, then returns the connection). */
  @Override
  public synchronized void close() {
    if (lock == null) {
      return;
    }
    locks.unlock(lock);
    lock = null;
  }

  /** Another process holds the lease: this one must not consume with its own embedded index. */
  public static final class IndexLeaseRefused extends IllegalStateException {
    IndexLeaseRefused(List<String> holders) {
      super(
          "another dedup-service uses the embedded index against this database ("
              + (holders.isEmpty() ? "it just let go; start again" : String.join(", ", holders))
              + "): the embedded index belongs to one process, and a second one would index posts"
              + " the first never sees. Run one replica with earshot.dedup.index.kind=lucene (a"
              + " rolling update must stop the old one first: strategy Recreate), or use"
              + " earshot.dedup.index.kind=qdrant to run several.");
    }
  }
}
