package dev.earshot.assistant.call;

import dev.earshot.events.ActionItem;
import dev.earshot.events.Affiliation;
import dev.earshot.events.Call;
import dev.earshot.events.CrmContext;
import dev.earshot.events.GongContent;
import dev.earshot.events.Highlight;
import dev.earshot.events.HighlightItem;
import dev.earshot.events.OutlineItem;
import dev.earshot.events.OutlineSection;
import dev.earshot.events.Party;
import dev.earshot.events.Sentence;
import dev.earshot.events.TranscriptTurn;
import java.time.Instant;
import java.util.List;

/** Calls as ingest-service publishes them, for the read model's tests. */
public final class Calls {

  private Calls() {}

  public static Call.Builder call(String org, String id, String title, Instant started) {
    return Call.newBuilder()
        .setCallId(id)
        .setConnectionId("c-" + org)
        .setOrgId(org)
        .setUrl("https://app.gong.io/call?id=" + id)
        .setTitle(title)
        .setStarted(started)
        .setDurationSeconds(1800)
        .setParties(
            List.of(
                Party.newBuilder()
                    .setId("p1")
                    .setSpeakerId("s1")
                    .setName("Dana Buyer")
                    .setTitle("IT Director")
                    .setEmailAddress("dana@acme.example")
                    .setAffiliation(Affiliation.EXTERNAL)
                    .build(),
                Party.newBuilder()
                    .setId("p2")
                    .setSpeakerId("s2")
                    .setName("Sam Seller")
                    .setEmailAddress("sam@vendor.example")
                    .setAffiliation(Affiliation.INTERNAL)
                    .build()))
        .setCrm(CrmContext.newBuilder().setAccountId("001A").setAccountName("Acme Corp").build())
        .setContent(
            GongContent.newBuilder()
                .setBrief("Acme asked for single sign-on before renewal.")
                .setKeyPoints(List.of("SSO is a blocker"))
                .setOutline(
                    List.of(
                        OutlineSection.newBuilder()
                            .setSection("Security")
                            .setStartSeconds(60)
                            .setDurationSeconds(240)
                            .setItems(
                                List.of(
                                    OutlineItem.newBuilder()
                                        .setText("Okta SSO requirement")
                                        .setStartSeconds(65)
                                        .build()))
                            .build()))
                .setHighlights(
                    List.of(
                        Highlight.newBuilder()
                            .setTitle("Next steps")
                            .setItems(
                                List.of(
                                    HighlightItem.newBuilder()
                                        .setText("Send the SSO roadmap")
                                        .setStartTimesSeconds(List.of(1500.0))
                                        .build()))
                            .build()))
                .setTopics(List.of())
                .setActionItems(
                    List.of(
                        ActionItem.newBuilder()
                            .setSnippet("I'll send you the SSO roadmap by Friday.")
                            .setSnippetStartSeconds(1500.0)
                            .setSpeakerId("s2")
                            .build()))
                .build())
        .setTranscript(
            List.of(
                turn("s1", 1_000, 4_200, "We really need SSO with Okta."),
                turn("s2", 5_000, 6_000, "Understood."),
                turn("s1", 7_000, 9_000, "It blocks our renewal.")))
        .setFetchedAt(started.plusSeconds(3600));
  }

  private static TranscriptTurn turn(String speaker, long start, long end, String text) {
    return TranscriptTurn.newBuilder()
        .setSpeakerId(speaker)
        .setSentences(
            List.of(Sentence.newBuilder().setStartMs(start).setEndMs(end).setText(text).build()))
        .build();
  }
}
