package dev.earshot.dedup.lease;

import dev.earshot.dedup.vector.VectorIndexUnavailable;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Repository;

/**
 * PostgreSQL session advisory locks, each held on a connection of its own ({@code
 * pg_try_advisory_lock}), for {@link IndexLease}: take one, tell whether it is still held, name who
 * holds one, give one back.
 */
@Repository
public class LeaseLocks {

  private static final Logger log = LoggerFactory.getLogger(IndexLease.class);

  private final DataSource dataSource;

  /**
   * @param dataSource the board's database
   */
  public LeaseLocks(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** A lock this process holds: the connection it lives on. */
  public static final class Held {
    private final Connection connection;
    private final long key;

    private Held(Connection connection, long key) {
      this.connection = connection;
      this.key = key;
    }
  }

  /**
   * Takes lock {@code key} on a new connection named {@code holder} (its {@code application_name},
   * so whoever is refused can tell who holds it).
   *
   * @return the lock, or null when another session holds it
   * @throws VectorIndexUnavailable when the database cannot be reached
   */
  public Held tryLock(long key, String holder) {
    try {
      Connection c = dataSource.getConnection();
      try {
        c.setAutoCommit(true);
        try (PreparedStatement lock = c.prepareStatement("select pg_try_advisory_lock(?)")) {
          lock.setLong(1, key);
          try (ResultSet rs = lock.executeQuery()) {
            rs.next();
            if (rs.getBoolean(1)) {
              try (PreparedStatement name =
                  c.prepareStatement("select set_config('application_name', ?, false)")) {
                name.setString(1, holder);
                name.execute();
              }
              return new Held(c, key);
            }
          }
        }
      } catch (SQLException e) {
        c.close();
        throw e;
      }
      c.close();
      return null;
    } catch (SQLException e) {
      throw new VectorIndexUnavailable("cannot reach the database to take the index lease", e);
    }
  }

  /** Whether {@code held}'s connection is alive, waited for up to {@code timeoutSeconds}. */
  public boolean alive(Held held, int timeoutSeconds) {
    try {
      return held.connection.isValid(timeoutSeconds);
    } catch (SQLException e) {
      return false;
    }
  }

  /** Who holds lock {@code key}: application name, address and since when, one per session. */
  public List<String> holders(long key) {
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

  /** Unlocks {@code held}, then closes its connection. */
  public void unlock(Held held) {
    try (PreparedStatement unlock =
        held.connection.prepareStatement("select pg_advisory_unlock(?)")) {
      unlock.setLong(1, held.key);
      unlock.execute();
    } catch (SQLException e) {
      // the connection is gone, and the lock with it
    }
    release(held);
  }

  /**
   * Gives {@code held}'s connection back, without its lock: the connection may come from a pool
   * (the board's DataSource is Hikari's), where closing returns the session — and a session lock
   * with it — to the pool, so the session's advisory locks are dropped first (waiting at most 2 s:
   * a session that is gone has none).
   */
  public void release(Held held) {
    try (Statement unlock = held.connection.createStatement()) {
      unlock.setQueryTimeout(2);
      unlock.execute("select pg_advisory_unlock_all()");
    } catch (SQLException e) {
      // the session is gone, and its locks with it
    }
    try {
      held.connection.close();
    } catch (SQLException e) {
      log.atDebug().setCause(e).log("closing the lease's connection failed");
    }
  }
}
