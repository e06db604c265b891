package dev.earshot.extraction.followup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.earshot.text.EnglishText;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CommitmentCuesTest {

  private final CommitmentCues cues = new CommitmentCues(EnglishText.shared());

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      value = {
        "I'll send you the security questionnaire by Friday.|PROMISE|send you the security questionnaire|by Friday",
        "We will share the pilot plan next week.|PROMISE|share the pilot plan|next week",
        "I'm going to loop in our solutions architect.|PROMISE|loop in our solutions architect|-",
        "I'll let you know by end of day tomorrow.|PROMISE|let you know|by end of day tomorrow",
        "Can you share your current carrier list before our next call?|REQUEST|share your current carrier list|before our next call",
        "Could you send over the signed order form?|REQUEST|send over the signed order form|-",
        "Let's schedule a training session for next Thursday.|PROPOSAL|schedule a training session|for next Thursday",
        "Let's meet again once legal has reviewed the contract.|PROPOSAL|meet again|once legal has reviewed the contract",
        "I can check with my manager on the discount.|OFFER|check with my manager on the discount|-",
        "Please forward me the invoice.|REQUEST|forward me the invoice|-",
      })
  void findsCommitmentsWithWhatAndWhen(String sentence, String form, String what, String due) {
    List<CommitmentCues.Found> found = cues.inSentence(sentence);

    assertThat(found).hasSize(1);
    assertThat(found.getFirst().form()).isEqualTo(CommitmentCues.Form.valueOf(form));
    assertThat(found.getFirst().what()).isEqualTo(what);
    assertThat(found.getFirst().due()).isEqualTo(due);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Let me share my screen.",
        "Can you tell me a bit more about your process?",
        "I'll be the main contact on our side.",
        "Let's start with a quick recap.",
        "We can hold the price if you sign this month.",
        "Could you add a dark mode to the app?",
        "Can we get bulk editing?",
        "I think the report is too slow.",
        "Got it, I'll make a note of that.",
        "Can you show me where you would click?",
        "Let's talk about pricing.",
        "We'd need a discount to get this approved.",
        "Upload an itemized billing statement.",
        "I'm going to send you a link in the chat.",
        "We'll review two scenarios in this session.",
        "Hopefully I can speak to a live person.",
        "I'm going to sign in with my account.",
        "We'll just pretend you uploaded something.",
      })
  void ignoresWhatIsNoCommitmentAfterTheCall(String sentence) {
    assertThat(cues.inSentence(sentence)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"Send me an invite and I'll loop in our IT lead."})
  void findsARequestAndAPromiseInOneSentence(String sentence) {
    List<CommitmentCues.Found> found = cues.inSentence(sentence);

    assertThat(found)
        .extracting(CommitmentCues.Found::form, CommitmentCues.Found::what)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(CommitmentCues.Form.REQUEST, "Send me an invite"),
            org.assertj.core.groups.Tuple.tuple(
                CommitmentCues.Form.PROMISE, "loop in our IT lead"));
  }
}
