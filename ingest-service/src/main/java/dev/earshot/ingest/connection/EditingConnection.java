package dev.earshot.ingest.connection;

import dev.earshot.gong.auth.Masked;
import java.time.Clock;
import java.time.Instant;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * An admin edits the connection. Blank or absent fields keep their stored values (the form shows
 * masks, never secrets); a replaced key or URL is verified with Gong before it is stored.
 */
@Service
public class EditingConnection {

  /** Fields to change; null or blank means "keep". */
  public record Changes(String baseUrl, String accessKey, String secret) {}

  private final ConnectionRepository connections;
  private final SecretsCodec codec;
  private final ConnectingWithApiKey connecting;
  private final ApplicationEventPublisher events;
  private final Clock clock;

  EditingConnection(
      ConnectionRepository connections,
      SecretsCodec codec,
      ConnectingWithApiKey connecting,
      ApplicationEventPublisher events,
      Clock clock) {
    this.connections = connections;
    this.codec = codec;
    this.connecting = connecting;
    this.events = events;
    this.clock = clock;
  }

  @Transactional
  public Connection edit(String orgId, Changes changes) {
    ConnectionRepository.Stored stored =
        connections.findLive(orgId).orElseThrow(ConnectionProblems::noConnection);
    Connection current = stored.connection();
    boolean urlChanged = present(changes.baseUrl());
    boolean keyChanged = present(changes.accessKey()) || present(changes.secret());
    if (!urlChanged && !keyChanged) {
      return current;
    }
    String baseUrl =
        urlChanged ? connecting.guarded(changes.baseUrl()).toString() : current.baseUrl();
    GongSecrets secrets = codec.open(current.id(), stored.credentials());
    if (keyChanged) {
      if (!(secrets instanceof GongSecrets.ApiKey key)) {
        throw new dev.earshot.kit.web.ApiProblem(
            org.springframework.http.HttpStatus.BAD_REQUEST,
            "not-an-api-key-connection",
            "Not an API-key connection",
            "This connection uses OAuth; reconnect through Gong to change its credentials.");
      }
      secrets =
          new GongSecrets.ApiKey(
              present(changes.accessKey()) ? changes.accessKey().strip() : key.accessKey(),
              present(changes.secret()) ? changes.secret().strip() : key.secret());
    }
    HealthCheck health = connecting.verify(current.id(), baseUrl, secrets);
    Instant now = clock.instant();
    if (secrets instanceof GongSecrets.ApiKey key) {
      connections.updateCredentials(
          current.id(),
          codec.seal(current.id(), key),
          codec.primaryKeyId(),
          Masked.lastFour(key.accessKey()),
          Masked.lastFour(key.secret()),
          null,
          now);
    }
    if (urlChanged) {
      connections.updateBaseUrl(current.id(), baseUrl, now);
    }
    connections.updateStatus(current.id(), ConnectionStatus.CONNECTED, null, now);
    connections.recordHealth(current.id(), health);
    events.publishEvent(new ConnectionChanged(current.id()));
    return connections.find(current.id()).orElseThrow().connection();
  }

  private static boolean present(String value) {
    return value != null && !value.isBlank();
  }
}
