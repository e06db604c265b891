package dev.earshot.gateway.connection;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.MicrometerConsumerListener;
import org.springframework.stereotype.Component;

/**
 * Consumers of gong.connections.v1 with the service's own Kafka client settings: those of Boot's
 * consumer factory ({@code KafkaProperties.buildConsumerProperties()} plus the connection details:
 * bootstrap servers, {@code spring.kafka.security.*}, {@code ssl.*}, SSL bundles, {@code
 * spring.kafka.properties.*} such as SASL), so the feed reaches every cluster the producer does.
 * Overridden for a feed every replica reads whole: no consumer group (nothing committed, no group
 * ACL needed), never creating the topic (ingest-service's deployment owns it, compacted), keys as
 * text and values through {@link FeedValueDeserializer}.
 */
@Component
class FeedConsumers {

  static final String CLIENT_ID = "webhook-gateway-connections";

  private final Map<String, Object> configuration;
  private final DefaultKafkaConsumerFactory<String, Object> factory;

  FeedConsumers(ConsumerFactory<?, ?> serviceConsumers, ObjectProvider<MeterRegistry> meters) {
    this.configuration = feedSettings(serviceConsumers.getConfigurationProperties());
    this.factory =
        new DefaultKafkaConsumerFactory<>(
            configuration, StringDeserializer::new, FeedValueDeserializer::new);
    meters.ifAvailable(registry -> factory.addListener(new MicrometerConsumerListener<>(registry)));
  }

  /** The factory the feed's consumers come from. */
  DefaultKafkaConsumerFactory<String, Object> factory() {
    return factory;
  }

  /** The settings every feed consumer is created with (unmodifiable). */
  Map<String, Object> configuration() {
    return configuration;
  }

  static Map<String, Object> feedSettings(Map<String, Object> service) {
    Map<String, Object> settings = new HashMap<>(service);
    settings.remove(ConsumerConfig.GROUP_ID_CONFIG);
    settings.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
    settings.remove(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG);
    settings.remove(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG);
    settings.keySet().removeIf(key -> key.startsWith("spring.deserializer."));
    settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    settings.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
    settings.put(ConsumerConfig.CLIENT_ID_CONFIG, CLIENT_ID);
    return Collections.unmodifiableMap(settings);
  }
}
