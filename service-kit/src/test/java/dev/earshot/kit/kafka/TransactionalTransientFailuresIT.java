package dev.earshot.kit.kafka;

import static dev.earshot.kit.kafka.TopicContents.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.earshot.kit.KitTestApplication;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.validation.ConstraintViolationException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;

/**
 * The same classification for a listener that consumes and produces in Kafka transactions (the
 * {@code AfterRollbackProcessor} path, as extraction-service runs): an outage is retried until it
 * ends, its aborted output never seen and its committed output seen once; poison is dead-lettered
 * at once.
 */
@SpringBootTest(
    classes = {KitTestApplication.class, TransactionalTransientFailuresIT.Listeners.class},
    properties = {
      "spring.application.name=kit-tx-test",
      "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
      "spring.kafka.producer.transaction-id-prefix=kit-tx-",
      "earshot.kafka.retry.max-retries=2",
      "earshot.kafka.retry.initial-interval=10ms",
      "earshot.kafka.retry.transient-initial-interval=300ms",
      "earshot.kafka.retry.transient-max-interval=1s"
    })
@EmbeddedKafka(
    partitions = 1,
    topics = {
      "kit.tx-in.v1",
      "kit.tx-in.v1.dlt",
      "kit.tx-out.v1",
      "kit.tx-invalid.v1",
      "kit.tx-invalid.v1.dlt"
    },
    brokerProperties = {
      "transaction.state.log.replication.factor=1",
      "transaction.state.log.min.isr=1"
    })
class TransactionalTransientFailuresIT {

  @Autowired KafkaTemplate<String, SpecificRecord> template;
  @Autowired EmbeddedKafkaBroker broker;
  @Autowired Listeners listeners;
  @Autowired MeterRegistry meters;

  @Test
  void anOutageInATransactionIsRetriedUntilItEndsAndItsOutputIsCommittedOnce() throws Exception {
    listeners.outageUntil = Instant.now().plus(TransientFailuresIT.OUTAGE);

    template.executeInTransaction(t -> t.send("kit.tx-in.v1", "c-1", event("tx-1")));

    String brokers = broker.getBrokersAsString();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> !TopicContents.readAll(brokers, "kit.tx-out.v1").isEmpty());
    List<ConsumerRecord<String, byte[]>> out = TopicContents.readAll(brokers, "kit.tx-out.v1");
    assertThat(out).extracting(ConsumerRecord::key).containsExactly("c-1");
    assertThat(TopicContents.readAll(brokers, "kit.tx-in.v1.dlt"))
        .extracting(ConsumerRecord::key)
        .isEmpty();
    assertThat(listeners.outageAttempts.get()).isGreaterThan(3);
    // one failure counted per failed attempt (the last attempt succeeded)
    assertThat(
            meters
                .counter(
                    "earshot.kafka.transient.failures",
                    "topic",
                    "kit.tx-in.v1",
                    "exception",
                    "DataAccessResourceFailureException")
                .count())
        .isEqualTo(listeners.outageAttempts.get() - 1.0);
  }

  @Test
  void anInvalidRecordInATransactionIsDeadLetteredAtOnce() throws Exception {
    template.executeInTransaction(t -> t.send("kit.tx-invalid.v1", "c-1", event("tx-invalid")));

    TopicContents.awaitRecord(broker.getBrokersAsString(), "kit.tx-invalid.v1.dlt", r -> true);
    assertThat(listeners.invalidAttempts.get()).isEqualTo(1);
  }

  @TestConfiguration
  static class Listeners {
    volatile Instant outageUntil = Instant.MIN;
    final AtomicInteger outageAttempts = new AtomicInteger();
    final AtomicInteger invalidAttempts = new AtomicInteger();

    @Autowired KafkaTemplate<String, SpecificRecord> template;

    @KafkaListener(topics = "kit.tx-in.v1", groupId = "kit-tx-in")
    void consumeAndProduce(ConsumerRecord<String, SpecificRecord> record) {
      outageAttempts.incrementAndGet();
      template.send("kit.tx-out.v1", record.key(), record.value());
      if (Instant.now().isBefore(outageUntil)) {
        throw new DataAccessResourceFailureException("I/O error: connection refused");
      }
    }

    @KafkaListener(topics = "kit.tx-invalid.v1", groupId = "kit-tx-invalid")
    void invalid(ConsumerRecord<String, SpecificRecord> record) {
      invalidAttempts.incrementAndGet();
      throw new ConstraintViolationException("callId must not be blank", Set.of());
    }
  }
}
