package dev.earshot.ingest.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.earshot.events.Affiliation;
import dev.earshot.events.Call;
import dev.earshot.gong.api.ExtensivePage;
import dev.earshot.gong.api.TranscriptPage;
import dev.earshot.gong.client.GongJson;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The Call event built from Gong's real payload shapes (shared fixtures; skipped where absent). */
class CallAssemblyTest {

  static final Path FIXTURES =
      Path.of("..", "..", "shared", "fixtures", "gong").toAbsolutePath().normalize();

  @Test
  void buildsTheCallEventFromGongsExtensiveCallAndTranscript() throws Exception {
    assumeTrue(Files.exists(FIXTURES.resolve("calls-extensive.json")), "fixtures absent");
    var extensive =
        GongJson.mapper()
            .readValue(
                Files.readString(FIXTURES.resolve("calls-extensive.json")), ExtensivePage.class);
    var transcript =
        GongJson.mapper()
            .readValue(
                Files.readString(FIXTURES.resolve("calls-transcript.json")), TranscriptPage.class);
    Instant now = Instant.parse("2026-11-25T00:00:00Z");

    Call call =
        CallAssembly.assemble(
            "c-1",
            "org-1",
            extensive.calls().getFirst(),
            transcript.callTranscripts().getFirst(),
            now);

    assertThat(call.getCallId()).isEqualTo("5120043019283746501");
    assertThat(call.getDurationSeconds()).isEqualTo(1864);
    assertThat(call.getParties())
        .extracting(p -> p.getAffiliation())
        .containsExactly(Affiliation.INTERNAL, Affiliation.EXTERNAL, Affiliation.UNKNOWN);
    assertThat(call.getCrm().getAccountName()).isEqualTo("Northwind Logistics");
    assertThat(call.getCrm().getAccountDomain()).isEqualTo("northwind-logistics.example");
    assertThat(call.getCrm().getDealAmount()).isEqualByComparingTo(new BigDecimal("84000.00"));
    assertThat(call.getCrm().getDealStage()).isEqualTo("Negotiation");
    assertThat(call.getContent().getKeyPoints()).hasSize(2);
    assertThat(call.getContent().getActionItems().getFirst().getSpeakerId())
        .isEqualTo("7001002003004005001");
    assertThat(call.getTranscript()).hasSize(4);
    assertThat(call.getTranscript().get(1).getSentences().getFirst().getStartMs())
        .isEqualTo(612400);
    assertThat(call.getFetchedAt()).isEqualTo(now);
  }
}
