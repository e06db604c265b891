package dev.earshot.dedup.judge;

import dev.earshot.provider.LlmSettings;
import java.util.List;
import java.util.UUID;

/** A question about an SSO item with two candidates: SSO (1) and CSV export (2). */
final class Questions {

  static final UUID SSO_POST = UUID.fromString("00000000-0000-0000-0000-0000000000a1");
  static final UUID EXPORT_POST = UUID.fromString("00000000-0000-0000-0000-0000000000b2");

  private Questions() {}

  static MatchJudge.Question ssoItem() {
    return new MatchJudge.Question(
        new MatchJudge.Said(
            "Okta login for staff", List.of("Could staff log in with Okta instead of passwords?")),
        List.of(
            new MatchJudge.Candidate(
                SSO_POST,
                new MatchJudge.Said(
                    "Single sign-on with Okta",
                    List.of("We need our people to sign in through Okta single sign-on."))),
            new MatchJudge.Candidate(
                EXPORT_POST,
                new MatchJudge.Said(
                    "CSV export limited to ten thousand rows",
                    List.of("The CSV export stops at ten thousand rows.")))));
  }

  static LlmSettings settings(String baseUrl, String path, String authHeader, int retries) {
    return new LlmSettings(
        baseUrl,
        path,
        "sk-test",
        authHeader,
        "judge-model",
        java.time.Duration.ofSeconds(2),
        retries,
        50,
        java.math.BigDecimal.ZERO,
        java.math.BigDecimal.ZERO);
  }
}
