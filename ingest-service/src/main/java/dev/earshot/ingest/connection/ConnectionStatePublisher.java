package dev.earshot.ingest.connection;

import dev.earshot.events.AuthKind;
import dev.earshot.events.Topics;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.apache.avro.specific.SpecificRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * The outbox's publishing side. Spring Modulith's event publication registry stores each {@link
 * ConnectionChanged} with the transaction that caused it and calls this listener after commit; a
 * publication that fails stays incomplete and is resubmitted. The listener re-reads the row under
 * its lock and holds it until Kafka acknowledged the send: every change commits either before a
 * read (and is sent) or after a send (and has its own publication still to come), so the last
 * record on the compacted topic is the current state however publications interleave. A
 * disconnected connection becomes a tombstone. Never a token or secret: only the webhook key hash.
 */
@Component
class ConnectionStatePublisher {

  private static final Logger log = LoggerFactory.getLogger(ConnectionStatePublisher.class);

  private final ConnectionRepository connections;
  private final KafkaTemplate<String, SpecificRecord> kafka;

  ConnectionStatePublisher(
      ConnectionRepository connections, KafkaTemplate<String, SpecificRecord> kafka) {
    this.connections = connections;
    this.kafka = kafka;
  }

  @ApplicationModuleListener
  void on(ConnectionChanged changed) throws Exception {
    Connection connection =
        connections
            .lockForPublishing(changed.connectionId())
            .map(ConnectionRepository.Stored::connection)
            .orElse(null);
    String key = changed.connectionId().toString();
    SpecificRecord value =
        connection == null || connection.status() == ConnectionStatus.DISCONNECTED
            ? null
            : record(connection);
    kafka.send(Topics.CONNECTIONS, key, value).get(30, TimeUnit.SECONDS);
    log.atInfo()
        .addKeyValue("connectionId", key)
        .addKeyValue("tombstone", value == null)
        .log("published connection state");
  }

  /**
   * The status as the topic's enum names it: {@code forbidden} goes out as {@code UNAUTHORIZED}
   * (Gong refuses the connection's requests either way). A new symbol would need every consumer
   * deployed first: readers refuse writer schemas they do not know.
   */
  static dev.earshot.events.ConnectionStatus topicStatus(ConnectionStatus status) {
    return status == ConnectionStatus.FORBIDDEN
        ? dev.earshot.events.ConnectionStatus.UNAUTHORIZED
        : dev.earshot.events.ConnectionStatus.valueOf(status.name());
  }

  static dev.earshot.events.Connection record(Connection c) {
    return dev.earshot.events.Connection.newBuilder()
        .setConnectionId(c.id().toString())
        .setOrgId(c.orgId())
        .setStatus(topicStatus(c.status()))
        .setAuthKind(
            c.authKind() == dev.earshot.ingest.connection.AuthKind.OAUTH
                ? AuthKind.OAUTH
                : AuthKind.API_KEY)
        .setApiBaseUrl(c.baseUrl())
        .setWebhookKeyHash(c.webhookKeyHash())
        .setWebhookJwtPublicKey(c.webhookPublicKey())
        .setUpdatedAt(c.updatedAt() == null ? Instant.now() : c.updatedAt())
        .build();
  }
}
