package dev.earshot.kit.kafka;

import dev.earshot.events.serde.RegistryEventSerializer;
import dev.earshot.events.serde.RegistryWireFormat;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaConsumerFactoryCustomizer;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaProducerFactoryCustomizer;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * The one place a service's event wire format is chosen ({@link WireFormatProperties}): with {@code
 * earshot.kafka.wire-format=registry} the producer factory's value serializer becomes {@link
 * RegistryEventSerializer}; with a registry URL the consumer factory's settings name it, so the
 * value deserializer the kit configures ({@code AvroEventDeserializer}, behind Spring's {@code
 * ErrorHandlingDeserializer}) reads registry-format records as well as single-object ones. Every
 * client built from those factories' settings (the dead-letter template, the gateway's connection
 * feed) gets the same settings.
 */
@AutoConfiguration(before = KafkaAutoConfiguration.class)
@ConditionalOnClass(KafkaTemplate.class)
@EnableConfigurationProperties(WireFormatProperties.class)
public class WireFormatConfiguration {

  @Bean
  DefaultKafkaProducerFactoryCustomizer earshotWireFormatProducers(WireFormatProperties format) {
    return factory -> factory.updateConfigs(producerSettings(format));
  }

  @Bean
  DefaultKafkaConsumerFactoryCustomizer earshotWireFormatConsumers(WireFormatProperties format) {
    return factory -> factory.updateConfigs(consumerSettings(format));
  }

  /** What a producer's configuration gains for a wire format (nothing for single-object). */
  static Map<String, Object> producerSettings(WireFormatProperties format) {
    Map<String, Object> settings = new HashMap<>();
    if (format.wireFormat() == WireFormatProperties.WireFormat.REGISTRY) {
      settings.putAll(RegistryWireFormat.settings(format.registryUrl()));
      settings.put(
          ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, RegistryEventSerializer.class.getName());
    }
    return settings;
  }

  /** What a consumer's configuration gains: the registry's settings where one is configured. */
  static Map<String, Object> consumerSettings(WireFormatProperties format) {
    return format.hasRegistry()
        ? RegistryWireFormat.settings(format.registryUrl())
        : new HashMap<>();
  }
}
