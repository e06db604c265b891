package dev.earshot.dedup.post;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.earshot.dedup.DedupApplication;
import dev.earshot.dedup.DedupTestSupport;
import dev.earshot.dedup.DedupTestSupport.ItemSpec;
import dev.earshot.dedup.lease.IndexLease;
import dev.earshot.events.FeedbackItem;
import dev.earshot.events.Topics;
import dev.earshot.events.serde.AvroEventSerializer;
import dev.earshot.testing.EmbeddedDatabase;
import dev.earshot.testing.KafkaTestBroker;
import dev.earshot.testing.ServiceArguments;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * A second dedup-service with the embedded index against the same PostgreSQL (a second replica, or
 * a rolling update's surge pod) refuses to start, naming the first; and the first stops consuming
 * while it does not hold the index's lease, resuming when it holds it again.
 */
class ReplicasIT {

  private static ConfigurableApplicationContext start(
      EmbeddedDatabase pg, String brokers, Path index) {
    Map<String, String> settings = DedupTestSupport.instance(pg, brokers, index);
    settings.put("earshot.dedup.index.lucene.lease-check-interval", "300ms");
    return new SpringApplicationBuilder(DedupApplication.class).run(ServiceArguments.of(settings));
  }

  private static boolean consuming(ConfigurableApplicationContext app) {
    return app.getBean(KafkaListenerEndpointRegistry.class)
        .getListenerContainer(FeedbackItemListener.ID)
        .isRunning();
  }

  private static long posts(ConfigurableApplicationContext app, String org) {
    return app.getBean(JdbcClient.class)
        .sql("select count(*) from post where org_id = :org")
        .param("org", org)
        .query(Long.class)
        .single();
  }

  /** The service's lease: the backend holding it and the lock's key. */
  private record Held(int pid, long key) {}

  private static Held held(Connection admin) throws Exception {
    try (ResultSet rs =
        admin
            .createStatement()
            .executeQuery(
                "select l.pid, (l.classid::bigint << 32) | l.objid::bigint from pg_locks l"
                    + " join pg_stat_activity a on a.pid = l.pid where l.locktype = 'advisory'"
                    + " and l.granted and a.application_name like 'dedup-service%'")) {
      return rs.next() ? new Held(rs.getInt(1), rs.getLong(2)) : null;
    }
  }

  /**
   * Ends the service's lease connection with someone already queued for the lock, so the lock
   * passes to them as the connection ends (PostgreSQL grants a released lock to its waiters).
   */
  private static void takeTheLeaseAway(Connection admin, Connection interloper) throws Exception {
    Held lease = held(admin);
    assertThat(lease).as("the service holds its lease").isNotNull();
    Thread waiting =
        Thread.ofVirtual()
            .start(
                () -> {
                  try {
                    interloper
                        .createStatement()
                        .execute("select pg_advisory_lock(" + lease.key() + ")");
                  } catch (java.sql.SQLException e) {
                    throw new IllegalStateException(e);
                  }
                });
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> {
              try (ResultSet rs =
                  admin
                      .createStatement()
                      .executeQuery(
                          "select count(*) from pg_locks where locktype = 'advisory'"
                              + " and not granted")) {
                rs.next();
                return rs.getInt(1) == 1;
              }
            });
    admin.createStatement().execute("select pg_terminate_backend(" + lease.pid() + ")");
    waiting.join(Duration.ofSeconds(10));
    assertThat(waiting.isAlive()).as("the interloper got the lock").isFalse();
  }

  @Test
  void aSecondInstanceWithTheEmbeddedIndexRefusesToStartAndTheFirstConsumesOnlyWithTheLease()
      throws Exception {
    EmbeddedKafkaKraftBroker broker = KafkaTestBroker.start(1, Topics.FEEDBACK_ITEMS, Topics.POSTS);
    String brokers = broker.getBrokersAsString();
    try (EmbeddedDatabase pg = DedupTestSupport.postgres();
        var first = start(pg, brokers, DedupTestSupport.indexDirectory())) {
      // when a second instance starts on the same database with an index of its own
      assertThatThrownBy(() -> start(pg, brokers, DedupTestSupport.indexDirectory()).close())
          // then it refuses, naming the one that holds the index
          .rootCause()
          .isInstanceOf(IndexLease.IndexLeaseRefused.class)
          .hasMessageContaining("another dedup-service uses the embedded index")
          .hasMessageContaining("dedup-service " + System.getenv().getOrDefault("HOSTNAME", "host"))
          .hasMessageContaining("earshot.dedup.index.kind=qdrant");
      assertThat(consuming(first)).isTrue();

      // when the first loses its lease (its connection ended) and someone else takes it
      // advisory locks are per database: the interloper connects to the board's
      try (Connection admin = pg.dataSource().getConnection();
          Connection interloper = pg.dataSource().getConnection()) {
        takeTheLeaseAway(admin, interloper);
        // then the first stops consuming and is not ready
        await().atMost(Duration.ofSeconds(30)).until(() -> !consuming(first));
        assertThat(first.getBean(ApplicationAvailability.class).getReadinessState())
            .isEqualTo(ReadinessState.REFUSING_TRAFFIC);
        String org = "org-" + UUID.randomUUID();
        FeedbackItem item =
            ItemSpec.of(org, DedupTestSupport.SSO, DedupTestSupport.SSO_TEXT).build();
        try (var producer =
            new KafkaProducer<String, SpecificRecord>(
                Map.<String, Object>of("bootstrap.servers", brokers),
                new StringSerializer(),
                new AvroEventSerializer())) {
          producer.send(new ProducerRecord<>(Topics.FEEDBACK_ITEMS, org, item)).get();
        }
        assertThat(consuming(first)).isFalse();
        assertThat(posts(first, org)).isZero();

        // when the lease is free again
        interloper.close();
        // then the first takes it, consumes again, and the item lands on the board
        await().atMost(Duration.ofSeconds(60)).until(() -> posts(first, org) == 1);
        assertThat(consuming(first)).isTrue();
        assertThat(first.getBean(ApplicationAvailability.class).getReadinessState())
            .isEqualTo(ReadinessState.ACCEPTING_TRAFFIC);
      }
    } finally {
      broker.destroy();
    }
  }
}
