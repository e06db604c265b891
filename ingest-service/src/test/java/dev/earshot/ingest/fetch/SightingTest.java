package dev.earshot.ingest.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.earshot.events.CallEvent;
import dev.earshot.events.CallEventSource;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SightingTest {

  private static final String CONNECTION = UUID.randomUUID().toString();

  private static CallEvent webhook(String callId, String payload) {
    return CallEvent.newBuilder()
        .setEventId("e")
        .setConnectionId(CONNECTION)
        .setOrgId("org")
        .setCallId(callId)
        .setSource(CallEventSource.WEBHOOK)
        .setSeenAt(Instant.parse("2026-11-25T10:00:00Z"))
        .setWebhookPayload(payload)
        .build();
  }

  @Test
  void aWebhookThatSaysPrivateMakesTheCallPrivateAndKeepsNothingOfIt() {
    Sighting s =
        Sighting.of(
            webhook(
                "42",
                "{\"callData\":{\"metaData\":{\"id\":\"42\",\"isPrivate\":true}},\"isTest\":false}"));

    assertThat(s.state()).isEqualTo(CallState.PRIVATE);
    assertThat(s.extensive()).isNull();
  }

  @Test
  void aWebhookThatSaysPublicAndListsPartiesKeepsItsDataAsMetadataWithTheStartTime() {
    Sighting s =
        Sighting.of(
            webhook(
                "42",
                "{\"callData\":{\"metaData\":{\"id\":\"42\",\"isPrivate\":false,"
                    + "\"started\":\"2026-11-20T09:00:00Z\"},"
                    + "\"parties\":[{\"id\":\"p1\"}]},\"isTest\":false}"));

    assertThat(s.state()).isEqualTo(CallState.NEW);
    assertThat(s.extensive()).contains("\"42\"");
    assertThat(s.startedAt()).isEqualTo(Instant.parse("2026-11-20T09:00:00Z"));
  }

  /**
   * Gong's documented sample carries no privacy flag, and some deliveries no parties: their call
   * data is not trusted, so the fetcher must ask calls/extensive before any transcript request.
   */
  @Test
  void aWebhookWithoutAnExplicitPublicFlagOrWithoutPartiesKeepsNothing() {
    String noFlag =
        "{\"callData\":{\"metaData\":{\"id\":\"42\",\"started\":\"2026-11-20T09:00:00Z\"},"
            + "\"parties\":[{\"id\":\"p1\"}]},\"isTest\":false}";
    String noParties =
        "{\"callData\":{\"metaData\":{\"id\":\"42\",\"isPrivate\":false}},\"isTest\":false}";

    assertThat(Sighting.of(webhook("42", noFlag)).extensive()).isNull();
    assertThat(Sighting.of(webhook("42", noFlag)).state()).isEqualTo(CallState.NEW);
    assertThat(Sighting.of(webhook("42", noFlag)).startedAt())
        .isEqualTo(Instant.parse("2026-11-20T09:00:00Z"));
    assertThat(Sighting.of(webhook("42", noParties)).extensive()).isNull();
  }

  @Test
  void aTopLevelPrivateFlagMakesTheCallPrivateWhateverMetaDataSays() {
    Sighting s =
        Sighting.of(
            webhook(
                "42",
                "{\"callData\":{\"metaData\":{\"id\":\"42\",\"isPrivate\":false},"
                    + "\"parties\":[{\"id\":\"p1\"}]},\"isTest\":false,\"isPrivate\":true}"));

    assertThat(s.state()).isEqualTo(CallState.PRIVATE);
    assertThat(s.extensive()).isNull();
  }

  @Test
  void callDataAboutAnotherCallOrUnreadableJsonIsIgnored() {
    assertThat(
            Sighting.of(webhook("42", "{\"callData\":{\"metaData\":{\"id\":\"7\"}}}")).extensive())
        .isNull();
    assertThat(Sighting.of(webhook("42", "{not json")).extensive()).isNull();
    assertThat(Sighting.of(webhook("42", null)).state()).isEqualTo(CallState.NEW);
  }
}
