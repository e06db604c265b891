package dev.earshot.ingest.connection;

import dev.earshot.gong.auth.Masked;
import java.time.Instant;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;

/**
 * How the use cases that take credentials from an admin ({@link ConnectingWithApiKey}, {@code
 * oauth.CompletingOAuth}, {@link EditingConnection}) store them, in one sequence: the secrets
 * sealed with the primary key ({@link SecretsCodec}), Gong's health check recorded when there is
 * one, and {@link ConnectionChanged} published so the connection's state reaches
 * gong.connections.v1 ({@link ConnectionStatePublisher}). Runs inside the caller's transaction.
 */
@Component
public class ConnectionStore {

  private final ConnectionRepository connections;
  private final SecretsCodec codec;
  private final ApplicationEventPublisher events;

  ConnectionStore(
      ConnectionRepository connections, SecretsCodec codec, ApplicationEventPublisher events) {
    this.connections = connections;
    this.codec = codec;
    this.events = events;
  }

  /**
   * Stores a new connection with its sealed secrets, records {@code health} (null: none checked)
   * and announces it.
   *
   * @throws dev.earshot.kit.web.ApiProblem 409 when the workspace is another org's connection
   */
  public void add(WorkspaceConnection connection, GongSecrets secrets, HealthCheck health) {
    try {
      connections.insert(connection, codec.seal(connection.id(), secrets), codec.primaryKeyId());
    } catch (DuplicateKeyException e) {
      throw ConnectionProblems.workspaceLinkedElsewhere();
    }
    if (health != null) {
      connections.recordHealth(connection.id(), health);
    }
    changed(connection.id());
  }

  /**
   * Stores an edit Gong accepted: an access key sealed anew with its masks (OAuth secrets are kept
   * as they are), the new base URL when {@code baseUrl} is not null, and {@code health}. The caller
   * announces it ({@link #changed}) unless releasing a hold already did.
   *
   * @throws dev.earshot.kit.web.ApiProblem 409 when the new base URL is another org's connection
   */
  void update(UUID id, GongSecrets secrets, String baseUrl, HealthCheck health, Instant now) {
    if (secrets instanceof GongSecrets.ApiKey key) {
      connections.updateCredentials(
          id,
          codec.seal(id, key),
          codec.primaryKeyId(),
          Masked.lastFour(key.accessKey()),
          Masked.lastFour(key.secret()),
          null,
          now);
    }
    if (baseUrl != null) {
      try {
        connections.updateBaseUrl(id, baseUrl, now);
      } catch (DuplicateKeyException raced) {
        throw ConnectionProblems.workspaceLinkedElsewhere();
      }
    }
    connections.recordHealth(id, health);
  }

  /** Announces that connection {@code id} changed: its state goes out after the commit. */
  public void changed(UUID id) {
    events.publishEvent(new ConnectionChanged(id));
  }
}
