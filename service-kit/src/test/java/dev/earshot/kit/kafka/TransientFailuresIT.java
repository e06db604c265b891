package dev.earshot.kit.kafka;

import static dev.earshot.kit.kafka.TopicContents.avro;
import static dev.earshot.kit.kafka.TopicContents.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.earshot.kit.KitTestApplication;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.validation.ConstraintViolationException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroups;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.ConsumerAwareRebalanceListener;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;

/**
 * Outages are retried until they end and never dead-lettered; poison goes to the dead-letter topic
 * at once; a batch is never dead-lettered whole for an outage or for one record. The backoff (up to
 * 2.5 s) is longer than {@code max.poll.interval.ms} (2 s): the consumer must stay in its group
 * while it waits.
 */
@SpringBootTest(
    classes = {KitTestApplication.class, TransientFailuresIT.Listeners.class},
    properties = {
      "spring.application.name=kit-transient-test",
      "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
      "spring.kafka.consumer.properties.max.poll.interval.ms=2000",
      "earshot.kafka.retry.max-retries=2",
      "earshot.kafka.retry.initial-interval=10ms",
      "earshot.kafka.retry.transient-initial-interval=300ms",
      "earshot.kafka.retry.transient-max-interval=2500ms"
    })
@EmbeddedKafka(
    partitions = 1,
    topics = {
      "kit.outage.v1",
      "kit.outage.v1.dlt",
      "kit.invalid.v1",
      "kit.invalid.v1.dlt",
      "kit.batch-outage.v1",
      "kit.batch-outage.v1.dlt",
      "kit.batch-poison.v1",
      "kit.batch-poison.v1.dlt"
    })
class TransientFailuresIT {

  /** Longer than the old retry budget (3 retries, 0.5 to 2 s: 3.5 s). */
  static final Duration OUTAGE = Duration.ofSeconds(6);

  @Autowired KafkaTemplate<String, SpecificRecord> template;
  @Autowired EmbeddedKafkaBroker broker;
  @Autowired Listeners listeners;
  @Autowired MeterRegistry meters;
  @Autowired ApplicationContext context;
  @Autowired HealthEndpointGroups healthGroups;

