package dev.earshot.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;

/** Servers started from the process's template cluster are as empty and separate as new ones. */
class EmbeddedDatabaseTest {

  @Test
  void eachServerIsAFreshCopyOfTheTemplateThatIsInitialisedOnce() throws Exception {
    Path template = EmbeddedDatabase.template();
    try (EmbeddedDatabase first = EmbeddedDatabase.start("alpha");
        EmbeddedDatabase second = EmbeddedDatabase.start("alpha")) {
      try (Connection c = first.dataSource().getConnection()) {
        c.createStatement().execute("create table written_in_the_first (id int)");
      }
      assertThat(tableCount(second, "written_in_the_first")).isZero();
      assertThat(tableCount(first, "written_in_the_first")).isOne();
      // the template stays a stopped, empty cluster
      assertThat(EmbeddedDatabase.template()).isEqualTo(template);
      assertThat(template.resolve("postmaster.pid")).doesNotExist();
      try (var listed = Files.list(template.resolve("base"))) {
        assertThat(listed.count()).as("template1, template0 and postgres only").isEqualTo(3);
      }
    }
  }

  @Test
  void aTemplateDeletedUnderneathIsInitialisedAgain() throws Exception {
    Path template = EmbeddedDatabase.template();
    try (var files = Files.walk(template)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    }

    try (EmbeddedDatabase db = EmbeddedDatabase.start("beta")) {
      assertThat(tableCount(db, "anything")).isZero();
    }
    assertThat(EmbeddedDatabase.template().resolve("PG_VERSION")).exists();
  }

  private static int tableCount(EmbeddedDatabase db, String table) throws Exception {
    try (Connection c = db.dataSource().getConnection();
        ResultSet r =
            c.createStatement()
                .executeQuery(
                    "select count(*) from information_schema.tables where table_name = '"
                        + table
                        + "'")) {
      r.next();
      return r.getInt(1);
    }
  }
}
