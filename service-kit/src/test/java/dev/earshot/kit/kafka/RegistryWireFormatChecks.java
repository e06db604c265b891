package dev.earshot.kit.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.earshot.events.CallEvent;
import dev.earshot.events.serde.RegistryWireFormat;
import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** What the registry-format tests check, against whichever registry and broker they run. */
final class RegistryWireFormatChecks {

  private RegistryWireFormatChecks() {}

  /**
   * The raw values of a topic's records with a key, from the start, until {@code count} are read
   * (30 s at most).
   */
  static List<byte[]> rawValues(String brokers, String topic, String key, int count) {
    Map<String, Object> props =
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            brokers,
            ConsumerConfig.GROUP_ID_CONFIG,
            "raw-" + topic + "-" + System.nanoTime(),
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
            "earliest");
    List<byte[]> values = new ArrayList<>();
    try (var consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (values.size() < count && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          if (key.equals(record.key())) {
            values.add(record.value());
          }
        }
      }
    }
    return values;
  }

  /** Byte 0, then the 4-byte big-endian schema id: the Confluent wire format's header. */
  static void assertRegistryHeader(byte[] value, long schemaId) {
    assertThat(value[0]).isEqualTo(RegistryWireFormat.MAGIC_BYTE);
    assertThat((long) ByteBuffer.wrap(value, 1, 4).getInt()).isEqualTo(schemaId);
  }

  /**
   * The CallEvent schema changed incompatibly (a new required field without a default: a reader
   * with it cannot read records written before) is refused by the registry, so the send fails; a
   * compatible change (an optional field with a default) registers as a new version.
   */
  static void assertIncompatibleChangeRefused(String registryUrl, String topic) {
    Schema current = CallEvent.getClassSchema();
    Schema incompatible =
        withField(current, new Schema.Field("region", Schema.create(Schema.Type.STRING)));
    Schema compatible =
        withField(
            current,
            new Schema.Field(
                "note",
                Schema.createUnion(
                    Schema.create(Schema.Type.NULL), Schema.create(Schema.Type.STRING)),
                null,
                Schema.Field.NULL_DEFAULT_VALUE));
    try (var serializer = new AvroKafkaSerializer<GenericRecord>()) {
      serializer.configure(RegistryWireFormat.settings(registryUrl), false);
      serializer.serialize(topic, record(current));
      assertThatThrownBy(() -> serializer.serialize(topic, record(incompatible)))
          .hasMessageContaining("ncompatib");
      assertThat(serializer.serialize(topic, record(compatible))[0])
          .isEqualTo(RegistryWireFormat.MAGIC_BYTE);
    }
  }

  private static Schema withField(Schema base, Schema.Field added) {
    List<Schema.Field> fields = new ArrayList<>();
    for (Schema.Field f : base.getFields()) {
      fields.add(new Schema.Field(f, f.schema()));
    }
    fields.add(added);
    return Schema.createRecord(base.getName(), base.getDoc(), base.getNamespace(), false, fields);
  }

  /**
   * The sample event in a schema that extends CallEvent's (generic values: longs, enum symbols).
   */
  private static GenericRecord record(Schema schema) {
    GenericRecord current;
    try {
      var out = new java.io.ByteArrayOutputStream();
      var encoder = EncoderFactory.get().binaryEncoder(out, null);
      new SpecificDatumWriter<CallEvent>(CallEvent.getClassSchema())
          .write(TopicContents.event("evolved"), encoder);
      encoder.flush();
      current =
          new GenericDatumReader<GenericRecord>(CallEvent.getClassSchema())
              .read(null, DecoderFactory.get().binaryDecoder(out.toByteArray(), null));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    GenericData.Record record = new GenericData.Record(schema);
    for (Schema.Field f : CallEvent.getClassSchema().getFields()) {
      record.put(f.name(), current.get(f.name()));
    }
    if (schema.getField("region") != null) {
      record.put("region", "eu");
    }
    return record;
  }
}
