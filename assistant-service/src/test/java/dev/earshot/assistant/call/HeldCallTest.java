package dev.earshot.assistant.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class HeldCallTest {

  static final Instant T0 = Instant.parse("2026-11-20T15:00:00Z");
  static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

  @Test
  void keepsGongsSummaryAndTalkTimesButNotTheTranscriptsWords() {
    HeldCall call = HeldCall.of(Calls.call("org-1", "42", "Acme renewal", T0).build());

    assertThat(call.brief()).isEqualTo("Acme asked for single sign-on before renewal.");
    assertThat(call.outline().getFirst().items()).containsExactly("Okta SSO requirement");
    assertThat(call.highlights().getFirst().items()).containsExactly("Send the SSO roadmap");
    assertThat(call.pointsOfInterest().getFirst().speaker()).isEqualTo("Sam Seller");
    assertThat(call.speakers())
        .extracting(
            HeldCall.Speaker::name, HeldCall.Speaker::affiliation, HeldCall.Speaker::talkSeconds)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("Dana Buyer", "external", 5.2),
            org.assertj.core.groups.Tuple.tuple("Sam Seller", "internal", 1.0));
    assertThat(call.company().name()).isEqualTo("Acme Corp");
    assertThat(call.toString()).doesNotContain("We really need SSO with Okta");
  }

  @Test
  void searchTextHoldsTitleParticipantsAndCompanyInLowerCase() {
    String text =
        HeldCall.of(Calls.call("org-1", "42", "Quarterly Review", T0).build()).searchText();

    assertThat(text)
        .contains("quarterly review", "dana buyer", "it director", "dana@acme.example", "acme corp")
        .doesNotContain("okta");
  }

  @Test
  void aSearchDefaultsToTheLast90DaysAndTwentyCalls() {
    CallSearch search = CallSearch.of(null, null, "  Acme   SSO acme ", null, NOW);

    assertThat(search.to()).isEqualTo(NOW);
    assertThat(search.from()).isEqualTo(NOW.minus(CallSearch.DEFAULT_WINDOW));
    assertThat(search.words()).containsExactly("acme", "sso");
    assertThat(search.limit()).isEqualTo(20);
  }

  @Test
  void datesMeanWholeUtcDays() {
    CallSearch search = CallSearch.of("2026-11-01", "2026-11-30", null, 5, NOW);

    assertThat(search.from()).isEqualTo(Instant.parse("2026-11-01T00:00:00Z"));
    assertThat(search.to()).isEqualTo(Instant.parse("2026-12-01T00:00:00Z"));
  }

  @Test
  void wrongParametersSayWhatToFix() {
    assertThatThrownBy(() -> CallSearch.of("yesterday", null, null, null, NOW))
        .isInstanceOf(CallSearch.Invalid.class)
        .hasMessageContaining("from must be an ISO-8601");
    assertThatThrownBy(() -> CallSearch.of("2026-11-30", "2026-11-01", null, null, NOW))
        .hasMessageContaining("must be before");
    assertThatThrownBy(() -> CallSearch.of(null, null, null, 0, NOW))
        .hasMessageContaining("limit must be between 1 and 200");
  }

  @Test
  void datesOutsideYears1970To9999AreRefusedWithTheRange() {
    // the largest date Java reads, whose end of day overflows; a year PostgreSQL cannot store
    assertThatThrownBy(() -> CallSearch.of(null, "+999999999-12-31", null, null, NOW))
        .isInstanceOf(CallSearch.Invalid.class)
        .hasMessageContaining("to must be between 1970-01-01 and 9999-12-31");
    assertThatThrownBy(() -> CallSearch.of("+300000-01-01T00:00:00Z", null, null, null, NOW))
        .isInstanceOf(CallSearch.Invalid.class)
        .hasMessageContaining("from must be between 1970-01-01 and 9999-12-31");
    assertThatThrownBy(() -> CallSearch.of("1969-12-31", null, null, null, NOW))
        .isInstanceOf(CallSearch.Invalid.class);

    CallSearch widest = CallSearch.of("1970-01-01", "9999-12-31", null, null, NOW);
    assertThat(widest.to()).isEqualTo(Instant.parse("+10000-01-01T00:00:00Z"));
  }
}
