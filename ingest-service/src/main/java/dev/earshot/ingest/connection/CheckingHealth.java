package dev.earshot.ingest.connection;

import java.time.Clock;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * An admin checks the connection through Gong with the stored credentials ({@link GongAccess}: the
 * users page, and the call endpoints too while a scope is missing) and the result is recorded. A
 * refusal holds the connection through the same mapping as the background loops ({@link
 * HoldingConnections}); a success releases it ({@code unauthorized}, {@code forbidden}, {@code
 * insufficient_scope} back to {@code connected}, any pause cleared). Never claims a missing scope
 * Gong did not name (field case 10).
 */
@Service
public class CheckingHealth {

  private final ConnectionRepository connections;
  private final SecretsCodec codec;
  private final GongAccess access;
  private final HoldingConnections holding;
  private final Clock clock;

  CheckingHealth(
      ConnectionRepository connections,
      SecretsCodec codec,
      GongAccess access,
      HoldingConnections holding,
      Clock clock) {
    this.connections = connections;
    this.codec = codec;
    this.access = access;
    this.holding = holding;
    this.clock = clock;
  }

  /**
   * @return the connection as it is after the check
   * @throws dev.earshot.kit.web.ApiProblem {@code no-connection} (404) when the org has none
   */
  @Transactional
  public WorkspaceConnection check(String orgId) {
    ConnectionRepository.Stored stored =
        connections.findLive(orgId).orElseThrow(ConnectionProblems::noConnection);
    WorkspaceConnection c = stored.connection();
    GongAccess.Checked checked =
        access.check(
            c.id(),
            c.baseUrl(),
            codec.open(c.id(), stored.credentials()),
            c.status() == ConnectionState.INSUFFICIENT_SCOPE);
    switch (checked) {
      case GongAccess.Granted granted -> {
        connections.recordHealth(
            c.id(), new HealthCheck(clock.instant(), true, granted.users(), null));
        holding.release(c);
      }
      case GongAccess.Failed failed -> {
        connections.recordHealth(
            c.id(), new HealthCheck(clock.instant(), false, 0, failed.failure().getMessage()));
        holding.hold(c, failed.failure());
      }
    }
    return connections.find(c.id()).orElseThrow().connection();
  }
}
