package dev.earshot.dedup.post;

import dev.earshot.dedup.DedupProperties;
import dev.earshot.dedup.vector.VectorIndex;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * The index's housekeeping: at start, what it may have lost is indexed again before items are
 * consumed (an index that lost posts — a dropped Qdrant collection — is rebuilt); then,
 * periodically, the same check, posts left unindexed by a failed upsert are retried, and the
 * embedded index is committed to disk.
 */
@Service
class KeepingIndexInStep implements SmartInitializingSingleton {

  private static final Logger log = LoggerFactory.getLogger(KeepingIndexInStep.class);

  private final IndexedPosts indexed;
  private final VectorIndex index;

  KeepingIndexInStep(IndexedPosts indexed, VectorIndex index) {
    this.indexed = indexed;
    this.index = index;
  }

  /** Runs once every bean exists (the schema migrated) and before listeners start consuming. */
  @Override
  public void afterSingletonsInstantiated() {
    indexed.rebuildIfLost();
    indexed.forgetUndurable();
    int total = indexed.reconcileAll();
    log.atInfo()
        .addKeyValue("index", index.describe())
        .addKeyValue("reindexed", total)
        .log("vector index in step with the board");
  }

  @Scheduled(
      fixedDelayString = "#{" + DedupProperties.BEAN + ".reconcileInterval()}",
      initialDelayString = "#{" + DedupProperties.BEAN + ".reconcileInterval()}")
  void reconcile() {
    try {
      indexed.rebuildIfLost();
      indexed.reconcileAll();
    } catch (RuntimeException e) {
      log.atWarn().setCause(e).log("vector index reconciliation failed; will retry");
    }
  }

  @Scheduled(
      fixedDelayString = "#{" + DedupProperties.BEAN + ".index().lucene().commitInterval()}",
      initialDelayString = "#{" + DedupProperties.BEAN + ".index().lucene().commitInterval()}")
  void commit() {
    index.commit();
  }
}
