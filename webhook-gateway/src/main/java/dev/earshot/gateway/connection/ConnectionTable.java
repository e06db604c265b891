package dev.earshot.gateway.connection;

import dev.earshot.events.Connection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * The latest state of every connection, as gong.connections.v1 tells it; a tombstone removes one.
 * Until the feed has read the topic to its end the table is not ready, and webhooks are answered
 * 503 so Gong retries instead of getting a false 404.
 */
@Component
public class ConnectionTable {

  private final Map<String, WebhookConnection> connections = new ConcurrentHashMap<>();
  private volatile boolean caughtUp;

  public Optional<WebhookConnection> find(String connectionId) {
    return Optional.ofNullable(connections.get(connectionId));
  }

  public boolean caughtUp() {
    return caughtUp;
  }

  public int size() {
    return connections.size();
  }

  void apply(String connectionId, Connection state) {
    if (state == null) {
      connections.remove(connectionId);
    } else {
      connections.put(connectionId, WebhookConnection.of(state));
    }
  }

  void markCaughtUp() {
    caughtUp = true;
  }
}
