package dev.earshot.dedup.lease;

import dev.earshot.dedup.vector.VectorIndexUnavailable;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The right to consume with the embedded index against one database: a PostgreSQL session advisory
 * lock ({@code pg_try_advisory_lock}) held on a connection of its own for as long as the process
 * runs. An embedded index lives in one process, while the board it mirrors is shared: a second
 * dedup-service would index posts the first never sees, and the first would then start duplicate
 * posts for them (review M8). The lock is per embedding model and dimension, like the index.
 *
 * <p>The lock lives as long as its connection: a database restart or failover ends it, which {@link
 * #held()} notices, and whoever takes it next may have indexed posts meanwhile.
 */
public final class IndexLease implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(IndexLease.class);
  private static final int VALIDITY_TIMEOUT_SECONDS = 2;

  private final DataSource dataSource;
  private final long key;
  private final String holder;
  private Connection connection;

  /**
   * @param dataSource the board's database
   * @param model the embedding model's name
   * @param dimension its dimension
   * @param holder who holds it, shown to whoever is refused (host and process id)
   */
  public IndexLease(DataSource dataSource, String model, int dimension, String holder) {
    this.dataSource = dataSource;
    this.key = key(model, dimension);
    this.holder = holder;
  }

  /** The advisory lock's key: stable for a model and dimension, distinct from other locks. */
  static long key(String model, int dimension) {
    return UUID.nameUUIDFromBytes(
            ("earshot.dedup.embedded-index/" + model + "/" + dimension)
                .getBytes(StandardCharsets.UTF_8))
        .getMostSignificantBits();
  }

  /**
   * Takes the lease, or says who holds it.
   *
   * @throws IndexLeaseRefused when another process holds it
   * @throws VectorIndexUnavailable when the database cannot be reached
   */
  public synchronized void acquire() {
    if (tryAcquire()) {
      return;
    }
    throw new IndexLeaseRefused(holders());
  }

  /** Takes the lease if nobody holds it; true when this process holds it now. */
  public synchronized boolean tryAcquire() {
    if (held()) {
      return true;
    }
    try {
      Connection c = dataSource.getConnection();
      try {
        c.setAutoCommit(true);
        try (PreparedStatement lock = c.prepareStatement("select pg_try_advisory_lock(?)")) {
          lock.setLong(1, key);
          try (ResultSet rs = lock.executeQuery()) {
            rs.next();
            if (rs.getBoolean(1)) {
              // so whoever is refused can tell who holds it
              try (PreparedStatement name =
                  c.prepareStatement("select set_config('application_name', ?, false)")) {
                name.setString(1, holder);
                name.execute();
              }
              connection = c;
              log.atInfo().addKeyValue("holder", holder).log("took the embedded index's lease");
              return true;
            }
          }
        }
      } catch (SQLException e) {
        c.close();
        throw e;
      }
      c.close();
      return false;
    } catch (SQLException e) {
      throw new VectorIndexUnavailable("cannot reach the database to take the index lease", e);
    }
  }

  /** Whether this process still holds the lease (its connection is alive). */
  public synchronized boolean held() {
    if (connection == null) {
      return false;
    }
    try {
      if (connection.isValid(VALIDITY_TIMEOUT_SECONDS)) {
        return true;
      }
    } catch (SQLException e) {
      // not valid either
    }
    log.atError().addKeyValue("holder", holder).log("lost the embedded index's lease");
    closeQuietly();
    return false;
  }

  private List<String> holders() {
    List<String> found = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement q =
            c.prepareStatement(
                "select a.application_name, a.client_addr, a.backend_start from pg_locks l"
                    + " join pg_stat_activity a on a.pid = l.pid where l.locktype = 'advisory'"
                    + " and l.granted and l.objsubid = 1"
                    + " and ((l.classid::bigint << 32) | l.objid::bigint) = ?")) {
      q.setLong(1, key);
      try (ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          found.add(rs.getString(1) + " from " + rs.getString(2) + " since " + rs.getTimestamp(3));
        }
      }
    } catch (SQLException e) {
      found.add("(unknown: " + e.getClass().getSimpleName() + ")");
    }
    return found;
  }

  /** Gives the lease back (unlocks, then returns the connection). */
  @Override
  public synchronized void close() {
    if (connection == null) {
      return;
    }
    try (PreparedStatement unlock = connection.prepareStatement("select pg_advisory_unlock(?)")) {
      unlock.setLong(1, key);
      unlock.execute();
    } catch (SQLException e) {
      // the connection is gone, and the lock with it
    }
    closeQuietly();
  }

  private void closeQuietly() {
    try {
      connection.close();
    } catch (SQLException e) {
      log.atDebug().setCause(e).log("closing the lease's connection failed");
    }
    connection = null;
  }

  /** Another process holds the lease: this one must not consume with its own embedded index. */
  public static final class IndexLeaseRefused extends IllegalStateException {
    IndexLeaseRefused(List<String> holders) {
      super(
          "another dedup-service uses the embedded index against this database ("
              + (holders.isEmpty() ? "it just let go; start again" : String.join(", ", holders))
              + "): the embedded index belongs to one process, and a second one would index posts"
              + " the first never sees. Run one replica with earshot.dedup.index.kind=lucene (a"
              + " rolling update must stop the old one first: strategy Recreate), or use"
              + " earshot.dedup.index.kind=qdrant to run several.");
    }
  }
}
