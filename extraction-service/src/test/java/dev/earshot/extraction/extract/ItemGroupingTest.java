package dev.earshot.extraction.extract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.earshot.embeddings.Vectors;
import dev.earshot.extraction.call.Role;
import dev.earshot.extraction.call.Speaker;
import dev.earshot.extraction.call.Utterance;
import dev.earshot.extraction.detect.Kind;
import dev.earshot.extraction.detect.SentenceClassifier;
import java.util.List;
import org.junit.jupiter.api.Test;

class ItemGroupingTest {

  private static final Speaker ANA =
      new Speaker("1", "p1", "Ana", null, null, Role.CUSTOMER, "Acme");
  private static final Speaker BO = new Speaker("2", "p2", "Bo", null, null, Role.CUSTOMER, "Acme");
  private final ItemGrouping grouping = ItemGrouping.defaults();

  private static ItemGrouping.FeedbackSentence said(
      Speaker who, int turn, int index, float... direction) {
    return new ItemGrouping.FeedbackSentence(
        new Utterance(index, turn, who, "s" + index, index * 1000L, index * 1000L + 900),
        new SentenceClassifier.Verdict(0.9, Kind.FEATURE_REQUEST, Vectors.unit(direction)));
  }

  @Test
  void aRequestVoicedAgainLaterIsOneItem() {
    var groups =
        grouping.group(List.of(said(ANA, 2, 5, 1, 0.1f, 0), said(ANA, 9, 40, 0.95f, 0.2f, 0.1f)));

    assertThat(groups).hasSize(1);
    assertThat(groups.getFirst().sentences()).hasSize(2);
  }

  @Test
  void differentRequestsStayApartEvenInOneTurn() {
    var groups = grouping.group(List.of(said(ANA, 2, 5, 1, 0, 0), said(ANA, 2, 6, 0, 1, 0)));

    assertThat(groups).hasSize(2);
  }

  @Test
  void twoSentencesAboutOneThingInOneTurnAreOneItem() {
    var groups =
        grouping.group(List.of(said(BO, 3, 10, 1, 0.5f, 0), said(BO, 3, 11, 1, 0.3f, 0.2f)));

    assertThat(groups).hasSize(1);
  }

  @Test
  void sentencesOfOneAnswerAreOneItemEvenWhenTheyDiffer() {
    var first = said(ANA, 2, 5, 1, 0, 0);
    var second = said(ANA, 3, 6, 0, 1, 0);
    List<Utterance> call = List.of(utterance(REP, 0, 4), first.utterance(), second.utterance());

    var groups = grouping.group(List.of(first, second), pad(call));

    assertThat(groups).hasSize(1);
    assertThat(groups.getFirst().weight())
        .isCloseTo(1.8, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(groups.getFirst().strongest())
        .isCloseTo(0.9, org.assertj.core.data.Offset.offset(1e-9));
  }

  @Test
  void theInterviewerSpeakingInBetweenEndsTheAnswer() {
    var first = said(ANA, 2, 5, 1, 0, 0);
    var second = said(ANA, 4, 7, 0, 1, 0);
    List<Utterance> call = List.of(first.utterance(), utterance(REP, 3, 6), second.utterance());

    var groups = grouping.group(List.of(first, second), pad(call));

    assertThat(groups).hasSize(2);
  }

  @Test
  void aLongAnswerIsSplitWhereItChangesSubject() {
    // One answer of 7 sentences: 4 about one thing, then 3 about another; cap 5.
    ItemGrouping capped = new ItemGrouping(0.35, 0.40, 5);
    java.util.List<ItemGrouping.FeedbackSentence> answer = new java.util.ArrayList<>();
    for (int i = 0; i < 4; i++) {
      answer.add(said(ANA, 2, 5 + i, 1, 0.1f * i, 0));
    }
    for (int i = 0; i < 3; i++) {
      answer.add(said(ANA, 2, 9 + i, 0, 0.1f * i, 1));
    }

    var groups =
        capped.group(
            answer, pad(answer.stream().map(ItemGrouping.FeedbackSentence::utterance).toList()));

    assertThat(groups).hasSize(2);
    assertThat(groups.get(0).sentences()).containsExactlyElementsOf(answer.subList(0, 4));
    assertThat(groups.get(1).sentences()).containsExactlyElementsOf(answer.subList(4, 7));
  }

  @Test
  void noItemGrowsBeyondTheCapWhenAnswersAreMerged() {
    // Six one-sentence answers that all voice the same request; cap 4.
    ItemGrouping capped = new ItemGrouping(0.35, 0.40, 4);
    java.util.List<ItemGrouping.FeedbackSentence> answers = new java.util.ArrayList<>();
    for (int i = 0; i < 6; i++) {
      answers.add(said(ANA, 2 * i, 2 * i + 1, 1, 0.05f * i, 0));
    }

    var groups =
        capped.group(
            answers, pad(answers.stream().map(ItemGrouping.FeedbackSentence::utterance).toList()));

    assertThat(groups).hasSize(2);
    assertThat(groups).allSatisfy(g -> assertThat(g.sentences()).hasSizeLessThanOrEqualTo(4));
    assertThat(groups.stream().mapToInt(g -> g.sentences().size()).sum()).isEqualTo(6);
  }

  @Test
  void aCapBelowOneIsRefused() {
    org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
        .isThrownBy(() -> new ItemGrouping(0.35, 0.40, 0))
        .withMessageContaining("maxSentences");
  }

  private static final Speaker REP = new Speaker("9", "p9", "Rep", null, null, Role.INTERNAL, null);

  private static Utterance utterance(Speaker who, int turn, int index) {
    return new Utterance(index, turn, who, "r" + index, index * 1000L, index * 1000L + 900);
  }

  /** The call's utterances at their indexes, the interviewer filling the gaps before them. */
  private static List<Utterance> pad(List<Utterance> known) {
    int size = known.stream().mapToInt(Utterance::index).max().orElse(0) + 1;
    java.util.List<Utterance> all = new java.util.ArrayList<>();
    for (int i = 0; i < size; i++) {
      int at = i;
      all.add(
          known.stream().filter(u -> u.index() == at).findFirst().orElse(utterance(REP, 0, at)));
    }
    return all;
  }
}
