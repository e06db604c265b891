package dev.earshot.kit.kafka;

import static dev.earshot.kit.kafka.RegistryWireFormatChecks.assertRegistryHeader;
import static dev.earshot.kit.kafka.RegistryWireFormatChecks.rawValues;
import static dev.earshot.kit.kafka.TopicContents.event;
import static org.assertj.core.api.Assertions.assertThat;

import dev.earshot.events.serde.AvroEventDeserializer;
import dev.earshot.events.serde.RegistryEventSerializer;
import dev.earshot.events.serde.RegistryWireFormat;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * The registry wire format against a real Apicurio Registry (the image docker-compose.yml runs,
 * with the BACKWARD global rule it sets); skipped where no Docker engine runs. The schema id in a
 * record must be the one Apicurio's Confluent-compatible API serves the schema under.
 */
@Testcontainers(disabledWithoutDocker = true)
@EmbeddedKafka(
    partitions = 1,
    topics = {RegistryContainerIT.TOPIC})
class RegistryContainerIT {

  static final String TOPIC = "kit.registry-container.v1";

  @Container
  static final GenericContainer<?> apicurio =
      new GenericContainer<>("apicurio/apicurio-registry:3.0.9")
          .withEnv("APICURIO_RULES_GLOBAL_COMPATIBILITY", "BACKWARD")
          .withExposedPorts(8080)
          .waitingFor(Wait.forHttp("/health/ready").forStatusCode(200));

  static String baseUrl() {
    return "http://" + apicurio.getHost() + ":" + apicurio.getMappedPort(8080);
  }

  @Test
  void writesTheConfluentFormatWithTheIdTheRegistryServesAndReadsItBack(EmbeddedKafkaBroker broker)
      throws Exception {
    // given
    String registryUrl = baseUrl() + "/apis/registry/v2";
    Map<String, Object> props = new HashMap<>(RegistryWireFormat.settings(registryUrl));
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString());
    var serializer = new RegistryEventSerializer();
    serializer.configure(props, false);

    // when
    try (var producer = new KafkaProducer<>(props, new StringSerializer(), serializer)) {
      producer.send(new ProducerRecord<>(TOPIC, "c-real", event("real"))).get();
    }

    // then
    byte[] value = rawValues(broker.getBrokersAsString(), TOPIC, "c-real", 1).getFirst();
    int id = java.nio.ByteBuffer.wrap(value, 1, 4).getInt();
    assertRegistryHeader(value, id);
    HttpResponse<String> schema =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(baseUrl() + "/apis/ccompat/v7/schemas/ids/" + id))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(schema.statusCode()).isEqualTo(200);
    assertThat(schema.body()).contains("CallEvent");
    try (var deserializer = new AvroEventDeserializer()) {
      deserializer.configure(RegistryWireFormat.settings(registryUrl), false);
      assertThat(deserializer.deserialize(TOPIC, value)).isEqualTo(event("real"));
    }
  }

  @Test
  void refusesAnIncompatibleSchemaChange() {
    RegistryWireFormatChecks.assertIncompatibleChangeRefused(
        baseUrl() + "/apis/registry/v2", "kit.registry-container-evolving.v1");
  }
}
