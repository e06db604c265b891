package dev.earshot.ingest.webhook;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Webhook subscriptions in PostgreSQL, one per connection. */
@Repository
class WebhookSubscriptions {

  private final JdbcClient jdbc;

  WebhookSubscriptions(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  void save(WebhookSubscription s) {
    jdbc.sql(
            """
            insert into webhook_subscription (connection_id, registrar, auth, status, reason, rule_id,
              masked_url, subscribed_at, last_delivery_at, deliveries)
            values (:c, :registrar, :auth, :status, :reason, :rule, :url, :at, null, 0)
            on conflict (connection_id) do update set registrar = excluded.registrar,
              auth = excluded.auth, status = excluded.status, reason = excluded.reason,
              rule_id = excluded.rule_id, masked_url = excluded.masked_url,
              subscribed_at = excluded.subscribed_at, last_delivery_at = null, deliveries = 0
            """)
        .param("c", s.connectionId())
        .param("registrar", s.registrar())
        .param("auth", s.auth().name())
        .param("status", s.status().name())
        .param("reason", s.reason())
        .param("rule", s.ruleId())
        .param("url", s.maskedUrl())
        .param("at", Timestamp.from(s.subscribedAt()))
        .update();
  }

  Optional<WebhookSubscription> find(UUID connectionId) {
    return jdbc.sql("select * from webhook_subscription where connection_id = :c")
        .param("c", connectionId)
        .query(WebhookSubscriptions::subscription)
        .optional();
  }

  /**
   * Counts accepted deliveries; any delivery makes the subscription active. A failed subscribe's
   * reason stays: a delivery after it came through the URL the connection had, so webhooks arrive,
   * but the subscribe did not happen (no new URL, no new key) and the connection stays {@code
   * webhook_subscription_failed} with that reason until one succeeds ({@link #save} clears it).
   */
  void delivered(UUID connectionId, long count, Instant latest) {
    jdbc.sql(
            """
            update webhook_subscription set deliveries = deliveries + :n, status = 'ACTIVE',
              last_delivery_at = greatest(coalesce(last_delivery_at, :latest), :latest)
             where connection_id = :c
            """)
        .param("n", count)
        .param("latest", Timestamp.from(latest))
        .param("c", connectionId)
        .update();
  }

  private static WebhookSubscription subscription(ResultSet rs, int row) throws SQLException {
    Timestamp last = rs.getTimestamp("last_delivery_at");
    return new WebhookSubscription(
        rs.getObject("connection_id", UUID.class),
        rs.getString("registrar"),
        WebhookAuth.valueOf(rs.getString("auth")),
        WebhookSubscription.Status.valueOf(rs.getString("status")),
        rs.getString("reason"),
        rs.getString("rule_id"),
        rs.getString("masked_url"),
        rs.getTimestamp("subscribed_at").toInstant(),
        last == null ? null : last.toInstant(),
        rs.getLong("deliveries"));
  }
}
