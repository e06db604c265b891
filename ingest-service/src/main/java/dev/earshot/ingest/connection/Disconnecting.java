package dev.earshot.ingest.connection;

import java.time.Clock;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * An admin disconnects: the connection is marked disconnected, its credentials deleted, polling
 * stops (the poller only reads connected rows), and a tombstone goes to gong.connections.v1.
 * Feedback posts stay: they live in dedup-service.
 */
@Service
public class Disconnecting {

  private final ConnectionRepository connections;
  private final ApplicationEventPublisher events;
  private final Clock clock;

  Disconnecting(ConnectionRepository connections, ApplicationEventPublisher events, Clock clock) {
    this.connections = connections;
    this.events = events;
    this.clock = clock;
  }

  @Transactional
  public void disconnect(String orgId) {
    WorkspaceConnection c =
        connections.findLive(orgId).orElseThrow(ConnectionProblems::noConnection).connection();
    connections.disconnect(c.id(), clock.instant());
    events.publishEvent(new ConnectionChanged(c.id()));
  }
}
