package dev.earshot.gateway.connection;

import dev.earshot.events.Connection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * The latest state of every connection, as gong.connections.v1 tells it; a tombstone removes one.
 * While the feed is not known to hold everything on the topic ({@link #ready()} false: catching up
 * after start, or behind), a connection missing from the table may just not have been read yet, so
 * webhooks for it are answered 503 and Gong retries instead of getting a false 404.
 */
@Component
public class ConnectionTable {

  private final Map<String, WebhookConnection> connections = new ConcurrentHashMap<>();
  private final FeedCondition feed;

  ConnectionTable(FeedCondition feed) {
    this.feed = feed;
  }

  public Optional<WebhookConnection> find(String connectionId) {
    return Optional.ofNullable(connections.get(connectionId));
  }

  /**
   * Whether the table is known to hold every connection on the topic: the feed runs and reached the
   * topic's end offsets recently ({@code earshot.gateway.feed.ready-within}). The replica's
   * readiness.
   */
  public boolean ready() {
    return feed.state().ready();
  }

  public int size() {
    return connections.size();
  }

  void put(String connectionId, Connection state) {
    connections.put(connectionId, WebhookConnection.of(state));
  }

  void remove(String connectionId) {
    connections.remove(connectionId);
  }
}
