package dev.earshot.extraction.model.llm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.earshot.extraction.call.NormalisedCall;
import dev.earshot.extraction.call.Utterance;
import org.junit.jupiter.api.Test;

class CallDigestTest {

  private final NormalisedCall call = LlmTestCalls.longCallWithFeedback();

  @Test
  void aDigestSendsAtMostThirtyPercentOfTheTranscriptAndOnlyCustomerSentencesAreQuotable() {
    CallDigest digest =
        CallDigest.of(
            call, LlmTestCalls.TAXONOMY, LlmTestCalls.GATE, CallDigest.Settings.defaults());

    assertThat(digest.sentTokens())
        .isPositive()
        .isLessThanOrEqualTo((long) (digest.transcriptTokens() * 0.3));
    assertThat(digest.sentences().values())
        .allSatisfy(u -> assertThat(u.speaker().isCustomer()).isTrue());
    assertThat(digest.text()).contains("Feature requests").contains("us: ");
  }

  @Test
  void theCustomersFeedbackIsInTheDigest() {
    CallDigest digest =
        CallDigest.of(
            call, LlmTestCalls.TAXONOMY, LlmTestCalls.GATE, CallDigest.Settings.defaults());

    assertThat(digest.sentences().values())
        .extracting(Utterance::text)
        .anySatisfy(text -> assertThat(text).isNotBlank());
    assertThat(digest.sentences()).hasSizeLessThan(call.customerUtterances().size());
  }
}
