package dev.earshot.gong.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.earshot.gong.client.GongJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Parses real Gong payload shapes from {@code ../shared/fixtures/gong}; skips where absent. */
class GongFixturesTest {

  static final Path FIXTURES =
      Path.of("..", "..", "shared", "fixtures", "gong").toAbsolutePath().normalize();

  static <T> T read(String file, Class<T> type) throws Exception {
    Path path = FIXTURES.resolve(file);
    assumeTrue(Files.exists(path), "fixture " + path + " is absent");
    return GongJson.mapper().readValue(Files.readString(path), type);
  }

  @Test
  void parsesTheCallsList() throws Exception {
    CallsPage page = read("calls-list.json", CallsPage.class);

    assertThat(page.calls()).hasSize(2);
    CallMetadata call = page.calls().getFirst();
    assertThat(call.duration()).isEqualTo(1864);
    assertThat(call.started()).isEqualTo(Instant.parse("2026-10-14T16:02:11Z"));
    assertThat(page.calls().get(1).isPrivate()).isTrue();
    assertThat(page.records().hasNext()).isFalse();
  }

  @Test
  void parsesAnExtensiveCallWithPartiesCrmContextAndContent() throws Exception {
    ExtensivePage page = read("calls-extensive.json", ExtensivePage.class);

    ExtensiveCall call = page.calls().getFirst();
    assertThat(call.metaData().workspaceId()).isEqualTo("402211987766551");
    assertThat(call.parties())
        .extracting(ExtensiveCall.Party::affiliation)
        .containsExactly("Internal", "External", "Unknown");
    assertThat(call.parties().get(1).speakerId()).isEqualTo("7001002003004005002");
    ExtensiveCall.CrmObject opportunity = call.context().getFirst().objects().get(1);
    assertThat(opportunity.field("Amount")).isEqualTo("84000");
    assertThat(opportunity.field("StageName")).isEqualTo("Negotiation");
    assertThat(call.content().brief()).contains("Okta");
    assertThat(call.content().keyPoints()).hasSize(2);
    assertThat(call.content().pointsOfInterest().actionItems().getFirst().speakerId())
        .isEqualTo("7001002003004005001");
    assertThat(call.content().outline().getFirst().startTime()).isEqualTo(0.0);
  }

  @Test
  void parsesATranscriptWithMillisecondTimes() throws Exception {
    TranscriptPage page = read("calls-transcript.json", TranscriptPage.class);

    CallTranscript transcript = page.callTranscripts().getFirst();
    assertThat(transcript.transcript()).hasSize(4);
    CallTranscript.Sentence sentence = transcript.transcript().get(1).sentences().getFirst();
    assertThat(sentence.start()).isEqualTo(612400);
    assertThat(sentence.end()).isEqualTo(618950);
  }

  @Test
  void parsesUsersTokenAndErrorBodies() throws Exception {
    assertThat(read("users.json", UsersPage.class).users().getFirst().lastName())
        .isEqualTo("Reyes");
    TokenResponse token = read("oauth-token.json", TokenResponse.class);
    assertThat(token.scopes()).contains("api:calls:read:transcript", "api:users:read");
    assertThat(token.apiBaseUrlForCustomer()).isEqualTo("https://company-17.api.gong.io");
    assertThat(token.toString()).doesNotContain(token.accessToken(), token.refreshToken());
    assertThat(read("error-401.json", GongErrorBody.class).message()).contains("revoked");
  }

  @Test
  void readsTimesAsIsoWithOffsetOrEpochSeconds() {
    String json =
        "{\"calls\":[{\"id\":\"1\",\"started\":\"2019-10-18T14:03:37.041977-07:00\",\"scheduled\":1571432400}]}";

    CallsPage page = GongJson.mapper().readValue(json, CallsPage.class);

    assertThat(page.calls().getFirst().started())
        .isEqualTo(Instant.parse("2019-10-18T21:03:37.041977Z"));
    assertThat(page.calls().getFirst().scheduled()).isEqualTo(Instant.ofEpochSecond(1571432400));
  }
}
