package dev.earshot.testing;

import dev.earshot.cli.FreePorts;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Set;
import java.util.stream.Stream;
import javax.sql.DataSource;

/**
 * A real PostgreSQL server (zonky's embedded binaries, no Docker) holding one named database, on a
 * fixed port and data directory, so a test can stop it (an outage) and start it again with its
 * data. Close it after the Spring context that uses it: a context's shutdown still reads the
 * database.
 */
public final class EmbeddedDatabase implements AutoCloseable {

  private final String database;
  private final Path data;
  private final int port;
  private volatile EmbeddedPostgres server;

  private EmbeddedDatabase(String database, Path data, int port) throws IOException {
    this.database = database;
    this.data = data;
    this.port = port;
    this.server = start(data, port);
  }

  /**
   * A fresh server with database {@code database} created; a port another process takes between
   * choosing and binding it is retried (three attempts). Its data directory is a copy of a cluster
   * this process initialised once ({@code initdb} takes about 2 s on 2 cores, a copy a fraction of
   * that), so every server starts as empty as a new one.
   *
   * @throws IllegalStateException when no attempt started, with each attempt's failure suppressed
   */
  public static EmbeddedDatabase start(String database) {
    IllegalStateException failed = new IllegalStateException("PostgreSQL did not start");
    for (int attempt = 0; attempt < 3; attempt++) {
      try {
        int port = FreePorts.pick();
        Path data = Files.createTempDirectory(database + "-pg-");
        copy(template(), data);
        EmbeddedDatabase db = new EmbeddedDatabase(database, data, port);
        try (var c = db.server.getPostgresDatabase().getConnection()) {
          c.createStatement().execute("create database " + database);
        }
        return db;
      } catch (Exception e) {
        failed.addSuppressed(e);
      }
    }
    throw failed;
  }

  /** The JDBC URL of the database, user {@code postgres}, with {@code schema} as current schema. */
  public String jdbcUrl(String schema) {
    return server.getJdbcUrl("postgres", database) + "&currentSchema=" + schema;
  }

  /** A data source for the database, user {@code postgres}, default schema. */
  public DataSource dataSource() {
    return server.getDatabase("postgres", database);
  }

  /** Stops the server; its data stays for {@link #restart()}. */
  public void stop() throws IOException {
    server.close();
  }

  /** Starts the stopped server again, on the same port with the same data. */
  public void restart() throws IOException {
    server = start(data, port);
  }

  /** Stops the server and deletes its data directory. */
  @Override
  public void close() throws Exception {
    server.close();
    delete(data);
  }

  /** What a stopped server leaves in its data directory that a copy must not carry. */
  private static final Set<String> NOT_COPIED =
      Set.of("epg-lock", "postmaster.pid", "postmaster.opts");

  private static Path template;

  /**
   * A cluster initialised (and cleanly stopped) once per process, deleted when the process exits;
   * initialised again if something deleted it.
   */
  static synchronized Path template() throws IOException {
    if (template == null || !Files.exists(template.resolve("PG_VERSION"))) {
      Path dir = Files.createTempDirectory("earshot-pg-template-");
      try {
        start(dir, FreePorts.pick()).close();
      } catch (IOException | RuntimeException e) {
        delete(dir);
        throw e;
      }
      Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(dir)));
      template = dir;
    }
    return template;
  }

  private static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        Path target = to.resolve(from.relativize(file).toString());
        if (file.equals(from) || NOT_COPIED.contains(file.getFileName().toString())) {
          continue;
        }
        Files.copy(file, target, StandardCopyOption.COPY_ATTRIBUTES);
      }
    }
  }

  private static void delete(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException e) {
      // a temporary directory; the system's cleaner takes it
    }
  }

  /**
   * Starts the server; its readiness probe times out (rather than waiting for ever) if another
   * process took the port, so the caller can try another one.
   */
  private static EmbeddedPostgres start(Path data, int port) throws IOException {
    return EmbeddedPostgres.builder()
        .setDataDirectory(data)
        .setCleanDataDirectory(false)
        .setPort(port)
        .setConnectConfig("connectTimeout", "5")
        .setConnectConfig("socketTimeout", "5")
        .start();
  }
}
