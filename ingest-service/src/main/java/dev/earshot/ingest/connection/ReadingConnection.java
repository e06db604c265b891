package dev.earshot.ingest.connection;

import org.springframework.stereotype.Service;

/** Any member reads the org's current connection; secrets are shown masked only. */
@Service
public class ReadingConnection {

  private final ConnectionRepository connections;

  ReadingConnection(ConnectionRepository connections) {
    this.connections = connections;
  }

  public WorkspaceConnection current(String orgId) {
    return connections
        .findLive(orgId)
        .map(ConnectionRepository.Stored::connection)
        .orElseThrow(ConnectionProblems::noConnection);
  }
}
