package dev.earshot.extraction.followup;

import dev.earshot.events.ActionOwnerSide;
import dev.earshot.events.Call;
import dev.earshot.events.DraftMethod;
import dev.earshot.events.FollowUp;
import dev.earshot.events.FollowUpAction;
import dev.earshot.events.FollowUpProvenance;
import dev.earshot.events.FollowUpRecipient;
import dev.earshot.events.GongContent;
import dev.earshot.events.Quote;
import dev.earshot.extraction.call.NormalisedCall;
import dev.earshot.extraction.call.NormalisingCall;
import dev.earshot.extraction.call.Speaker;
import dev.earshot.extraction.call.Utterance;
import dev.earshot.extraction.model.FeedbackModel;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One call in, its follow-up draft out: a call without external participants gets none (skipped,
 * with the reason), nor does one without a transcript; otherwise the model drafts and the draft
 * becomes a {@code FollowUp} keyed by call id. The record depends only on the call record (its
 * {@code createdAt} is the record's fetch time), so a redelivered call gives the same draft. Plain
 * Java; the Kafka listener and the benchmark both call it.
 */
public final class DraftingFollowUps {

  /** What became of one call. */
  public sealed interface Result {

    /**
     * A draft to publish.
     *
     * @param followUp the record for calls.followups.v1
     * @param usage tokens the model read and billed
     */
    record Drafted(FollowUp followUp, FeedbackModel.Usage usage) implements Result {}

    /**
     * No draft.
     *
     * @param reason {@code no_external_participants} or {@code no_transcript}
     */
    record Skipped(String reason) implements Result {}
  }

  public static final String NO_EXTERNALS = "no_external_participants";
  public static final String NO_TRANSCRIPT = "no_transcript";

  private final FollowUpModel model;

  /** Drafts with this model (the configured one: {@code FollowUpModels.create}). */
  public DraftingFollowUps(FollowUpModel model) {
    this.model = model;
  }

  /** The drafter, for its provenance and metrics. */
  public FollowUpModel model() {
    return model;
  }

  /**
   * The call's draft, or why there is none.
   *
   * @throws dev.earshot.extraction.model.llm.InvalidModelOutput from a language model whose answer
   *     stays invalid: permanent
   */
  public Result draft(Call call) {
    NormalisedCall normalised = NormalisingCall.normalise(call);
    List<Speaker> externals = Letters.externals(normalised);
    if (externals.isEmpty()) {
      return new Result.Skipped(NO_EXTERNALS);
    }
    if (normalised.utterances().isEmpty()) {
      return new Result.Skipped(NO_TRANSCRIPT);
    }
    FollowUpModel.Drafted drafted = model.draft(normalised, summary(call));
    return new Result.Drafted(record(call, externals, drafted.draft()), drafted.usage());
  }

  /** Gong's brief and key points from the call record, when it has them. */
  static CallSummary summary(Call call) {
    GongContent content = call.getContent();
    if (content == null) {
      return CallSummary.none();
    }
    return new CallSummary(content.getBrief(), content.getKeyPoints());
  }

  private FollowUp record(Call call, List<Speaker> externals, Draft draft) {
    FollowUpModel.DrafterInfo info = model.info();
    Map<Integer, Utterance> moments = new TreeMap<>();
    draft.actionItems().forEach(a -> a.cited().forEach(u -> moments.put(u.index(), u)));
    draft.recapCited().forEach(u -> moments.put(u.index(), u));
    return FollowUp.newBuilder()
        .setCallId(call.getCallId())
        .setOrgId(call.getOrgId())
        .setSubject(draft.subject())
        .setBody(draft.body())
        .setActionItems(draft.actionItems().stream().map(DraftingFollowUps::action).toList())
        .setCitedMoments(moments.values().stream().map(DraftingFollowUps::quote).toList())
        .setCreatedAt(call.getFetchedAt())
        .setRecipients(
            externals.stream()
                .map(
                    s ->
                        FollowUpRecipient.newBuilder()
                            .setName(s.name())
                            .setEmailAddress(s.email())
                            .build())
                .toList())
        .setProvenance(
            FollowUpProvenance.newBuilder()
                .setProvider(info.provider())
                .setModel(info.model())
                .setVersion(info.version())
                .setMethod(info.extractive() ? DraftMethod.EXTRACTIVE : DraftMethod.GENERATIVE)
                .build())
        .build();
  }

  private static FollowUpAction action(ActionItem a) {
    return FollowUpAction.newBuilder()
        .setText(a.what())
        .setOwner(a.owner())
        .setOwnerSide(ActionOwnerSide.valueOf(a.side().name()))
        .setDue(a.due())
        .setCitations(
            a.cited().stream()
                .sorted(Comparator.comparingInt(Utterance::index))
                .map(DraftingFollowUps::quote)
                .toList())
        .build();
  }

  private static Quote quote(Utterance u) {
    return Quote.newBuilder()
        .setText(u.text())
        .setStartMs(u.startMs())
        .setEndMs(u.endMs())
        .setSpeakerId(u.speaker().speakerId())
        .setSpeakerName(u.speaker().name())
        .build();
  }
}
