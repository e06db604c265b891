package dev.earshot.ingest.connection;

import dev.earshot.gong.client.GongClient;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * The door other capabilities (polling, fetching) use to talk to Gong for a connection: only usable
 * connections that are not paused open, and secrets never leave this package except inside a
 * client. When Gong refuses a session's request, report it to {@link HoldingConnections#refused}:
 * the connection is then held (or paused) and stops opening.
 */
@Service
public class OpeningGongSessions {

  /** A Gong client for one connection, with whom it belongs to. */
  public record GongSession(UUID connectionId, String orgId, String baseUrl, GongClient client) {}

  private final ConnectionRepository connections;
  private final SecretsCodec codec;
  private final GongConnections gong;
  private final Clock clock;

  OpeningGongSessions(
      ConnectionRepository connections, SecretsCodec codec, GongConnections gong, Clock clock) {
    this.connections = connections;
    this.codec = codec;
    this.gong = gong;
    this.clock = clock;
  }

  /**
   * Connections Earshot may call Gong through now: usable ({@code connected} or {@code
   * webhook_subscription_failed}) and not paused.
   */
  public List<WorkspaceConnection> usable() {
    return connections.usable(clock.instant()).stream()
        .map(ConnectionRepository.Stored::connection)
        .toList();
  }

  public Optional<WorkspaceConnection> liveOf(String orgId) {
    return connections.findLive(orgId).map(ConnectionRepository.Stored::connection);
  }

  /**
   * A Gong client for the connection, or empty when it may not call Gong now: unknown,
   * disconnected, held by a refusal ({@code unauthorized}, {@code forbidden}, {@code
   * insufficient_scope}) or paused.
   */
  public Optional<GongSession> open(UUID connectionId) {
    return open(connectionId, false);
  }

  /**
   * As {@link #open}, with a client for a request an admin waits for: Gong's {@code Retry-After}
   * waited for briefly ({@link GongConnections#INTERACTIVE}), then handed back as {@code
   * RateLimited}.
   */
  public Optional<GongSession> openInteractive(UUID connectionId) {
    return open(connectionId, true);
  }

  private Optional<GongSession> open(UUID connectionId, boolean interactive) {
    return connections
        .find(connectionId)
        .filter(s -> s.connection().callableAt(clock.instant()) && s.credentials() != null)
        .map(
            s ->
                new GongSession(
                    connectionId,
                    s.connection().orgId(),
                    s.connection().baseUrl(),
                    interactive
                        ? gong.interactiveClient(
                            connectionId,
                            s.connection().baseUrl(),
                            codec.open(connectionId, s.credentials()))
                        : gong.client(
                            connectionId,
                            s.connection().baseUrl(),
                            codec.open(connectionId, s.credentials()))));
  }
}
