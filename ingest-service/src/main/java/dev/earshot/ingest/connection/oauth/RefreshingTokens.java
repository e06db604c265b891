package dev.earshot.ingest.connection.oauth;

import dev.earshot.gong.api.TokenResponse;
import dev.earshot.gong.client.GongApiException;
import dev.earshot.ingest.IngestProperties;
import dev.earshot.ingest.connection.ConnectionRepository;
import dev.earshot.ingest.connection.GongConnections;
import dev.earshot.ingest.connection.GongSecrets;
import dev.earshot.ingest.connection.HoldingConnections;
import dev.earshot.ingest.connection.SecretsCodec;
import dev.earshot.ingest.connection.WorkspaceConnection;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Refreshes OAuth tokens ahead of expiry (default 5 minutes), once across replicas, one connection
 * per transaction: the next due row is locked {@code FOR UPDATE SKIP LOCKED} (another replica skips
 * it), refreshed, stored and committed before the next row is touched, so a failure on one
 * connection never rolls back another's rotation (review C3).
 *
 * <p>Gong rotates refresh tokens: the old one stops working once Gong answered. So:
 *
 * <ul>
 *   <li>the rotated refresh token is the first thing written after Gong's answer, and committed
 *       with nothing else that can fail; an answer without {@code refresh_token} keeps the old one,
 *       one without {@code expires_in} lasts {@code earshot.ingest.token-refresh.assumed-lifetime}
 *       ({@link GongSecrets.OAuth#renewedBy});
 *   <li>a refresh is never retried blindly (gong-client does not retry token requests). No answer
 *       (a timeout, a dropped connection) means the outcome is unknown: the row is marked {@code
 *       OUTCOME_UNKNOWN} ({@code earshot.ingest.token_refresh{outcome=unknown}}, a WARN line) and
 *       the next run (a minute later) tells: an answer stores the tokens; a refusal of the old
 *       token then means Gong probably rotated it in the lost answer, so the connection is not
 *       marked {@code unauthorized}: it is held from further refreshes with a reason, {@code
 *       alert=gong_token_refresh_outcome_unknown} is logged once, {@code
 *       earshot.ingest.token_refresh.failures{org}} counts it, and an admin decides (connect again
 *       through OAuth);
 *   <li>a refusal otherwise (4xx from the token endpoint: {@code invalid_grant}, {@code
 *       invalid_client}) marks the connection {@code unauthorized} through {@link
 *       HoldingConnections} (one {@code alert=gong_token_refresh_failed}), and counts {@code
 *       earshot.ingest.token_refresh.failures{org}};
 *   <li>Gong failing with an answer (5xx, a short 429) leaves the tokens as they are: the next run
 *       tries again.
 *   <li>a connection stored without a refresh token is held with a reason (connect again); any
 *       other failure of one connection ({@code earshot.ingest.token_refresh{outcome=failed}})
 *       rolls back its own transaction only, and the run goes on: one connection never stops the
 *       others' refreshes (they are locked by expiry, so a failing first one would otherwise stop
 *       all).
 * </ul>
 *
 * A graceful shutdown waits for a refresh under way ({@code
 * spring.task.scheduling.shutdown.await-termination}).
 */
@Service
public class RefreshingTokens {

  private static final Logger log = LoggerFactory.getLogger(RefreshingTokens.class);

  /** What one connection's refresh came to. */
  enum Outcome {
    REFRESHED,
    REFUSED,
    UNKNOWN,
    HELD,
    RETRY_LATER,
    /** Anything else went wrong with this connection (its transaction rolled back). */
    FAILED;

    String tag() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  private final ConnectionRepository connections;
  private final SecretsCodec codec;
  private final GongConnections gong;
  private final HoldingConnections holding;
  private final IngestProperties properties;
  private final MeterRegistry meters;
  private final Clock clock;
  private final TransactionTemplate perConnection;

  RefreshingTokens(
      ConnectionRepository connections,
      SecretsCodec codec,
      GongConnections gong,
      HoldingConnections holding,
      IngestProperties properties,
      MeterRegistry meters,
      Clock clock,
      PlatformTransactionManager transactions) {
    this.connections = connections;
    this.codec = codec;
    this.gong = gong;
    this.holding = holding;
    this.properties = properties;
    this.meters = meters;
    this.clock = clock;
    this.perConnection = new TransactionTemplate(transactions);
    this.perConnection.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  @Scheduled(
      fixedDelayString = "#{" + IngestProperties.BEAN + ".refreshInterval()}",
      initialDelayString = "#{" + IngestProperties.BEAN + ".refreshInterval()}")
  public void scheduled() {
    refreshDue();
  }

  /**
   * Refreshes every connection due within {@code refresh-ahead} that this replica can lock, one
   * transaction each, each at most once per run.
   *
   * @return how many it refreshed
   */
  public int refreshDue() {
    Instant due = clock.instant().plus(properties.refreshAhead());
    Set<UUID> tried = new HashSet<>();
    int refreshed = 0;
    while (tried.size() < properties.tokenRefresh().maxPerRun()) {
      AtomicReference<WorkspaceConnection> locked = new AtomicReference<>();
      Optional<Attempt> attempt;
      try {
        attempt = Optional.ofNullable(perConnection.execute(tx -> refreshNext(due, tried, locked)));
      } catch (RuntimeException failure) {
        if (locked.get() == null) {
          throw failure; // before any connection was locked: the database, not a connection
        }
        // one connection's fault never stops the others' refreshes: it is tried again next run
        attempt = Optional.of(failed(locked.get(), failure));
      }
      if (attempt.isEmpty()) {
        break;
      }
      tried.add(attempt.get().connectionId());
      meters
          .counter("earshot.ingest.token_refresh", "outcome", attempt.get().outcome().tag())
          .increment();
      if (attempt.get().outcome() == Outcome.REFRESHED) {
        refreshed++;
      }
    }
    return refreshed;
  }

  private record Attempt(UUID connectionId, Outcome outcome) {}

  /** Locks, refreshes and stores the next due connection, in the caller's (new) transaction. */
  private Attempt refreshNext(
      Instant due, Set<UUID> tried, AtomicReference<WorkspaceConnection> locked) {
    Optional<ConnectionRepository.Stored> next = connections.lockNextDueForRefresh(due, tried);
    if (next.isEmpty()) {
      return null;
    }
    ConnectionRepository.Stored stored = next.get();
    WorkspaceConnection c = stored.connection();
    locked.set(c);
    if (!(codec.open(c.id(), stored.credentials()) instanceof GongSecrets.OAuth secrets)) {
      return new Attempt(c.id(), Outcome.RETRY_LATER);
    }
    if (secrets.refreshToken() == null || secrets.refreshToken().isBlank()) {
      return new Attempt(c.id(), withoutRefreshToken(c));
    }
    return new Attempt(c.id(), refresh(stored, secrets));
  }

  /**
   * A connection stored without a refresh token (a grant from before the callback refused such
   * answers) cannot be refreshed: it is held, with a reason, so it is not locked again every run.
   */
  private Outcome withoutRefreshToken(WorkspaceConnection c) {
    connections.holdRefresh(
        c.id(),
        "Gong granted this connection no refresh token, so Earshot cannot renew its access token;"
            + " requests work until it expires at "
            + c.tokenExpiresAt()
            + ". Connect again through OAuth.",
        clock.instant());
    log.atError()
        .addKeyValue("alert", "gong_token_refresh_failed")
        .addKeyValue("connectionId", c.id())
        .addKeyValue("org", c.orgId())
        .log("an OAuth connection has no refresh token; held for an admin to reconnect");
    meters.counter("earshot.ingest.token_refresh.failures", "org", c.orgId()).increment();
    return Outcome.HELD;
  }

  /**
   * This connection's refresh failed in a way none of the outcomes above names (a credential that
   * cannot be decrypted, a bug): its transaction rolled back, so its tokens are as they were; it is
   * logged (the exception's class only: its message may hold credential material) and counted, the
   * run goes on to the next due connection, and the next run tries it again.
   */
  private Attempt failed(WorkspaceConnection c, RuntimeException failure) {
    log.atError()
        .addKeyValue("connectionId", c.id())
        .addKeyValue("org", c.orgId())
        .addKeyValue("exception", failure.getClass().getName())
        .log(
            "token refresh failed unexpectedly; the other connections go on, this one is tried"
                + " again next run");
    meters.counter("earshot.ingest.token_refresh.failures", "org", c.orgId()).increment();
    return new Attempt(c.id(), Outcome.FAILED);
  }

  private Outcome refresh(ConnectionRepository.Stored stored, GongSecrets.OAuth secrets) {
    WorkspaceConnection c = stored.connection();
    TokenResponse tokens;
    try {
      tokens =
          gong.oauth(secrets.clientId(), secrets.clientSecret()).refresh(secrets.refreshToken());
    } catch (GongApiException.Unavailable noAnswer) {
      return noAnswer.status() == 0 ? unknown(c) : retryLater(c, noAnswer);
    } catch (GongApiException.Rejected | GongApiException.Unauthorized refused) {
      return stored.refreshOutcomeUnknown() ? held(c, refused) : refused(c, refused);
    } catch (GongApiException failure) {
      return retryLater(c, failure);
    }
    Instant now = clock.instant();
    GongSecrets.OAuth renewed =
        secrets.renewedBy(tokens, now, properties.tokenRefresh().assumedLifetime());
    connections.storeRefreshed(
        c.id(), codec.seal(c.id(), renewed), codec.primaryKeyId(), renewed.expiresAt(), now);
    log.atInfo()
        .addKeyValue("connectionId", c.id())
        .addKeyValue("org", c.orgId())
        .addKeyValue("refreshTokenRotated", !secrets.refreshToken().equals(renewed.refreshToken()))
        .addKeyValue("expiresAt", renewed.expiresAt())
        .log("refreshed Gong tokens");
    return Outcome.REFRESHED;
  }

  private Outcome unknown(WorkspaceConnection c) {
    connections.markRefreshOutcomeUnknown(c.id(), clock.instant());
    log.atWarn()
        .addKeyValue("connectionId", c.id())
        .addKeyValue("org", c.orgId())
        .log(
            "token refresh got no answer: Gong may have rotated the refresh token; not retried now,"
                + " the next run tells");
    return Outcome.UNKNOWN;
  }

  private Outcome held(WorkspaceConnection c, GongApiException refused) {
    connections.holdRefresh(
        c.id(),
        "Gong refuses this connection's refresh token ("
            + refused.getMessage()
            + ") after a refresh whose answer was lost: Gong probably rotated it then. Earshot"
            + " stopped refreshing; requests work until the access token expires at "
            + c.tokenExpiresAt()
            + ". Connect again through OAuth.",
        clock.instant());
    log.atError()
        .addKeyValue("alert", "gong_token_refresh_outcome_unknown")
        .addKeyValue("connectionId", c.id())
        .addKeyValue("org", c.orgId())
        .addKeyValue("status", refused.status())
        .log(
            "Gong refused the refresh token after a refresh whose answer was lost; the connection"
                + " is kept for an admin to reconnect");
    // a refusal all the same: the connection stops when its access token expires unless an admin
    // reconnects (EarshotTokenRefreshFailing reads this counter)
    meters.counter("earshot.ingest.token_refresh.failures", "org", c.orgId()).increment();
    return Outcome.HELD;
  }

  private Outcome refused(WorkspaceConnection c, GongApiException refused) {
    holding.hold(c, refused);
    meters.counter("earshot.ingest.token_refresh.failures", "org", c.orgId()).increment();
    return Outcome.REFUSED;
  }

  private Outcome retryLater(WorkspaceConnection c, GongApiException failure) {
    log.atWarn()
        .addKeyValue("connectionId", c.id())
        .addKeyValue("status", failure.status())
        .log("token refresh failed; the next run tries again");
    return Outcome.RETRY_LATER;
  }
}
