package dev.earshot.dedup.board;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClearestTitleTest {

  @Test
  void aTitleThatKeepsTheRulesReplacesACutOffOne() {
    String cutOff = "It would be great if reports could be";

    assertThat(ClearestTitle.among(cutOff, List.of(cutOff, "Weekly report emails")))
        .isEqualTo("Weekly report emails");
  }

  @Test
  void theCurrentTitleStaysUnlessAnotherIsStrictlyClearer() {
    assertThat(
            ClearestTitle.among("Okta single sign-on", List.of("Okta single sign-on", "Okta SSO")))
        .isEqualTo("Okta single sign-on");
  }

  @Test
  void aTitleNoMentionHasAnyMoreGivesWayToTheClearestMentionsTitle() {
    assertThat(
            ClearestTitle.among(
                "Offline mode in the mobile app",
                List.of("When the team logs in at eight the", "Export the audit log")))
        .isEqualTo("Export the audit log");
  }
}
