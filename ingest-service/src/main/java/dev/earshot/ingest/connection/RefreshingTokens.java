package dev.earshot.ingest.connection;

import dev.earshot.gong.api.TokenResponse;
import dev.earshot.gong.client.GongApiException;
import dev.earshot.ingest.IngestProperties;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Refreshes OAuth tokens ahead of expiry (default 5 minutes), once across replicas: due rows are
 * locked {@code FOR UPDATE SKIP LOCKED}, so another replica skips them. Gong rotates the refresh
 * token, so the new one is stored in the same transaction that holds the lock. A refused refresh
 * marks the connection {@code unauthorized}, counts {@code earshot.ingest.token_refresh.failures}
 * and logs an alert-ready event ({@code alert=gong_token_refresh_failed}).
 */
@Service
public class RefreshingTokens {

  private static final Logger log = LoggerFactory.getLogger(RefreshingTokens.class);

  private final ConnectionRepository connections;
  private final SecretsCodec codec;
  private final GongConnections gong;
  private final ApplicationEventPublisher events;
  private final IngestProperties properties;
  private final MeterRegistry meters;
  private final Clock clock;

  RefreshingTokens(
      ConnectionRepository connections,
      SecretsCodec codec,
      GongConnections gong,
      ApplicationEventPublisher events,
      IngestProperties properties,
      MeterRegistry meters,
      Clock clock) {
    this.connections = connections;
    this.codec = codec;
    this.gong = gong;
    this.events = events;
    this.properties = properties;
    this.meters = meters;
    this.clock = clock;
  }

  @Scheduled(
      fixedDelayString = "${earshot.ingest.refresh-interval:60s}",
      initialDelayString = "${earshot.ingest.refresh-interval:60s}")
  public void scheduled() {
    refreshDue();
  }

  /** Refreshes every due connection this replica could lock; returns how many it refreshed. */
  @Transactional
  public int refreshDue() {
    Instant now = clock.instant();
    int refreshed = 0;
    for (ConnectionRepository.Stored stored :
        connections.lockDueForRefresh(now.plus(properties.refreshAhead()), 50)) {
      Connection c = stored.connection();
      if (!(codec.open(c.id(), stored.credentials()) instanceof GongSecrets.OAuth secrets)) {
        continue;
      }
      try {
        TokenResponse tokens =
            gong.oauth(secrets.clientId(), secrets.clientSecret()).refresh(secrets.refreshToken());
        GongSecrets.OAuth renewed =
            new GongSecrets.OAuth(
                tokens.accessToken(),
                tokens.refreshToken(),
                clock.instant().plusSeconds(tokens.expiresIn()),
                secrets.clientId(),
                secrets.clientSecret());
        connections.updateCredentials(
            c.id(),
            codec.seal(c.id(), renewed),
            codec.primaryKeyId(),
            c.maskedKey(),
            c.maskedSecret(),
            renewed.expiresAt(),
            clock.instant());
        meters.counter("earshot.ingest.token_refresh", "outcome", "refreshed").increment();
        refreshed++;
      } catch (GongApiException.Rejected | GongApiException.Unauthorized refused) {
        connections.updateStatus(
            c.id(),
            ConnectionStatus.UNAUTHORIZED,
            "token refresh refused by Gong; reconnect through OAuth",
            clock.instant());
        events.publishEvent(new ConnectionChanged(c.id()));
        meters.counter("earshot.ingest.token_refresh.failures", "org", c.orgId()).increment();
        log.atError()
            .addKeyValue("alert", "gong_token_refresh_failed")
            .addKeyValue("connectionId", c.id())
            .addKeyValue("org", c.orgId())
            .addKeyValue("status", refused.status())
            .log("Gong refused the token refresh; the connection needs an admin to reconnect");
      } catch (GongApiException unavailable) {
        meters.counter("earshot.ingest.token_refresh", "outcome", "retry_later").increment();
        log.atWarn().addKeyValue("connectionId", c.id()).log("token refresh failed; will retry");
      }
    }
    return refreshed;
  }
}