  @Test
  void aRecordWhoseDatabaseIsDownIsRetriedUntilItIsBackAndNeverDeadLettered() throws Exception {
    // given the database is down for longer than the old retry budget
    listeners.outageUntil = Instant.now().plus(OUTAGE);

    // when a record arrives
    template.send("kit.outage.v1", "c-1", event("outage-1")).get();

    // then it is retried past the old budget (3 retries) and not dead-lettered
    String brokers = broker.getBrokersAsString();
    await().atMost(Duration.ofSeconds(10)).until(() -> listeners.outageAttempts.get() > 3);
    assertThat(TopicContents.readAll(brokers, "kit.outage.v1.dlt"))
        .extracting(ConsumerRecord::key)
        .isEmpty();
    // and health says who retries since when
    assertThat(health().getStatus()).isEqualTo(Status.DOWN);
    assertThat(health().getDetails().get("retrying").toString())
        .contains("outage-listener", "kit.outage.v1", "since");
    // (an outage every replica shares: no reason to take this one out of traffic)
    assertThat(healthGroups.get("readiness").isMember("kafkaRetries")).isFalse();
    // and it is processed once the database is back, with nothing dead-lettered
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> assertThat(listeners.outageProcessed).containsExactly("c-1"));
    assertThat(TopicContents.readAll(brokers, "kit.outage.v1.dlt"))
        .extracting(ConsumerRecord::key)
        .isEmpty();
    Counter failures =
        meters
            .find("earshot.kafka.transient.failures")
            .tags("topic", "kit.outage.v1", "exception", "CannotGetJdbcConnectionException")
            .counter();
    assertThat(failures).isNotNull();
    assertThat(failures.count()).isEqualTo(listeners.outageAttempts.get() - 1.0);
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(() -> assertThat(health().getStatus()).isEqualTo(Status.UP));
    // and its consumer never left the group, although each wait outlasts max.poll.interval.ms
    assertThat(listeners.revoked).doesNotContain("kit.outage.v1");
  }

  @Test
  void anInvalidRecordIsDeadLetteredAtOnceWithoutRetries() throws Exception {
    template.send("kit.invalid.v1", "c-1", event("invalid-1")).get();

    ConsumerRecord<String, byte[]> dead =
        TopicContents.awaitRecord(broker.getBrokersAsString(), "kit.invalid.v1.dlt", r -> true);
    assertThat(TopicContents.header(dead, "kafka_dlt-exception-cause-fqcn"))
        .isEqualTo(ConstraintViolationException.class.getName());
    assertThat(listeners.invalidAttempts.get()).isEqualTo(1);
  }

  @Test
  void aBatchWhoseDatabaseIsDownIsRetriedWholeAndNothingIsDeadLettered() throws Exception {
    listeners.batchOutageUntil = Instant.now().plus(OUTAGE);

    for (int i = 1; i <= 5; i++) {
      template.send("kit.batch-outage.v1", "c-" + i, event("batch-" + i)).get();
    }

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(listeners.batchProcessed)
                    .containsExactlyInAnyOrder("c-1", "c-2", "c-3", "c-4", "c-5"));
    assertThat(TopicContents.readAll(broker.getBrokersAsString(), "kit.batch-outage.v1.dlt"))
        .extracting(ConsumerRecord::key)
        .isEmpty();
    assertThat(
            meters
                .find("earshot.kafka.transient.failures")
                .tags("topic", "kit.batch-outage.v1")
                .counter())
        .isNotNull();
    assertThat(listeners.revoked).doesNotContain("kit.batch-outage.v1");
  }

  @Test
  void aBatchWithOneUnreadableRecordDeadLettersOnlyItAndAtOnce() throws Exception {
    String brokers = broker.getBrokersAsString();
    byte[] garbage = "not avro at all".getBytes(StandardCharsets.UTF_8);
    TopicContents.sendRaw(brokers, "kit.batch-poison.v1", "good-1", avro("t", event("g1")));
    TopicContents.sendRaw(brokers, "kit.batch-poison.v1", "bad", garbage);
    TopicContents.sendRaw(brokers, "kit.batch-poison.v1", "good-2", avro("t", event("g2")));

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> assertThat(listeners.poisonBatchProcessed).containsExactly("good-1", "good-2"));
    List<ConsumerRecord<String, byte[]>> dead =
        TopicContents.readAll(brokers, "kit.batch-poison.v1.dlt");
    assertThat(dead).hasSize(1);
    assertThat(dead.getFirst().key()).isEqualTo("bad");
    assertThat(dead.getFirst().value()).isEqualTo(garbage);
    assertThat(listeners.unreadableSeen.get()).isEqualTo(1);
  }

  private org.springframework.boot.health.contributor.Health health() {
    return context.getBean("kafkaRetriesHealthIndicator", HealthIndicator.class).health();
  }

  @TestConfiguration
  static class Listeners {
    volatile Instant outageUntil = Instant.MIN;
    volatile Instant batchOutageUntil = Instant.MIN;
    final AtomicInteger outageAttempts = new AtomicInteger();
    final AtomicInteger invalidAttempts = new AtomicInteger();
    final AtomicInteger unreadableSeen = new AtomicInteger();
    final List<String> outageProcessed = new CopyOnWriteArrayList<>();
    final List<String> batchProcessed = new CopyOnWriteArrayList<>();
    final List<String> poisonBatchProcessed = new CopyOnWriteArrayList<>();
    final List<String> revoked = new CopyOnWriteArrayList<>();

    @Bean
    ConsumerAwareRebalanceListener revocations() {
      return new ConsumerAwareRebalanceListener() {
        @Override
        public void onPartitionsRevokedBeforeCommit(
            Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
          partitions.forEach(p -> revoked.add(p.topic()));
        }

        @Override
        public void onPartitionsLost(
            Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
          partitions.forEach(p -> revoked.add(p.topic()));
        }
      };
    }

    @KafkaListener(id = "outage-listener", topics = "kit.outage.v1", groupId = "kit-outage")
    void outage(ConsumerRecord<String, SpecificRecord> record) {
      outageAttempts.incrementAndGet();
      if (Instant.now().isBefore(outageUntil)) {
        throw new CannotGetJdbcConnectionException(
            "Failed to obtain JDBC Connection",
            new SQLTransientConnectionException("HikariPool-1 - Connection is not available"));
      }
      outageProcessed.add(record.key());
    }

    @KafkaListener(topics = "kit.invalid.v1", groupId = "kit-invalid")
    void invalid(ConsumerRecord<String, SpecificRecord> record) {
      invalidAttempts.incrementAndGet();
      throw new ConstraintViolationException("callId must not be blank", Set.of());
    }

    @KafkaListener(topics = "kit.batch-outage.v1", groupId = "kit-batch-outage", batch = "true")
    void batchOutage(List<ConsumerRecord<String, SpecificRecord>> records) {
      if (Instant.now().isBefore(batchOutageUntil)) {
        throw new DataAccessResourceFailureException("I/O error: connection refused");
      }
      records.forEach(r -> batchProcessed.add(r.key()));
    }

    /**
     * Like ingest's CallEventListener: keeps the records before an unreadable one, then names it.
     */
    @KafkaListener(topics = "kit.batch-poison.v1", groupId = "kit-batch-poison", batch = "true")
    void batchPoison(List<ConsumerRecord<String, SpecificRecord>> records) {
      for (int i = 0; i < records.size(); i++) {
        if (records.get(i).value() == null) {
          unreadableSeen.incrementAndGet();
          throw new BatchListenerFailedException("unreadable record", i);
        }
        poisonBatchProcessed.add(records.get(i).key());
      }
    }
  }
}
