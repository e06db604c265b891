package dev.earshot.extraction.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.earshot.extraction.call.Role;
import dev.earshot.extraction.call.Speaker;
import dev.earshot.extraction.call.Utterance;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a customer sentence answers, and where it sits in the answer. */
class TurnContextTest {

  private static final Speaker REP = new Speaker("r", "p1", "Rep", null, null, Role.INTERNAL, null);
  private static final Speaker ANA =
      new Speaker("a", "p2", "Ana", null, null, Role.CUSTOMER, "Acme");

  private static List<Utterance> call(Object... speakerThenText) {
    List<Utterance> utterances = new ArrayList<>();
    int turn = -1;
    Speaker last = null;
    for (int i = 0; i < speakerThenText.length; i += 2) {
      Speaker who = (Speaker) speakerThenText[i];
      turn += who.equals(last) ? 0 : 1;
      last = who;
      utterances.add(
          new Utterance(utterances.size(), turn, who, (String) speakerThenText[i + 1], 0, 0));
    }
    return utterances;
  }

  @Test
  void anAnswerToAYesNoQuestionIsMarkedAsSuch() {
    var contexts =
        TurnContext.ofCustomers(call(REP, "So do you see the upload button?", ANA, "Yeah."));

    assertThat(contexts).hasSize(1);
    assertThat(contexts.getFirst().afterQuestion()).isTrue();
    assertThat(contexts.getFirst().afterYesNoQuestion()).isTrue();
    assertThat(contexts.getFirst().afterOpinionPrompt()).isFalse();
    assertThat(contexts.getFirst().unprompted()).isFalse();
  }

  @Test
  void anOpenPromptForProblemsIsNotAYesNoQuestion() {
    var contexts =
        TurnContext.ofCustomers(
            call(REP, "What was confusing on that page?", ANA, "The labels.", ANA, "All of them."));

    assertThat(contexts).allSatisfy(c -> assertThat(c.afterOpinionPrompt()).isTrue());
    assertThat(contexts).allSatisfy(c -> assertThat(c.afterYesNoQuestion()).isFalse());
    assertThat(contexts).extracting(TurnContext::indexInAnswer).containsExactly(0, 1);
    assertThat(contexts).extracting(TurnContext::answerLength).containsExactly(2, 2);
  }

  @Test
  void anAnswerRunsAcrossTurnsUntilSomeoneElseSpeaks() {
    var contexts =
        TurnContext.ofCustomers(
            call(
                ANA,
                "Hi.",
                REP,
                "How would you rate it, one to five?",
                ANA,
                "A four.",
                REP,
                "Thanks.",
                ANA,
                "Sure."));

    assertThat(contexts).hasSize(3);
    assertThat(contexts.get(0).unprompted()).isTrue();
    assertThat(contexts.get(1).afterRatingPrompt()).isTrue();
    assertThat(contexts.get(2).afterQuestion()).isFalse();
    assertThat(contexts.get(2).afterRatingPrompt())
        .as("only what the other side said since the customer last spoke is the prompt")
        .isFalse();
  }

  @Test
  void aTextAloneIsUnprompted() {
    TurnContext alone = TurnContext.alone(1, 3);

    assertThat(alone.unprompted()).isTrue();
    assertThat(alone.afterQuestion()).isFalse();
    assertThat(alone.indexInAnswer()).isEqualTo(1);
  }
}
