package dev.earshot.ingest.connection;

import dev.earshot.gong.client.GongApiException;
import java.time.Clock;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Lists users through Gong with the stored credentials and records the result. A rejection moves
 * the connection to {@code unauthorized} (401) or {@code insufficient_scope} (403), with Gong's
 * message as the reason.
 */
@Service
public class CheckingHealth {

  private final ConnectionRepository connections;
  private final SecretsCodec codec;
  private final GongConnections gong;
  private final ApplicationEventPublisher events;
  private final Clock clock;

  CheckingHealth(
      ConnectionRepository connections,
      SecretsCodec codec,
      GongConnections gong,
      ApplicationEventPublisher events,
      Clock clock) {
    this.connections = connections;
    this.codec = codec;
    this.gong = gong;
    this.events = events;
    this.clock = clock;
  }

  @Transactional
  public Connection check(String orgId) {
    ConnectionRepository.Stored stored =
        connections.findLive(orgId).orElseThrow(ConnectionProblems::noConnection);
    Connection c = stored.connection();
    HealthCheck health;
    ConnectionStatus status = c.status();
    String reason = c.statusReason();
    try {
      int users =
          gong.client(c.id(), c.baseUrl(), codec.open(c.id(), stored.credentials()))
              .allUsers()
              .size();
      health = new HealthCheck(clock.instant(), true, users, null);
      if (status == ConnectionStatus.UNAUTHORIZED) {
        status = ConnectionStatus.CONNECTED;
        reason = null;
      }
    } catch (GongApiException.Unauthorized e) {
      health = new HealthCheck(clock.instant(), false, 0, e.getMessage());
      status = ConnectionStatus.UNAUTHORIZED;
      reason = e.getMessage();
    } catch (GongApiException.Forbidden e) {
      health = new HealthCheck(clock.instant(), false, 0, e.getMessage());
      status =
          e.missingScope().isPresent()
              ? ConnectionStatus.INSUFFICIENT_SCOPE
              : ConnectionStatus.UNAUTHORIZED;
      reason = e.missingScope().map(scope -> "missing scope " + scope).orElse(e.getMessage());
    } catch (GongApiException e) {
      health = new HealthCheck(clock.instant(), false, 0, e.getMessage());
    }
    connections.recordHealth(c.id(), health);
    if (status != c.status()) {
      connections.updateStatus(c.id(), status, reason, clock.instant());
      events.publishEvent(new ConnectionChanged(c.id()));
    }
    return connections.find(c.id()).orElseThrow().connection();
  }
}
