package dev.earshot.ingest.connection;

import java.time.Clock;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * An admin edits the connection. Blank or absent fields keep their stored values (the form shows
 * masks, never secrets); a replaced key or URL is verified with Gong before it is stored ({@link
 * GongAccess}: the users page, and the call endpoints too while a scope is missing, so an edit
 * never clears {@code insufficient_scope} without Gong accepting them). A verified edit releases a
 * connection Gong's refusals held ({@code unauthorized}, {@code forbidden}, {@code
 * insufficient_scope}) and ends any pause.
 */
@Service
public class EditingConnection {

  /** Fields to change; null or blank means "keep". */
  public record Changes(String baseUrl, String accessKey, String secret) {
    @Override
    public String toString() {
      return "Changes[baseUrl=" + baseUrl + ", credentials=<redacted>]";
    }
  }

  private final ConnectionRepository connections;
  private final SecretsCodec codec;
  private final ConnectingWithApiKey connecting;
  private final HoldingConnections holding;
  private final ConnectionStore store;
  private final Clock clock;

  EditingConnection(
      ConnectionRepository connections,
      SecretsCodec codec,
      ConnectingWithApiKey connecting,
      HoldingConnections holding,
      ConnectionStore store,
      Clock clock) {
    this.connections = connections;
    this.codec = codec;
    this.connecting = connecting;
    this.holding = holding;
    this.store = store;
    this.clock = clock;
  }

  /**
   * @return the connection as stored after the edit
   * @throws dev.earshot.kit.web.ApiProblem 404 without a connection, 400 for an invalid base URL or
   *     a key change on an OAuth connection, 409 when the base URL belongs to another org's
   *     connection, and {@link ConnectingWithApiKey#verify}'s problems when Gong refuses
   */
  @Transactional
  public WorkspaceConnection edit(String orgId, Changes changes) {
    ConnectionRepository.Stored stored =
        connections.findLive(orgId).orElseThrow(ConnectionProblems::noConnection);
    WorkspaceConnection current = stored.connection();
    boolean urlChanged = present(changes.baseUrl());
    boolean keyChanged = present(changes.accessKey()) || present(changes.secret());
    if (!urlChanged && !keyChanged) {
      return current;
    }
    String baseUrl =
        urlChanged ? connecting.guarded(changes.baseUrl()).toString() : current.baseUrl();
    if (urlChanged && connections.baseUrlTakenByAnother(current.id(), baseUrl)) {
      throw ConnectionProblems.workspaceLinkedElsewhere();
    }
    GongSecrets secrets = codec.open(current.id(), stored.credentials());
    if (keyChanged) {
      if (!(secrets instanceof GongSecrets.ApiKey key)) {
        throw ConnectionProblems.notAnApiKeyConnection();
      }
      secrets =
          new GongSecrets.ApiKey(
              present(changes.accessKey()) ? changes.accessKey().strip() : key.accessKey(),
              present(changes.secret()) ? changes.secret().strip() : key.secret());
    }
    HealthCheck health =
        connecting.verify(
            current.id(),
            baseUrl,
            current.authKind(),
            secrets,
            current.status() == ConnectionState.INSUFFICIENT_SCOPE);
    store.update(current.id(), secrets, urlChanged ? baseUrl : null, health, clock.instant());
    if (!holding.release(current)) {
      store.changed(current.id());
    }
    return connections.find(current.id()).orElseThrow().connection();
  }

  private static boolean present(String value) {
    return value != null && !value.isBlank();
  }
}
