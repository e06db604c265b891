package dev.earshot.testing;

import java.util.Map;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * The in-JVM KRaft broker (spring-kafka-test's {@link EmbeddedKafkaKraftBroker}, one node) for a
 * test that starts and stops it itself: two service instances on one broker, a broker that comes up
 * after the service, a restart. A test whose Spring context owns the broker declares it with
 * {@code @EmbeddedKafka} instead, which starts the same broker.
 */
public final class KafkaTestBroker {

  private KafkaTestBroker() {}

  /**
   * A started broker with {@code topics} created, each with {@code partitions} partitions; {@link
   * EmbeddedKafkaKraftBroker#getBrokersAsString()} is its bootstrap address and {@link
   * EmbeddedKafkaKraftBroker#destroy()} stops it.
   */
  public static EmbeddedKafkaKraftBroker start(int partitions, String... topics) {
    return start(partitions, Map.of(), topics);
  }

  /**
   * As {@link #start(int, String...)}, with broker settings ({@code auto.create.topics.enable},
   * {@code offsets.topic.num.partitions}, …) over the test broker's.
   */
  public static EmbeddedKafkaKraftBroker start(
      int partitions, Map<String, String> brokerProperties, String... topics) {
    EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, partitions, topics);
    broker.brokerProperties(brokerProperties);
    broker.afterPropertiesSet();
    return broker;
  }
}
