package dev.earshot.events.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.earshot.events.SampleEvents;
import java.util.Arrays;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class AvroEventSerdeTest {

  private final AvroEventSerializer serializer = new AvroEventSerializer();
  private final AvroEventDeserializer deserializer = new AvroEventDeserializer();

  @Test
  void roundTripsEveryEventTypeAsSingleObjectEncoding() {
    for (Map.Entry<String, SpecificRecord> sample : SampleEvents.oneOfEach().entrySet()) {
      // when
      byte[] bytes = serializer.serialize(sample.getKey(), sample.getValue());
      SpecificRecord back = deserializer.deserialize(sample.getKey(), bytes);

      // then
      assertThat(bytes[0]).isEqualTo((byte) 0xC3);
      assertThat(bytes[1]).isEqualTo((byte) 0x01);
      assertThat(back).isEqualTo(sample.getValue());
    }
  }

  @Test
  void aRegistryFormatRecordWithoutARegistryConfiguredIsRefusedByName() {
    byte[] registryFormat = {0, 0, 0, 0, 7, 2, 'x'};
    assertThatThrownBy(() -> deserializer.deserialize("feedback.posts.v1", registryFormat))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("registry wire format")
        .hasMessageContaining(RegistryWireFormat.REGISTRY_URL);
  }

  @Test
  void theRegistrySerializerNeedsARegistryUrl() {
    try (var registry = new RegistryEventSerializer()) {
      assertThatThrownBy(() -> registry.configure(Map.of(), false))
          .hasMessageContaining(RegistryWireFormat.REGISTRY_URL);
    }
  }

  @Test
  void aRegistryThatCannotBeReachedIsRetriableNotAnUnreadableRecord() throws Exception {
    String nobody;
    try (var socket = new java.net.ServerSocket(0)) {
      nobody = "http://127.0.0.1:" + socket.getLocalPort() + "/apis/registry/v2";
    }
    Map<String, Object> settings = RegistryWireFormat.settings(nobody);
    settings.put("apicurio.registry.retry-count", 0);
    try (var registry = new RegistryEventSerializer();
        var reader = new AvroEventDeserializer()) {
      registry.configure(settings, false);
      reader.configure(settings, false);
      assertThatThrownBy(
              () ->
                  registry.serialize(
                      "feedback.posts.v1", SampleEvents.oneOfEach().get("feedback.posts.v1")))
          .isInstanceOf(RegistryUnavailableException.class)
          .isInstanceOf(org.apache.kafka.common.errors.RetriableException.class);
      assertThatThrownBy(() -> reader.deserialize("t", new byte[] {0, 0, 0, 0, 1, 2}))
          .isInstanceOf(RegistryUnavailableException.class);
    }
  }

  @Test
  void aTombstoneStaysNull() {
    assertThat(serializer.serialize("gong.connections.v1", null)).isNull();
    assertThat(deserializer.deserialize("gong.connections.v1", null)).isNull();
  }

  @Test
  void refusesBytesWithoutTheSingleObjectHeader() {
    assertThatThrownBy(() -> deserializer.deserialize("t", "{\"json\":true}".getBytes()))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("unreadable record on t");
  }

  @Test
  void refusesAnUnknownSchemaFingerprint() {
    byte[] bytes =
        serializer.serialize("gong.calls.v1", SampleEvents.oneOfEach().get("gong.calls.v1"));
    byte[] forged = Arrays.copyOf(bytes, bytes.length);
    forged[5] ^= 0x5A;

    assertThatThrownBy(() -> deserializer.deserialize("gong.calls.v1", forged))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("unknown schema fingerprint");
  }
}
