package dev.earshot.extraction.followup;

import dev.earshot.extraction.call.NormalisedCall;
import dev.earshot.extraction.model.FeedbackModel;
import java.time.Duration;

/**
 * Drafts the follow-up of one call with external participants: the offline extractive drafter by
 * default, a language model by configuration ({@code earshot.extraction.followups.model}).
 */
public interface FollowUpModel {

  /** Who drafts, for the draft's provenance. */
  DrafterInfo info();

  /**
   * The call's draft. Every action item cites sentences of {@code call}.
   *
   * @param call the call, with at least one customer (external) participant
   * @param summary Gong's brief and key points, when the record has them
   * @throws dev.earshot.extraction.model.llm.InvalidModelOutput when a language model's answer
   *     stays invalid (or cites sentences it was not given) after the re-ask: permanent
   * @throws dev.earshot.provider.ProviderHttp.ModelUnavailable when the provider cannot serve:
   *     transient
   */
  Drafted draft(NormalisedCall call, CallSummary summary);

  /** The longest {@link #draft} can take, retries and re-asks included (sizes Kafka polls). */
  Duration longestCall();

  /**
   * Provenance of drafts.
   *
   * @param provider offline, openai or anthropic
   * @param model the model's name (for the offline drafter, what it is built of)
   * @param version the drafter's or prompt's version
   * @param extractive whether every word of the recap and action items is taken from the call or
   *     Gong's summary (true for the offline drafter, false for a language model)
   */
  record DrafterInfo(String provider, String model, String version, boolean extractive) {}

  /**
   * A draft and what it cost.
   *
   * @param draft the draft
   * @param usage tokens the model read and billed (none for the offline drafter)
   */
  record Drafted(Draft draft, FeedbackModel.Usage usage) {}
}
