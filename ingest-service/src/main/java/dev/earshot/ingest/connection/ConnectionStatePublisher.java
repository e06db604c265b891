package dev.earshot.ingest.connection;

import dev.earshot.events.AuthKind;
import dev.earshot.events.Connection;
import dev.earshot.events.ConnectionStatus;
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
 * publication that fails (no acknowledgement within {@code earshot.ingest.outbox.publish-timeout})
 * is marked failed and resubmitted while the service runs ({@link RepublishingConnectionState}) and
 * at its next start. The listener re-reads the row under its lock and holds it until Kafka
 * acknowledged the send: every change commits either before a read (and is sent) or after a send
 * (and has its own publication still to come), so the last record on the compacted topic is the
 * current state however publications interleave. A disconnected connection becomes a tombstone.
 * Never a token or secret: only the webhook key hash.
 */
@Component
class ConnectionStatePublisher {

  private static final Logger log = LoggerFactory.getLogger(ConnectionStatePublisher.class);

  private final ConnectionRepository connections;
  private final KafkaTemplate<String, SpecificRecord> kafka;
  private final java.time.Duration publishTimeout;

  ConnectionStatePublisher(
      ConnectionRepository connections,
      KafkaTemplate<String, SpecificRecord> kafka,
      dev.earshot.ingest.IngestProperties properties) {
    this.connections = connections;
    this.kafka = kafka;
    this.publishTimeout = properties.outbox().publishTimeout();
  }

  @ApplicationModuleListener
  void on(ConnectionChanged changed) throws Exception {
    WorkspaceConnection connection =
        connections
            .lockForPublishing(changed.connectionId())
            .map(ConnectionRepository.Stored::connection)
            .orElse(null);
    String key = changed.connectionId().toString();
    SpecificRecord value =
        connection == null || connection.status() == ConnectionState.DISCONNECTED
            ? null
            : record(connection);
    kafka
        .send(Topics.CONNECTIONS, key, value)
        .get(publishTimeout.toMillis(), TimeUnit.MILLISECONDS);
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
  static ConnectionStatus topicStatus(ConnectionState status) {
    return status == ConnectionState.FORBIDDEN
        ? ConnectionStatus.UNAUTHORIZED
        : ConnectionStatus.valueOf(status.name());
  }

  static Connection record(WorkspaceConnection c) {
    return Connection.newBuilder()
        .setConnectionId(c.id().toString())
        .setOrgId(c.orgId())
        .setStatus(topicStatus(c.status()))
        .setAuthKind(c.authKind() == AuthMethod.OAUTH ? AuthKind.OAUTH : AuthKind.API_KEY)
        .setApiBaseUrl(c.baseUrl())
        .setWebhookKeyHash(c.webhookKeyHash())
        .setWebhookJwtPublicKey(c.webhookPublicKey())
        .setUpdatedAt(c.updatedAt() == null ? Instant.now() : c.updatedAt())
        .build();
  }
}
