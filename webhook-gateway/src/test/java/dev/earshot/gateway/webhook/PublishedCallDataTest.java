package dev.earshot.gateway.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.earshot.gong.webhook.WebhookPayload;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PublishedCallDataTest {

  private final WebhookPayload.Parser parser =
      WebhookPayload.parser(WebhookPayload.Limits.defaults());

  private PublishedCallData publish(String body) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    return PublishedCallData.of(parser.parse(bytes), bytes);
  }

  @Test
  void aCallGongSaysIsNotPrivateIsPublishedAsReceived() {
    String body =
        "{\"callData\":{\"metaData\":{\"id\":\"7\",\"isPrivate\":false,\"title\":\"QBR\"},"
            + "\"parties\":[{\"name\":\"Ann\"}]},\"isTest\":false}";

    PublishedCallData published = publish(body);

    assertThat(published).isInstanceOf(PublishedCallData.WholeBody.class);
    assertThat(published.webhookPayload()).isEqualTo(body);
    assertThat(published.callStartedAt()).isNull();
  }

  @Test
  void aPrivateCallKeepsOnlyItsIdAndTheFlag() {
    String inMetaData =
        "{\"callData\":{\"metaData\":{\"id\":\"8\",\"isPrivate\":true,\"title\":\"comp plan\"},"
            + "\"parties\":[{\"name\":\"Dana\"}],\"content\":{\"brief\":\"secret\"}},\"isTest\":false}";
    String topLevel =
        "{\"callData\":{\"metaData\":{\"id\":\"8\",\"title\":\"comp plan\","
            + "\"started\":\"2026-11-18T17:31:40Z\"}},\"isTest\":false,\"isPrivate\":\"true\"}";

    for (String body : new String[] {inMetaData, topLevel}) {
      PublishedCallData published = publish(body);

      assertThat(published).isInstanceOf(PublishedCallData.PrivateMarker.class);
      assertThat(published.webhookPayload())
          .isEqualTo(
              "{\"callData\":{\"metaData\":{\"id\":\"8\",\"isPrivate\":true}},\"isTest\":false}");
      assertThat(published.callStartedAt()).isNull();
      assertThat(parser.parse(published.webhookPayload().getBytes(StandardCharsets.UTF_8)))
          .isEqualTo(new WebhookPayload("8", false, dev.earshot.gong.api.Privacy.PRIVATE));
    }
  }

  @Test
  void aCallWithoutThePrivateFlagIsPublishedWithoutCallDataButWithItsStart() {
    String body =
        "{\"callData\":{\"metaData\":{\"id\":\"9\",\"title\":\"Internal: comp plan 1:1\","
            + "\"started\":\"2026-11-18T09:31:40.518204-08:00\"},\"parties\":[{\"name\":\"Dana\"}]},"
            + "\"isTest\":false}";

    PublishedCallData published = publish(body);

    assertThat(published)
        .isEqualTo(
            new PublishedCallData.NoCallData(
                Optional.of(Instant.parse("2026-11-18T17:31:40.518204Z"))));
    assertThat(published.webhookPayload()).isNull();
  }

  @Test
  void anUnreadableOrAbsentStartIsLeftOut() {
    assertThat(
            publish(
                    "{\"callData\":{\"metaData\":{\"id\":\"9\",\"started\":\"yesterday\"}},"
                        + "\"isTest\":false}")
                .callStartedAt())
        .isNull();
    assertThat(publish("{\"callData\":{\"metaData\":{\"id\":\"9\"}},\"isTest\":false}"))
        .isEqualTo(new PublishedCallData.NoCallData(Optional.empty()));
    assertThat(
            publish(
                    "{\"callData\":{\"metaData\":{\"id\":\"9\",\"started\":1763487100}},"
                        + "\"isTest\":false}")
                .callStartedAt())
        .isEqualTo(Instant.ofEpochSecond(1763487100));
  }
}
