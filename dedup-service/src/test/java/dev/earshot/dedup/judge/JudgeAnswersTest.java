package dev.earshot.dedup.judge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The judge's answer is read strictly: a pick, none, or unreadable. */
class JudgeAnswersTest {

  private final MatchJudge.Question question = Questions.ssoItem();

  @Test
  void aCandidatesNumberPicksThatCandidate() {
    assertThat(JudgeAnswers.pick(JudgeAnswers.read("{\"post\": 2}"), question))
        .contains(Questions.EXPORT_POST);
    assertThat(JudgeAnswers.pick(JudgeAnswers.read("{\"post\":1}"), question))
        .contains(Questions.SSO_POST);
  }

  @Test
  void zeroPicksNone() {
    assertThat(JudgeAnswers.pick(JudgeAnswers.read("{\"post\": 0}"), question)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "The first one.",
        "```json\n{\"post\": 1}\n```",
        "[1]",
        "{\"post\": \"1\"}",
        "{\"post\": 1.5}",
        "{\"post\": 3}",
        "{\"post\": -1}",
        "{\"post\": null}",
        "{\"post\": 1, \"because\": \"same words\"}",
        "{\"match\": 1}",
        "{}",
        ""
      })
  void anythingElseIsUnreadable(String answer) {
    assertThatThrownBy(() -> JudgeAnswers.pick(JudgeAnswers.read(answer), question))
        .isInstanceOf(JudgeAnswers.Unreadable.class);
  }
}
