package dev.earshot.extraction.call;

import static org.assertj.core.api.Assertions.assertThat;

import dev.earshot.events.Affiliation;
import dev.earshot.events.Call;
import dev.earshot.events.CrmContext;
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

  private static Call call(String accountDomain, List<Party> parties) {
    return Call.newBuilder()
        .setCallId("c1")
        .setConnectionId("k")
        .setOrgId("org")
        .setUrl("https://app.gong.io/call?id=c1")
        .setStarted(Instant.parse("2026-11-20T10:00:00Z"))
        .setDurationSeconds(600)
        .setParties(parties)
        .setTranscript(
            List.of(
                turn("1", "Hi all."),
                turn("2", "We need bulk edit.", "  ", "It takes hours."),
                turn("3", "I agree."),
                turn("4", "Us too."),
                turn("5", "Hello?"),
                turn("9", "Who is this?")))
        .setCrm(
            accountDomain == null
                ? null
                : CrmContext.newBuilder().setAccountDomain(accountDomain).build())
        .setFetchedAt(Instant.EPOCH)
        .build();
  }

  private static final Call CALL =
      call(
          "https://www.acme.example/",
          List.of(
              party("1", "Rep", "rep@ourco.example", Affiliation.INTERNAL),
              party("2", "Ana", "ana@acme.example", Affiliation.EXTERNAL),
              party("3", "Colleague", "sam@ourco.example", Affiliation.UNKNOWN),
              party("4", "Guest", "lee@acme.example", Affiliation.UNKNOWN),
              party("5", "Dial-in", null, Affiliation.UNKNOWN)));

  /** The transcript of CALL with these parties and CRM account domain. */
  private static NormalisedCall with(String accountDomain, Party... parties) {
    return NormalisingCall.normalise(call(accountDomain, List.of(parties)));
  }

  @Test
  void externalPartiesAndUnknownOnesAtTheAccountsDomainAreCustomers() {
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
    assertThat(call.speakers().get("4").company()).isEqualTo("acme.example");
    assertThat(call.mainCustomer()).map(Speaker::name).contains("Ana");
  }

  @Test
  void anUnknownPartyIsNotACustomerWhenNoInternalPartyHasAnEmail() {
    // given a rep without an email (ourDomains empty) and an unknown colleague at our domain
    NormalisedCall call =
        with(
            "acme.example",
            party("1", "Rep", null, Affiliation.INTERNAL),
            party("3", "Colleague", "sam@ourco.example", Affiliation.UNKNOWN),
            party("4", "Guest", "lee@acme.example", Affiliation.UNKNOWN));

    // then the colleague is never quoted; only the one at the account's domain is a customer
    assertThat(call.speakers().get("3").role()).isEqualTo(Role.UNKNOWN);
    assertThat(call.speakers().get("4").role()).isEqualTo(Role.CUSTOMER);
    assertThat(call.customerUtterances()).extracting(Utterance::text).containsExactly("Us too.");
  }

  @Test
  void anUnknownPartyAtASecondDomainOfTheVendorIsNeverQuoted() {
    // given a contractor of ours at another domain than the rep's, on a call with a CRM account
    NormalisedCall call =
        with(
            "acme.example",
            party("1", "Rep", "rep@ourco.example", Affiliation.INTERNAL),
            party("2", "Ana", "ana@acme.example", Affiliation.EXTERNAL),
            party("3", "Contractor", "sam@ourco-services.example", Affiliation.UNKNOWN));

    assertThat(call.speakers().get("3").role()).isEqualTo(Role.UNKNOWN);
    assertThat(call.customerUtterances())
        .extracting(Utterance::text)
        .containsExactly("We need bulk edit.", "It takes hours.");
  }

  @Test
  void anUnknownPartyAtAnotherDomainStaysUnknownWithoutACrmAccountDomain() {
    NormalisedCall call =
        with(
            null,
            party("1", "Rep", "rep@ourco.example", Affiliation.INTERNAL),
            party("4", "Guest", "lee@acme.example", Affiliation.UNKNOWN));

    assertThat(call.speakers().get("4").role()).isEqualTo(Role.UNKNOWN);
    assertThat(call.customerUtterances()).isEmpty();
  }

  @Test
  void anUnknownPartyAtTheAccountsDomainOrASubdomainOfItIsACustomer() {
    NormalisedCall call =
        with(
            "ACME.example",
            party("1", "Rep", "rep@ourco.example", Affiliation.INTERNAL),
            party("3", "Lee", "lee@eu.acme.example", Affiliation.UNKNOWN),
            party("4", "Kim", "kim@acme.example", Affiliation.UNKNOWN),
            party("5", "Look-alike", "max@notacme.example", Affiliation.UNKNOWN));

    assertThat(call.speakers().get("3").role()).isEqualTo(Role.CUSTOMER);
    assertThat(call.speakers().get("4").role()).isEqualTo(Role.CUSTOMER);
    assertThat(call.speakers().get("5").role()).isEqualTo(Role.UNKNOWN);
  }

  @Test
  void anAccountAtOneOfOurOwnDomainsMakesNoUnknownPartyACustomer() {
    // given an internal meeting logged on our own CRM account
    NormalisedCall call =
        with(
            "ourco.example",
            party("1", "Rep", "rep@ourco.example", Affiliation.INTERNAL),
            party("3", "Colleague", "sam@eu.ourco.example", Affiliation.UNKNOWN));

    assertThat(call.speakers().get("3").role()).isEqualTo(Role.UNKNOWN);
  }

  @Test
  void aDialInWithoutAnEmailStaysUnknownEvenWithAnAccountDomain() {
    NormalisedCall call =
        with(
            "acme.example",
            party("1", "Rep", "rep@ourco.example", Affiliation.INTERNAL),
            party("5", "+1 415 555 0100", null, Affiliation.UNKNOWN));

    assertThat(call.speakers().get("5").role()).isEqualTo(Role.UNKNOWN);
    assertThat(call.customerUtterances()).isEmpty();
  }

  @Test
  void theAccountsDomainIsReadFromAWebsiteAddress() {
    assertThat(NormalisingCall.host("https://www.Acme.example/about?x=1"))
        .isEqualTo("acme.example");
    assertThat(NormalisingCall.host("acme.example.")).isEqualTo("acme.example");
    assertThat(NormalisingCall.host("http://acme.example:8080")).isEqualTo("acme.example");
    assertThat(NormalisingCall.host("localhost")).isEmpty();
    assertThat(NormalisingCall.host(" ")).isEmpty();
    assertThat(NormalisingCall.host(null)).isEmpty();
  }
}
