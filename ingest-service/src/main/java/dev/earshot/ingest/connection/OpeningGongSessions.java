package dev.earshot.ingest.connection;

import dev.earshot.gong.client.GongClient;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * The door other capabilities (polling, fetching) use to talk to Gong for a connection: only
 * connected connections open, and secrets never leave this package except inside a client.
 */
@Service
public class OpeningGongSessions {

  /** A Gong client for one connection, with whom it belongs to. */
  public record GongSession(UUID connectionId, String orgId, String baseUrl, GongClient client) {}

  private final ConnectionRepository connections;
  private final SecretsCodec codec;
  private final GongConnections gong;

  OpeningGongSessions(ConnectionRepository connections, SecretsCodec codec, GongConnections gong) {
    this.connections = connections;
    this.codec = codec;
    this.gong = gong;
  }

  /** Connections Earshot may call Gong through now. */
  public List<Connection> usable() {
    return connections.usable().stream().map(ConnectionRepository.Stored::connection).toList();
  }

  public Optional<Connection> liveOf(String orgId) {
    return connections.findLive(orgId).map(ConnectionRepository.Stored::connection);
  }

  public Optional<GongSession> open(UUID connectionId) {
    return connections
        .find(connectionId)
        .filter(s -> s.connection().status().usable() && s.credentials() != null)
        .map(
            s ->
                new GongSession(
                    connectionId,
                    s.connection().orgId(),
                    s.connection().baseUrl(),
                    gong.client(
                        connectionId,
                        s.connection().baseUrl(),
                        codec.open(connectionId, s.credentials()))));
  }
}
