package dev.earshot.kit.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.earshot.events.serde.RegistryEventSerializer;
import dev.earshot.kit.kafka.WireFormatProperties.WireFormat;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;

class WireFormatPropertiesTest {

  @Test
  void singleObjectByDefaultChangesNothing() {
    var format = new WireFormatProperties(WireFormat.SINGLE_OBJECT, null);
    assertThat(WireFormatConfiguration.producerSettings(format)).isEmpty();
    assertThat(WireFormatConfiguration.consumerSettings(format)).isEmpty();
  }

  @Test
  void registryNeedsAUrl() {
    assertThatThrownBy(() -> new WireFormatProperties(WireFormat.REGISTRY, " "))
        .hasMessageContaining("earshot.kafka.registry-url");
  }

  @Test
  void registrySwapsTheValueSerializerAndNamesTheRegistry() {
    var format = new WireFormatProperties(WireFormat.REGISTRY, "http://registry:8080");
    assertThat(WireFormatConfiguration.producerSettings(format))
        .containsEntry(
            ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, RegistryEventSerializer.class.getName())
        .containsEntry("apicurio.registry.url", "http://registry:8080")
        .containsEntry("apicurio.registry.as-confluent", true)
        .containsEntry("apicurio.registry.headers.enabled", false);
  }

  @Test
  void aRegistryUrlAloneLetsConsumersReadBothFormatsWhileProducersKeepSingleObject() {
    var format = new WireFormatProperties(WireFormat.SINGLE_OBJECT, "http://registry:8080");
    assertThat(WireFormatConfiguration.producerSettings(format)).isEmpty();
    assertThat(WireFormatConfiguration.consumerSettings(format))
        .containsEntry("apicurio.registry.url", "http://registry:8080");
  }
}
