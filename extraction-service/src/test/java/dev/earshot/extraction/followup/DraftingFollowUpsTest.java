package dev.earshot.extraction.followup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.earshot.events.Affiliation;
import dev.earshot.events.Call;
import dev.earshot.events.DraftMethod;
import dev.earshot.events.FollowUp;
import dev.earshot.events.FollowUpAction;
import dev.earshot.events.Party;
import dev.earshot.events.Quote;
import dev.earshot.events.Sentence;
import dev.earshot.events.TranscriptTurn;
import dev.earshot.gong.simulator.corpus.Corpus;
import dev.earshot.gong.simulator.corpus.CorpusCall;
import dev.earshot.testing.eval.CorpusCalls;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DraftingFollowUpsTest {

  private static final List<CorpusCall> CALLS =
      CorpusCalls.fetchable(Corpus.generate(42, 40, Instant.parse("2026-11-01T00:00:00Z")).calls());

  private final DraftingFollowUps drafting = new DraftingFollowUps(OfflineFollowUpModel.create());

  @Test
  void everyCitationIsASentenceOfThatCallWithItsTimesAndSpeaker() {
    int items = 0;
    for (CorpusCall c : CALLS) {
      Call call = CorpusCalls.toCall(c, "org-1");
      FollowUp followUp = drafted(call);
      List<Quote> moments = new ArrayList<>(followUp.getCitedMoments());
      for (FollowUpAction action : followUp.getActionItems()) {
        assertThat(action.getCitations()).isNotEmpty();
        moments.addAll(action.getCitations());
        items++;
      }
      for (Quote q : moments) {
        assertThat(sentenceOf(call, q))
            .as("call %s: %s @%d-%d", c.id(), q.getText(), q.getStartMs(), q.getEndMs())
            .isTrue();
      }
    }
    assertThat(items).as("action items over the sample").isGreaterThan(CALLS.size());
  }

  @Test
  void aCallWithoutExternalParticipantsGetsNoDraft() {
    Call internal = CorpusCalls.toCall(CALLS.getFirst(), "org-1");
    internal.getParties().forEach(p -> p.put("affiliation", Affiliation.INTERNAL));

    DraftingFollowUps.Result result = drafting.draft(internal);

    assertThat(result)
        .isEqualTo(new DraftingFollowUps.Result.Skipped(DraftingFollowUps.NO_EXTERNALS));
  }

  @Test
  void aRedeliveredCallGivesTheSameDraft() {
    Call call = CorpusCalls.toCall(CALLS.get(3), "org-1");
    // the same record read again from the topic: equal, not the same object
    Call redelivered = CorpusCalls.toCall(CALLS.get(3), "org-1");

    FollowUp first = drafted(call);
    FollowUp again = drafted(redelivered);

    assertThat(again).isEqualTo(first);
    assertThat(again.getCallId()).isEqualTo(call.getCallId());
  }

  @Test
  void theOfflineDraftSaysItIsExtractiveAndGreetsTheCustomersByName() {
    CorpusCall c = CALLS.get(1);
    FollowUp followUp = drafted(CorpusCalls.toCall(c, "org-1"));

    assertThat(followUp.getProvenance().getMethod()).isEqualTo(DraftMethod.EXTRACTIVE);
    assertThat(followUp.getProvenance().getProvider()).isEqualTo("offline");
    assertThat(followUp.getProvenance().getVersion()).isEqualTo(OfflineFollowUpModel.VERSION);
    assertThat(followUp.getBody()).contains("extractively");
    String firstName = c.externals().getFirst().person().name().split(" ")[0];
    assertThat(followUp.getBody()).startsWith("Hi ").contains(firstName);
    assertThat(followUp.getRecipients())
        .extracting(r -> r.getEmailAddress())
        .containsAll(c.externals().stream().map(p -> p.person().email()).toList());
  }

  @Test
  void actionItemsCarryTheOwnerSideAndTheTimeAsSaid() {
    Call call = CorpusCalls.toCall(CALLS.get(2), "org-1");
    Call withCommitments = CorpusCalls.toCall(CALLS.get(2), "org-1");
    withCommitments.put(
        "transcript",
        List.of(
            turn(call, 0, "I'll send you the security questionnaire by Friday."),
            turn(call, 1, "Can you share the carrier list before our next call?")));

    FollowUp followUp = drafted(withCommitments);

    assertThat(followUp.getActionItems())
        .extracting(a -> a.getOwnerSide().name(), FollowUpAction::getText, FollowUpAction::getDue)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "INTERNAL", "send you the security questionnaire", "by Friday"),
            org.assertj.core.groups.Tuple.tuple(
                "INTERNAL", "share the carrier list", "before our next call"));
  }

  private static TranscriptTurn turn(Call call, int party, String text) {
    Party speaker =
        call.getParties().stream()
            .filter(
                p ->
                    p.getAffiliation()
                        == (party == 0 ? Affiliation.INTERNAL : Affiliation.EXTERNAL))
            .findFirst()
            .orElseThrow();
    return TranscriptTurn.newBuilder()
        .setSpeakerId(speaker.getSpeakerId())
        .setSentences(
            List.of(
                Sentence.newBuilder()
                    .setStartMs(1000L + party * 5000)
                    .setEndMs(4000L + party * 5000)
                    .setText(text)
                    .build()))
        .build();
  }

  private FollowUp drafted(Call call) {
    return ((DraftingFollowUps.Result.Drafted) drafting.draft(call)).followUp();
  }

  /** Whether the quote is a sentence of the call: same text, times and speaker. */
  static boolean sentenceOf(Call call, Quote q) {
    for (TranscriptTurn turn : call.getTranscript()) {
      for (Sentence s : turn.getSentences()) {
        if (s.getStartMs() == q.getStartMs()
            && s.getEndMs() == q.getEndMs()
            && s.getText().strip().equals(q.getText())
            && turn.getSpeakerId().equals(q.getSpeakerId())) {
          return true;
        }
      }
    }
    return false;
  }
}
