package dev.earshot.dedup.lease;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.earshot.dedup.DedupTestSupport;
import dev.earshot.testing.EmbeddedDatabase;
import java.sql.ResultSet;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class IndexLeaseTest {

  static EmbeddedDatabase pg;

  @BeforeAll
  static void start() {
    pg = DedupTestSupport.postgres();
  }

  @AfterAll
  static void stop() throws Exception {
    pg.close();
  }

  private static DataSource database() {
    return pg.dataSource();
  }

  @Test
  void oneProcessHoldsTheLeaseAndAnotherIsToldWhoUntilItIsGivenBack() {
    try (var first = new IndexLease(new LeaseLocks(database()), "m", 384, "dedup-service a pid 1");
        var second =
            new IndexLease(new LeaseLocks(database()), "m", 384, "dedup-service b pid 2")) {
      first.acquire();

      assertThatThrownBy(second::acquire)
          .isInstanceOf(IndexLease.IndexLeaseRefused.class)
          .hasMessageContaining("dedup-service a pid 1");
      assertThat(second.tryAcquire()).isFalse();
      assertThat(first.held()).isTrue();

      first.close();
      assertThat(first.held()).isFalse();
      assertThat(second.tryAcquire()).isTrue();
    }
  }

  @Test
  void aLockGivenBackOnAPooledConnectionDoesNotStayHeldInThePool() {
    try (HikariDataSource pool = new HikariDataSource()) {
      pool.setDataSource(database());
      pool.setMaximumPoolSize(2);
      LeaseLocks pooled = new LeaseLocks(pool);
      LeaseLocks.Held held = pooled.tryLock(4242L, "dedup-service a pid 1");
      assertThat(held).isNotNull();

      // when it is given back as after a validity check that timed out on a live session
      pooled.release(held);

      // then another session can take it
      LeaseLocks other = new LeaseLocks(database());
      LeaseLocks.Held taken = other.tryLock(4242L, "dedup-service b pid 2");
      assertThat(taken).isNotNull();
      other.unlock(taken);
    }
  }

  @Test
  void anotherModelHasALeaseOfItsOwn() {
    try (var minilm = new IndexLease(new LeaseLocks(database()), "all-minilm-l6-v2", 384, "a");
        var voyage = new IndexLease(new LeaseLocks(database()), "voyage-3-large", 1024, "b")) {
      minilm.acquire();
      voyage.acquire();
      assertThat(minilm.held()).isTrue();
      assertThat(voyage.held()).isTrue();
    }
  }

  @Test
  void theLockIsTheKeyPostgresShowsInPgLocks() throws Exception {
    long key = IndexLease.key("all-minilm-l6-v2", 384);
    try (var lease = new IndexLease(new LeaseLocks(database()), "all-minilm-l6-v2", 384, "a");
        var c = database().getConnection()) {
      lease.acquire();
      try (ResultSet rs =
          c.createStatement()
              .executeQuery(
                  "select (l.classid::bigint << 32) | l.objid::bigint from pg_locks l"
                      + " where l.locktype = 'advisory' and l.granted and l.objsubid = 1")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getLong(1)).isEqualTo(key);
      }
    }
  }
}
