package dev.earshot.gateway.connection;

import dev.earshot.events.Connection;

/**
 * What one record of gong.connections.v1 means for the table. A record that cannot be applied is
 * {@link Unreadable} and set aside (counted and logged), never a reason to stop the feed: a newer
 * producer's schema (review M12) or stray bytes must not freeze every connection.
 */
sealed interface FeedRecord {

  /** The connection's latest state. */
  record Upsert(String connectionId, Connection state) implements FeedRecord {}

  /** A tombstone: the connection was disconnected. */
  record Removal(String connectionId) implements FeedRecord {}

  /**
   * A record set aside.
   *
   * @param reason metric tag: {@code undecodable}, {@code no-key}, {@code not-a-connection}
   * @param detail for the log line; never the record's bytes
   */
  record Unreadable(String reason, String detail) implements FeedRecord {}

  /** The value the feed's deserializer gives for bytes no known writer schema decodes. */
  record Undecodable(String detail) {}

  /**
   * @param key the record key (the connection id), possibly null
   * @param value a {@link Connection}, null (tombstone), an {@link Undecodable}, or another event
   */
  static FeedRecord of(String key, Object value) {
    if (value instanceof Undecodable undecodable) {
      return new Unreadable("undecodable", undecodable.detail());
    }
    if (key == null || key.isBlank()) {
      return new Unreadable("no-key", "a record without a connection id");
    }
    return switch (value) {
      case null -> new Removal(key);
      case Connection connection -> new Upsert(key, connection);
      default ->
          new Unreadable(
              "not-a-connection", "a " + value.getClass().getSimpleName() + " is not a Connection");
    };
  }
}
