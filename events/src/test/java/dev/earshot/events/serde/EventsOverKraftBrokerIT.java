package dev.earshot.events.serde;

import static org.assertj.core.api.Assertions.assertThat;

import dev.earshot.events.SampleEvents;
import dev.earshot.events.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;

@EmbeddedKafka(
    partitions = 1,
    topics = {
      Topics.CONNECTIONS,
      Topics.CALL_EVENTS,
      Topics.CALLS,
      Topics.FEEDBACK_ITEMS,
      Topics.POSTS,
      Topics.CONVERSATIONS,
      Topics.FOLLOW_UPS
    })
class EventsOverKraftBrokerIT {

  @Test
  void roundTripsOneOfEachEventTypeThroughARealBroker(EmbeddedKafkaBroker broker) throws Exception {
    // given
    Map<String, SpecificRecord> samples = SampleEvents.oneOfEach();
    Map<String, Object> producerProps =
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString(),
            ProducerConfig.ACKS_CONFIG, "all",
            ProducerConfig.COMPRESSION_TYPE_CONFIG, "zstd");

    // when
    try (var producer =
        new KafkaProducer<>(producerProps, new StringSerializer(), new AvroEventSerializer())) {
      for (var sample : samples.entrySet()) {
        producer.send(new ProducerRecord<>(sample.getKey(), "k", sample.getValue())).get();
      }
    }

    // then
    Map<String, SpecificRecord> received = new HashMap<>();
    Map<String, Object> consumerProps =
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString(),
            ConsumerConfig.GROUP_ID_CONFIG, "roundtrip",
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    try (var consumer =
        new KafkaConsumer<>(consumerProps, new StringDeserializer(), new AvroEventDeserializer())) {
      consumer.subscribe(samples.keySet());
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (received.size() < samples.size() && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, SpecificRecord> record :
            consumer.poll(Duration.ofMillis(500))) {
          received.put(record.topic(), record.value());
        }
      }
    }
    assertThat(received).isEqualTo(samples);
  }
}
