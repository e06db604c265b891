package dev.earshot.gateway.connection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.earshot.events.AuthKind;
import dev.earshot.events.CallEvent;
import dev.earshot.events.CallEventSource;
import dev.earshot.events.Connection;
import dev.earshot.events.ConnectionStatus;
import dev.earshot.events.Topics;
import dev.earshot.events.serde.AvroEventSerializer;
import dev.earshot.events.serde.RegistryEventSerializer;
import dev.earshot.events.serde.RegistryWireFormat;
import dev.earshot.testing.InProcessSchemaRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class FeedRecordTest {

  private final FeedValueDeserializer values = new FeedValueDeserializer();

  static Connection connection(String id) {
    return Connection.newBuilder()
        .setConnectionId(id)
        .setOrgId("org-1")
        .setStatus(ConnectionStatus.CONNECTED)
        .setAuthKind(AuthKind.API_KEY)
        .setWebhookKeyHash("ab")
        .setUpdatedAt(Instant.parse("2026-12-01T10:00:00Z"))
        .build();
  }

  private Object read(byte[] bytes) {
    return values.deserialize(Topics.CONNECTIONS, bytes);
  }

  @Test
  void aConnectionIsKeptAndATombstoneRemovesIt() {
    byte[] bytes;
    try (var serializer = new AvroEventSerializer()) {
      bytes = serializer.serialize(Topics.CONNECTIONS, connection("c1"));
    }

    assertThat(FeedRecord.of("c1", read(bytes)))
        .isEqualTo(new FeedRecord.Upsert("c1", connection("c1")));
    assertThat(FeedRecord.of("c1", read(null))).isEqualTo(new FeedRecord.Removal("c1"));
  }

  @Test
  void aConnectionInTheRegistryFormatIsReadWhenTheFeedIsGivenTheRegistry() {
    try (var registry = InProcessSchemaRegistry.start();
        var serializer = new RegistryEventSerializer();
        var feed = new FeedValueDeserializer()) {
      serializer.configure(RegistryWireFormat.settings(registry.url()), false);
      feed.configure(RegistryWireFormat.settings(registry.url()), false);
      byte[] bytes = serializer.serialize(Topics.CONNECTIONS, connection("c1"));

      assertThat(FeedRecord.of("c1", feed.deserialize(Topics.CONNECTIONS, bytes)))
          .isEqualTo(new FeedRecord.Upsert("c1", connection("c1")));
      assertThat(FeedRecord.of("c1", read(bytes)))
          .extracting(r -> ((FeedRecord.Unreadable) r).reason())
          .isEqualTo("undecodable");
    }
  }

  @Test
  void bytesNoKnownSchemaDecodesAreSetAsideWithTheReasonNeverTheBytes() {
    byte[] garbage = "not an event at all".getBytes(StandardCharsets.UTF_8);
    byte[] newerWriter = {(byte) 0xC3, 0x01, 1, 2, 3, 4, 5, 6, 7, 8, 42, 42};

    FeedRecord fromGarbage = FeedRecord.of("c1", read(garbage));
    FeedRecord fromNewerWriter = FeedRecord.of("c1", read(newerWriter));

    assertThat(fromGarbage).isInstanceOf(FeedRecord.Unreadable.class);
    assertThat(((FeedRecord.Unreadable) fromGarbage).reason()).isEqualTo("undecodable");
    assertThat(((FeedRecord.Unreadable) fromGarbage).detail()).doesNotContain("not an event");
    assertThat(((FeedRecord.Unreadable) fromNewerWriter).reason()).isEqualTo("undecodable");
    assertThat(((FeedRecord.Unreadable) fromNewerWriter).detail()).contains("fingerprint");
  }

  @Test
  void anotherEventOrAMissingKeyIsSetAside() {
    CallEvent other =
        CallEvent.newBuilder()
            .setEventId("e")
            .setConnectionId("c1")
            .setOrgId("o")
            .setCallId("1")
            .setSource(CallEventSource.WEBHOOK)
            .setSeenAt(Instant.EPOCH)
            .build();

    assertThat(FeedRecord.of("c1", other))
        .extracting(r -> ((FeedRecord.Unreadable) r).reason())
        .isEqualTo("not-a-connection");
    assertThat(FeedRecord.of(null, connection("c1")))
        .extracting(r -> ((FeedRecord.Unreadable) r).reason())
        .isEqualTo("no-key");
    assertThat(FeedRecord.of(null, null))
        .extracting(r -> ((FeedRecord.Unreadable) r).reason())
        .isEqualTo("no-key");
  }
}
