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

  /** Points the service's datasource at {@code postgres}'s {@code assistant} database. */
  public static void register(DynamicPropertyRegistry registry, EmbeddedDatabase postgres) {
    registry.add("spring.datasource.url", () -> postgres.jdbcUrl("assistant"));
    registry.add("spring.datasource.username", () -> "postgres");
  }
}
