package dev.earshot.gateway.connection;

import dev.earshot.events.Connection;
import dev.earshot.events.Topics;
import dev.earshot.events.serde.AvroEventDeserializer;
import dev.earshot.gateway.GatewayProperties;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Reads gong.connections.v1 from the beginning at start, without a consumer group (every replica
 * needs every connection), marks the table caught up once it reached the end offsets it saw at
 * start, then keeps following the topic.
 */
@Component
class ConnectionFeed implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(ConnectionFeed.class);

  private final ConnectionTable table;
  private final KafkaProperties kafka;
  private final Duration pollInterval;
  private volatile KafkaConsumer<String, SpecificRecord> consumer;
  private volatile Thread thread;
  private volatile boolean running;

  ConnectionFeed(
      ConnectionTable table,
      KafkaProperties kafka,
      GatewayProperties properties,
      MeterRegistry meters) {
    this.table = table;
    this.kafka = kafka;
    this.pollInterval = properties.feedPollInterval();
    Gauge.builder("earshot.gateway.connections", table, ConnectionTable::size)
        .description("connections the gateway accepts webhooks for")
        .register(meters);
    Gauge.builder("earshot.gateway.connections.caught_up", table, t -> t.caughtUp() ? 1 : 0)
        .description("1 once gong.connections.v1 was read to its end")
        .register(meters);
  }

  @Override
  public void start() {
    Map<String, Object> config = new HashMap<>();
    config.put(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, String.join(",", kafka.getBootstrapServers()));
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.put(ConsumerConfig.CLIENT_ID_CONFIG, "webhook-gateway-connections");
    consumer = new KafkaConsumer<>(config, new StringDeserializer(), new AvroEventDeserializer());
    running = true;
    thread = Thread.ofPlatform().name("connection-feed").daemon().start(this::follow);
  }

  private void follow() {
    try {
      List<TopicPartition> partitions =
          consumer.partitionsFor(Topics.CONNECTIONS).stream()
              .map(p -> new TopicPartition(p.topic(), p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      while (running) {
        for (ConsumerRecord<String, SpecificRecord> record : consumer.poll(pollInterval)) {
          apply(record);
        }
        if (!table.caughtUp() && reached(end)) {
          table.markCaughtUp();
          log.atInfo().addKeyValue("connections", table.size()).log("connection table caught up");
        }
      }
    } catch (WakeupException stopping) {
      // stop() woke the consumer
    } catch (KafkaException failure) {
      log.atError().setCause(failure).log("connection feed stopped; restart the gateway");
    } finally {
      consumer.close();
    }
  }

  private void apply(ConsumerRecord<String, SpecificRecord> record) {
    if (record.value() == null || record.value() instanceof Connection) {
      table.apply(record.key(), (Connection) record.value());
    } else {
      log.atWarn()
          .addKeyValue("offset", record.offset())
          .log("skipped a record of gong.connections.v1 that is not a Connection");
    }
  }

  private boolean reached(Map<TopicPartition, Long> end) {
    return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
  }

  @Override
  public void stop() {
    running = false;
    KafkaConsumer<String, SpecificRecord> c = consumer;
    if (c != null) {
      c.wakeup();
    }
    Thread t = thread;
    if (t != null) {
      try {
        t.join(Duration.ofSeconds(5));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }
}
