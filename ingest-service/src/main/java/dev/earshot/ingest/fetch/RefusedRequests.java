package dev.earshot.ingest.fetch;

import dev.earshot.gong.client.GongApiException;
import dev.earshot.gong.limit.GongRateLimiter;
import dev.earshot.ingest.IngestProperties;
import dev.earshot.ingest.connection.HoldingConnections;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * What the background loops (fetching, polling, backfills) do when a connection's Gong request
 * fails: Gong's refusals (401, 403, a 429 whose {@code Retry-After} is longer than the client
 * waits) go to {@link HoldingConnections#refused}, which holds or pauses the connection once, so it
 * opens no session until an admin fixes it or the pause ends; a spent local quota pauses it for
 * {@code earshot.ingest.loops.quota-pause}. Other failures (5xx, timeouts) only count: the work
 * stays due and the next tick tries again. The loops' work is never dropped: due calls stay due and
 * backfills stay running.
 */
@Component
public class RefusedRequests {

  private static final Logger log = LoggerFactory.getLogger(RefusedRequests.class);

  private final HoldingConnections holding;
  private final Duration quotaPause;
  private final MeterRegistry meters;
  private final Clock clock;

  RefusedRequests(
      HoldingConnections holding, IngestProperties properties, MeterRegistry meters, Clock clock) {
    this.holding = holding;
    this.quotaPause = properties.loops().quotaPause();
    this.meters = meters;
    this.clock = clock;
  }

  /**
   * Hands a failed Gong request of {@code loop} ({@code fetch}, {@code poll}, {@code backfill}) to
   * the connection's hold, counts {@code earshot.ingest.<loop>.failures{status}} and logs it.
   */
  public void gongFailed(UUID connectionId, String loop, GongApiException failure) {
    meters
        .counter(
            "earshot.ingest." + loop + ".failures", "status", Integer.toString(failure.status()))
        .increment();
    log.atWarn()
        .addKeyValue("connectionId", connectionId)
        .addKeyValue("loop", loop)
        .addKeyValue("status", failure.status())
        .addKeyValue("endpoint", failure.endpoint().path())
        .log("a Gong request failed; the work stays due");
    holding.refused(connectionId, failure);
  }

  /** Pauses the connection for {@code quotaPause}: no local permit came in time. */
  public void quotaSpent(UUID connectionId, String loop, GongRateLimiter.QuotaExhausted exhausted) {
    meters.counter("earshot.ingest." + loop + ".quota_exhausted").increment();
    log.atWarn()
        .addKeyValue("connectionId", connectionId)
        .addKeyValue("loop", loop)
        .addKeyValue("pauseFor", quotaPause)
        .log("no Gong request permit in time; the connection pauses, the work stays due");
    holding.pauseUntil(
        connectionId,
        clock.instant().plus(quotaPause),
        "Earshot's daily Gong request budget for this connection is spent");
  }
}
