package dev.earshot.kit.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.SQLException;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What a real PostgreSQL that stops mid-run throws through HikariCP and Spring JDBC (as every
 * stateful service uses them), and that the default classification calls every one of those
 * failures transient.
 */
class PostgresOutageIT {

  private final FailureClassifier defaults =
      FailureClassifier.of(
          new Binder(new MapConfigurationPropertySource(Map.of()))
              .bindOrCreate("earshot.kafka.retry", KafkaRetryProperties.class),
          getClass().getClassLoader());

  private EmbeddedPostgres postgres;
  private HikariDataSource pool;
  private JdbcTemplate jdbc;
  private TransactionTemplate transactions;

  @BeforeEach
  void startPostgres() throws Exception {
    postgres = EmbeddedPostgres.builder().start();
    pool = new HikariDataSource();
    pool.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
    pool.setUsername("postgres");
    pool.setConnectionTimeout(1_000);
    pool.setMaximumPoolSize(2);
    jdbc = new JdbcTemplate(pool);
    transactions = new TransactionTemplate(new DataSourceTransactionManager(pool));
    jdbc.execute("create table sighting (id text primary key)");
  }

  @AfterEach
  void stop() throws Exception {
    pool.close();
    postgres.close();
  }

  @Test
  void aStatementInATransactionThatOutlivesTheServerIsTransient() {
    Throwable failure =
        catchThrowable(
            () ->
                transactions.executeWithoutResult(
                    status -> {
                      jdbc.update("insert into sighting values ('a')");
                      stopServer();
                      jdbc.update("insert into sighting values ('b')");
                    }));

    assertTransient(failure);
  }

  @Test
  void aCommitAfterTheServerStoppedIsTransient() {
    Throwable failure =
        catchThrowable(
            () ->
                transactions.executeWithoutResult(
                    status -> {
                      jdbc.update("insert into sighting values ('a')");
                      stopServer();
                    }));

    assertTransient(failure);
  }

  @Test
  void aTransactionStartedWhileTheServerIsDownIsTransient() {
    jdbc.queryForObject("select 1", Integer.class);
    stopServer();

    Throwable failure =
        catchThrowable(
            () ->
                transactions.executeWithoutResult(
                    status -> jdbc.update("insert into sighting values ('a')")));

    assertTransient(failure);
  }

  @Test
  void aStatementWhileTheServerIsDownIsTransient() {
    jdbc.queryForObject("select 1", Integer.class);
    stopServer();

    Throwable first = catchThrowable(() -> jdbc.queryForObject("select 1", Integer.class));
    Throwable second = catchThrowable(() -> jdbc.queryForObject("select 1", Integer.class));

    assertTransient(first);
    assertTransient(second);
  }

  private void assertTransient(Throwable failure) {
    assertThat(failure).as("a failure").isNotNull();
    Failure classified = defaults.classify(null, failure);
    System.out.println("PostgreSQL stopped: " + chain(failure) + " -> " + classified.rule());
    assertThat(classified).as(chain(failure)).isInstanceOf(Failure.Transient.class);
  }

  private void stopServer() {
    try {
      postgres.close();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static String chain(Throwable failure) {
    return FailureClassifier.causes(failure).stream()
        .map(
            t ->
                t.getClass().getName()
                    + (t instanceof SQLException sql ? "(" + sql.getSQLState() + ")" : ""))
        .collect(Collectors.joining(" <- "));
  }
}
