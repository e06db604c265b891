package dev.earshot.ingest.poll;

import java.time.Instant;
import java.util.UUID;

/**
 * A backfill as the API and metrics show it. Counts are of the calls that started in the window, by
 * where the ledger has them.
 *
 * @param state running, done or stopped (the connection went away)
 * @param percent share of the window listed so far
 * @param callsFound calls the listings returned, private ones included
 * @param fetched calls on gong.calls.v1
 * @param skipped private calls, never fetched beyond their listing
 * @param pending calls waiting for metadata or a transcript
 * @param gaveUp calls whose transcript never came in time
 * @param failed calls parked failed (they could not become a Call record; see the ingestion state)
 * @param lastError the last failure of a chunk, which will be retried, or why no chunk is listed
 *     now (a replica waits for Kafka, which did not answer a publish, until the time it names);
 *     cleared by the next chunk listed
 * @param waitingFor why a running backfill makes no progress now (its connection is held by Gong's
 *     refusal or paused, with the reason), or null
 */
public record BackfillProgress(
    UUID id,
    String state,
    int days,
    Instant from,
    Instant to,
    int percent,
    int chunksDone,
    long callsFound,
    long fetched,
    long skipped,
    long pending,
    long gaveUp,
    long failed,
    String lastError,
    String waitingFor) {

  /** The same progress, waiting for {@code reason} while running (null: not waiting). */
  public BackfillProgress waitingFor(String reason) {
    return new BackfillProgress(
        id,
        state,
        days,
        from,
        to,
        percent,
        chunksDone,
        callsFound,
        fetched,
        skipped,
        pending,
        gaveUp,
        failed,
        lastError,
        "running".equals(state) ? reason : null);
  }
}
