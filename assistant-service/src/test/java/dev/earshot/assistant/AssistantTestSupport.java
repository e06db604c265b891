package dev.earshot.assistant;

import dev.earshot.testing.EmbeddedDatabase;
import org.springframework.test.context.DynamicPropertyRegistry;

/** What assistant-service's Spring tests share: its database on the embedded PostgreSQL. */
public final class AssistantTestSupport {

  private AssistantTestSupport() {}

  /** A PostgreSQL server with the {@code assistant} database. */
  public static EmbeddedDatabase postgres() {
    return EmbeddedDatabase.start("assistant");
  }

  /**
   * Points the service's datasource at {@code postgres}'s {@code assistant} database; the fallback
   * to ingest-service is off (no ingest-service runs in these tests).
   */
  public static void register(DynamicPropertyRegistry registry, EmbeddedDatabase postgres) {
    register(registry, postgres, null);
  }

  /**
   * As {@link #register(DynamicPropertyRegistry, EmbeddedDatabase)}, with the fallback to
   * ingest-service on at {@code ingestUrl} (null: off).
   */
  public static void register(
      DynamicPropertyRegistry registry, EmbeddedDatabase postgres, String ingestUrl) {
    registry.add("spring.datasource.url", () -> postgres.jdbcUrl("assistant"));
    registry.add("spring.datasource.username", () -> "postgres");
    registry.add("earshot.assistant.ingest.fallback", () -> ingestUrl != null);
    if (ingestUrl != null) {
      registry.add("earshot.assistant.ingest.url", () -> ingestUrl);
    }
  }
}
