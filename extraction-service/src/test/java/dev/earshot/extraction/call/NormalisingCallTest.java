package dev.earshot.extraction.call;

import static org.assertj.core.api.Assertions.assertThat;

import dev.earshot.events.Affiliation;
import dev.earshot.events.Call;
import dev.earshot.events.Party;
import dev.earshot.events.Sentence;
import dev.earshot.events.TranscriptTurn;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class NormalisingCallTest {

  private static Party party(String speaker, String name, String email, Affiliation affiliation) {
    return Party.newBuilder()
        .setId("p" + speaker)
        .setSpeakerId(speaker)
        .setName(name)
        .setEmailAddress(email)
        .setAffiliation(affiliation)
        .build();
  }

  private static TranscriptTurn turn(String speaker, String... sentences) {
    return TranscriptTurn.newBuilder()
        .setSpeakerId(speaker)
        .setSentences(
            java.util.Arrays.stream(sentences)
                .map(t -> Sentence.newBuilder().setStartMs(1000).setEndMs(3000).setText(t).build())
                .toList())
        .build();
  }

  private static final Call CALL =
      Call.newBuilder()
          .setCallId("c1")
          .setConnectionId("k")
          .setOrgId("org")
          .setUrl("https://app.gong.io/call?id=c1")
          .setStarted(Instant.parse("2026-11-20T10:00:00Z"))
          .setDurationSeconds(600)
          .setParties(
              List.of(
                  party("1", "Rep", "rep@ourco.example", Affiliation.INTERNAL),
                  party("2", "Ana", "ana@acme.example", Affiliation.EXTERNAL),
                  party("3", "Colleague", "sam@ourco.example", Affiliation.UNKNOWN),
                  party("4", "Guest", "lee@partner.example", Affiliation.UNKNOWN),
                  party("5", "Dial-in", null, Affiliation.UNKNOWN)))
          .setTranscript(
              List.of(
                  turn("1", "Hi all."),
                  turn("2", "We need bulk edit.", "  ", "It takes hours."),
                  turn("3", "I agree."),
                  turn("4", "Us too."),
                  turn("5", "Hello?"),
                  turn("9", "Who is this?")))
          .setFetchedAt(Instant.EPOCH)
          .build();

  @Test
  void externalPartiesAndUnknownOnesAtOtherDomainsAreCustomers() {
    NormalisedCall call = NormalisingCall.normalise(CALL);

    assertThat(call.speakers().get("1").role()).isEqualTo(Role.INTERNAL);
    assertThat(call.speakers().get("2").role()).isEqualTo(Role.CUSTOMER);
    assertThat(call.speakers().get("3").role()).isEqualTo(Role.INTERNAL);
    assertThat(call.speakers().get("4").role()).isEqualTo(Role.CUSTOMER);
    assertThat(call.speakers().get("5").role()).isEqualTo(Role.UNKNOWN);
    assertThat(call.speakers().get("9").role()).isEqualTo(Role.UNKNOWN);
  }

  @Test
  void customerSentencesKeepOrderTurnAndTimeAndBlanksAreDropped() {
    NormalisedCall call = NormalisingCall.normalise(CALL);

    assertThat(call.customerUtterances())
        .extracting(Utterance::text)
        .containsExactly("We need bulk edit.", "It takes hours.", "Us too.");
    assertThat(call.customerUtterances().getFirst().turn()).isEqualTo(1);
    assertThat(call.speakers().get("4").company()).isEqualTo("partner.example");
    assertThat(call.mainCustomer()).map(Speaker::name).contains("Ana");
  }
}
