package dev.earshot.local;

import dev.earshot.cli.FreePorts;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A real PostgreSQL server (zonky's embedded binaries) on a free port, with one database per
 * stateful service, so no service reads another's tables.
 */
final class PostgresServer implements LocalComponent {

  private final List<String> databases;
  private EmbeddedPostgres postgres;
  private long startMillis;

  PostgresServer(List<String> databases) {
    this.databases = List.copyOf(databases);
  }

  @Override
  public String name() {
    return "postgres";
  }

  @Override
  public void start(LocalContext context) throws IOException, SQLException {
    long began = System.nanoTime();
    postgres =
        EmbeddedPostgres.builder()
            // below the ephemeral range: the library's own choice (new ServerSocket(0)) can be some
            // client connection's local port by the time the server binds it (FreePorts)
            .setPort(FreePorts.pick())
            .setDataDirectory(Files.createDirectories(context.dataDir().resolve("postgres")))
            .setCleanDataDirectory(true)
            // the stack stops PostgreSQL itself, after the services using it: the library's own
            // JVM shutdown hook would stop it first, concurrently with the stack's, and the
            // services would spend their shutdown failing against a database that is gone
            .setRegisterShutdownHook(false)
            .start();
    try (Connection admin = postgres.getPostgresDatabase().getConnection();
        Statement sql = admin.createStatement()) {
      for (String database : databases) {
        sql.execute("CREATE DATABASE \"" + database + "\"");
      }
    }
    startMillis = (System.nanoTime() - began) / 1_000_000;
    context.put(LocalContext.POSTGRES_USER, "postgres");
    for (String database : databases) {
      context.put(
          LocalContext.POSTGRES_JDBC_PREFIX + database, postgres.getJdbcUrl("postgres", database));
    }
  }

  @Override
  public Map<String, Object> facts() {
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("port", postgres == null ? null : postgres.getPort());
    facts.put("user", "postgres");
    facts.put("databases", databases);
    if (postgres != null) {
      Map<String, String> urls = new LinkedHashMap<>();
      databases.forEach(db -> urls.put(db, postgres.getJdbcUrl("postgres", db)));
      facts.put("jdbc_urls", urls);
    }
    facts.put("start_ms", startMillis);
    return facts;
  }

  @Override
  public void close() throws IOException {
    if (postgres != null) {
      postgres.close();
      postgres = null;
    }
  }
}
