package dev.earshot.ingest.connection;

import dev.earshot.gong.client.GongApiException;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The one place where Gong's refusals change a connection ({@link Refusal} is the mapping), for the
 * background loops (fetching, polling, backfills), the health check, edits and token refresh.
 *
 * <p>A refusal changes a connection once: the first 401/403 moves it to {@code unauthorized},
 * {@code insufficient_scope} or {@code forbidden} with one {@code alert=gong_connection_refused}
 * ERROR line, one {@code earshot.ingest.connection.refused{reason}} count and one {@link
 * ConnectionChanged}; the same refusal again (another loop, another replica) changes nothing. A
 * held connection opens no Gong session ({@link OpeningGongSessions}) until a successful health
 * check or edit releases it. A quota answer pauses it instead (its status stays), logged once.
 */
@Service
public class HoldingConnections {

  private static final Logger log = LoggerFactory.getLogger(HoldingConnections.class);

  private final ConnectionRepository connections;
  private final ApplicationEventPublisher events;
  private final MeterRegistry meters;
  private final Clock clock;

  HoldingConnections(
      ConnectionRepository connections,
      ApplicationEventPublisher events,
      MeterRegistry meters,
      Clock clock) {
    this.connections = connections;
    this.events = events;
    this.meters = meters;
    this.clock = clock;
  }

  /**
   * Records what Gong's refusal means for the connection, in its own transaction (committed when
   * this returns, whatever the caller's transaction does next): a 401 → {@code unauthorized}; a 403
   * (or a 401 whose text names a scope) → {@code insufficient_scope} naming the scope Gong named,
   * else {@code forbidden} with Gong's message and the regional-host (and trusted-IP) hint; a 429
   * whose {@code Retry-After} is longer than the client waits (2 minutes) → paused until now +
   * Retry-After. Other failures (5xx, timeouts, short 429s, other 4xx) are ignored: they are not
   * refusals. Does nothing for an unknown or disconnected connection.
   *
   * @param connectionId the connection whose Gong request failed
   * @param failure what Gong answered
   */
  @Transactional(propagation = Propagation.REQUIRES_NEW)
  public void refused(UUID connectionId, GongApiException failure) {
    connections
        .find(connectionId)
        .map(ConnectionRepository.Stored::connection)
        .ifPresent(connection -> hold(connection, failure));
  }

  /**
   * Pauses the connection until {@code until} (a later pause already set is kept), in its own
   * transaction: for Earshot's own limits, such as the local daily quota ({@code
   * GongRateLimiter.QuotaExhausted}). The status does not change; a new pause is logged and counted
   * ({@code earshot.ingest.connection.paused{cause=local}}) once.
   *
   * @param until when Gong may be called again
   * @param reason shown to admins as {@code pauseReason}, e.g. "local daily Gong quota spent"
   */
  @Transactional(propagation = Propagation.REQUIRES_NEW)
  public void pauseUntil(UUID connectionId, Instant until, String reason) {
    connections
        .find(connectionId)
        .map(ConnectionRepository.Stored::connection)
        .ifPresent(connection -> pause(connection, until, reason, "local"));
  }

  /**
   * {@link #refused} in the caller's transaction, for this package's use cases that already hold
   * the row (health check, edit, token refresh).
   *
   * @return the refusal, empty when the failure was not one
   */
  public Optional<Refusal> hold(WorkspaceConnection connection, GongApiException failure) {
    Optional<Refusal> refusal =
        Refusal.of(failure, connection.authKind(), GongConnections.LONGEST_CLIENT_WAIT);
    refusal.ifPresent(
        found -> {
          Instant now = clock.instant();
          switch (found) {
            case Refusal.Held held -> hold(connection, held, failure, now);
            case Refusal.Paused paused -> {
              Instant until = paused.until(now);
              if (pause(connection, until, Refusal.Paused.reason(until), "gong")) {
                meters
                    .counter("earshot.ingest.connection.refused", "reason", "rate_limited")
                    .increment();
              }
            }
          }
        });
    return refusal;
  }

  /**
   * A successful check (health check, verified edit): a held status goes back to {@code connected}
   * and any pause ends, in the caller's transaction.
   *
   * @return whether the status changed (a {@link ConnectionChanged} was published)
   */
  boolean release(WorkspaceConnection connection) {
    if (!connections.release(connection.id(), clock.instant())) {
      return false;
    }
    events.publishEvent(new ConnectionChanged(connection.id()));
    log.atInfo()
        .addKeyValue("connectionId", connection.id())
        .addKeyValue("org", connection.orgId())
        .addKeyValue("was", connection.status().apiName())
        .log("Gong accepts the connection again");
    return true;
  }

  private void hold(
      WorkspaceConnection connection, Refusal.Held held, GongApiException failure, Instant now) {
    if (!connections.hold(connection.id(), held.status(), held.reason(), now)) {
      return;
    }
    events.publishEvent(new ConnectionChanged(connection.id()));
    meters
        .counter("earshot.ingest.connection.refused", "reason", held.status().apiName())
        .increment();
    log.atError()
        .addKeyValue(
            "alert",
            failure.endpoint() == Refusal.TOKEN
                ? "gong_token_refresh_failed"
                : "gong_connection_refused")
        .addKeyValue("connectionId", connection.id())
        .addKeyValue("org", connection.orgId())
        .addKeyValue("status", held.status().apiName())
        .addKeyValue("endpoint", failure.endpoint().path())
        .addKeyValue("gongStatus", failure.status())
        .addKeyValue("gongRequestId", failure.requestId().orElse(null))
        .log("Gong refused the connection; nothing calls Gong through it until an admin fixes it");
  }

  private boolean pause(
      WorkspaceConnection connection, Instant until, String reason, String cause) {
    Instant now = clock.instant();
    if (!connections.pause(connection.id(), until, reason, now)) {
      return false;
    }
    meters.counter("earshot.ingest.connection.paused", "cause", cause).increment();
    log.atWarn()
        .addKeyValue("connectionId", connection.id())
        .addKeyValue("org", connection.orgId())
        .addKeyValue("pausedUntil", until)
        .addKeyValue("cause", cause)
        .log("connection paused: " + reason);
    return true;
  }
}
