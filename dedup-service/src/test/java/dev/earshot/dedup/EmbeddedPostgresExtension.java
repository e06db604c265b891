package dev.earshot.dedup;

import dev.earshot.testing.EmbeddedDatabase;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A PostgreSQL server for one test class, stopped after the class's Spring context: declare it
 * before {@code @SpringBootTest} (and mark the context dirty after the class), so JUnit stops it
 * last and the connection pool never waits for a database that is gone.
 */
public final class EmbeddedPostgresExtension implements BeforeAllCallback, AfterAllCallback {

  private static EmbeddedDatabase current;

  public static EmbeddedDatabase server() {
    if (current == null) {
      throw new IllegalStateException("EmbeddedPostgresExtension is not active");
    }
    return current;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    current = DedupTestSupport.postgres();
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    current.close();
    current = null;
  }
}
