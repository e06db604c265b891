package dev.earshot.extraction.followup;

import dev.earshot.extraction.call.NormalisedCall;
import dev.earshot.extraction.model.FeedbackModel;
import dev.earshot.extraction.model.Tokens;
import dev.earshot.text.EnglishText;
import java.time.Duration;
import java.util.List;

/**
 * The offline default: no network, no account, and extractive, as its provenance says. Action items
 * come from commitment cues ({@link CommitmentCues}), the recap from Gong's brief and key points or
 * else the customer's most central sentences ({@link Recaps}), the email's words from {@link
 * Letters}.
 */
public final class OfflineFollowUpModel implements FollowUpModel {

  public static final String VERSION = "followup-offline-1";

  /** An allowance: tagging a one-hour call's sentences takes well under a second. */
  static final Duration LONGEST_CALL = Duration.ofSeconds(10);

  private final CommitmentCues cues;
  private final Recaps recaps;

  /** The offline drafter over these OpenNLP models. */
  public OfflineFollowUpModel(EnglishText english) {
    this.cues = new CommitmentCues(english);
    this.recaps = new Recaps(english);
  }

  /** The offline drafter over this JVM's shared OpenNLP models. */
  public static OfflineFollowUpModel create() {
    return new OfflineFollowUpModel(EnglishText.shared());
  }

  @Override
  public DrafterInfo info() {
    return new DrafterInfo("offline", "commitment-cues+opennlp-en-ud-ewt", VERSION, true);
  }

  @Override
  public Duration longestCall() {
    return LONGEST_CALL;
  }

  @Override
  public Drafted draft(NormalisedCall call, CallSummary summary) {
    List<ActionItem> actions = cues.find(call);
    Recaps.Recap recap = recaps.of(call, summary, actions);
    Draft draft =
        new Draft(
            Letters.subject(call), Letters.body(call, recap, actions), actions, recap.cited());
    return new Drafted(draft, FeedbackModel.Usage.none(Tokens.of(call)));
  }
}
