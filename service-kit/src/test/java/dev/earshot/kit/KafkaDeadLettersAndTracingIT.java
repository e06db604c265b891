package dev.earshot.kit;

import static dev.earshot.kit.kafka.TopicContents.event;
import static org.assertj.core.api.Assertions.assertThat;

import dev.earshot.events.serde.AvroEventDeserializer;
import dev.earshot.kit.kafka.DeadLetterBacklog;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.Tracer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;

@SpringBootTest(
    classes = {KitTestApplication.class, KafkaDeadLettersAndTracingIT.Listeners.class},
    properties = {
      "spring.application.name=kit-kafka-test",
      "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
      "spring.kafka.consumer.group-id=kit-test",
      "earshot.kafka.retry.max-retries=2",
      "earshot.kafka.retry.initial-interval=10ms"
    })
@EmbeddedKafka(
    partitions = 1,
    topics = {"kit.poison.v1", "kit.poison.v1.dlt", "kit.traced.v1"})
class KafkaDeadLettersAndTracingIT {

  @Autowired KafkaTemplate<String, SpecificRecord> template;
  @Autowired EmbeddedKafkaBroker broker;
  @Autowired Listeners listeners;
  @Autowired ObservationRegistry observations;
  @Autowired Tracer tracer;
  @Autowired MeterRegistry meters;
  @Autowired DeadLetterBacklog backlog;

  @Test
  void aRecordThatKeepsFailingIsRetriedThenDeadLetteredWithTheException() throws Exception {
    // when
    template.send("kit.poison.v1", "c-1", event("poison")).get();

    // then
    ConsumerRecord<String, byte[]> dead = firstDeadLetter();
    assertThat(listeners.poisonAttempts.get()).isEqualTo(3);
    assertThat(new AvroEventDeserializer().deserialize("kit.poison.v1.dlt", dead.value()))
        .isEqualTo(event("poison"));
    assertThat(header(dead, "kafka_dlt-exception-message")).contains("cannot process poison");
    assertThat(header(dead, "kafka_dlt-original-topic")).isEqualTo("kit.poison.v1");
    assertThat(meters.counter("earshot.kafka.dead.letters", "topic", "kit.poison.v1").count())
        .isGreaterThanOrEqualTo(1.0);
    // and the service's backlog gauge counts it among the records waiting in its listeners' DLTs
    assertThat(backlog.check()).containsKey("kit.traced.v1.dlt");
    assertThat(backlog.check().get("kit.poison.v1.dlt")).isGreaterThanOrEqualTo(1L);
    assertThat(
            meters.get(DeadLetterBacklog.METRIC).tag("topic", "kit.poison.v1.dlt").gauge().value())
        .isGreaterThanOrEqualTo(1.0);
  }

  @Test
  void aRecordThatCannotBeDeserializedIsDeadLetteredAsItsOriginalBytes() throws Exception {
    byte[] garbage = "not avro at all".getBytes(StandardCharsets.UTF_8);
    try (var raw =
        new KafkaProducer<>(
            Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()),
            new StringSerializer(),
            new ByteArraySerializer())) {
      raw.send(new ProducerRecord<>("kit.poison.v1", "c-1", garbage)).get();
    }

    ConsumerRecord<String, byte[]> dead = deadLetterMatching(garbage);
    assertThat(dead.value()).isEqualTo(garbage);
    assertThat(
            header(dead, "springDeserializerExceptionValue") != null
                || header(dead, "kafka_dlt-exception-message") != null)
        .isTrue();
  }

  @Test
  void theTraceContinuesAcrossAKafkaHop() throws Exception {
    // given
    String[] producerTrace = new String[1];

    // when
    Observation.createNotStarted("test.produce", observations)
        .observeChecked(
            () -> {
              producerTrace[0] = tracer.currentSpan().context().traceId();
              template.send("kit.traced.v1", "c-1", event("traced")).get();
            });

    // then
    Seen seen = listeners.traced.poll(30, TimeUnit.SECONDS);
    assertThat(seen).isNotNull();
    assertThat(seen.traceparent()).contains(producerTrace[0]);
    assertThat(seen.traceId()).isEqualTo(producerTrace[0]);
  }

  private ConsumerRecord<String, byte[]> firstDeadLetter() {
    return deadLetters(r -> new String(r.value(), StandardCharsets.ISO_8859_1).contains("poison"));
  }

  private ConsumerRecord<String, byte[]> deadLetterMatching(byte[] value) {
    return deadLetters(r -> java.util.Arrays.equals(r.value(), value));
  }

  private ConsumerRecord<String, byte[]> deadLetters(
      java.util.function.Predicate<ConsumerRecord<String, byte[]>> wanted) {
    Map<String, Object> props =
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            broker.getBrokersAsString(),
            ConsumerConfig.GROUP_ID_CONFIG,
            "dlt-reader-" + System.nanoTime(),
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
            "earliest");
    try (var consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(List.of("kit.poison.v1.dlt"));
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (System.nanoTime() < deadline) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(300))) {
          if (wanted.test(record)) {
            return record;
          }
        }
      }
    }
    throw new AssertionError("no matching dead letter within 30 s");
  }

  private static String header(ConsumerRecord<?, ?> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }

  record Seen(String traceparent, String traceId) {}

  @TestConfiguration
  static class Listeners {
    final AtomicInteger poisonAttempts = new AtomicInteger();
    final BlockingQueue<Seen> traced = new LinkedBlockingQueue<>();

    @Autowired Tracer tracer;

    @KafkaListener(topics = "kit.poison.v1")
    void poison(ConsumerRecord<String, SpecificRecord> record) {
      poisonAttempts.incrementAndGet();
      throw new IllegalStateException("cannot process poison");
    }

    @KafkaListener(topics = "kit.traced.v1")
    void traced(ConsumerRecord<String, SpecificRecord> record) {
      Header traceparent = record.headers().lastHeader("traceparent");
      traced.add(
          new Seen(
              traceparent == null ? "" : new String(traceparent.value(), StandardCharsets.UTF_8),
              tracer.currentSpan() == null ? "" : tracer.currentSpan().context().traceId()));
    }
  }
}
