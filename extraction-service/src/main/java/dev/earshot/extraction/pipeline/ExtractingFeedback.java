package dev.earshot.extraction.pipeline;

import dev.earshot.events.Author;
import dev.earshot.events.Call;
import dev.earshot.events.FeedbackItem;
import dev.earshot.events.FeedbackKind;
import dev.earshot.events.ModelProvenance;
import dev.earshot.extraction.call.CallFacts;
import dev.earshot.extraction.call.NormalisedCall;
import dev.earshot.extraction.call.NormalisingCall;
import dev.earshot.extraction.call.Speaker;
import dev.earshot.extraction.extract.FeatureArea;
import dev.earshot.extraction.extract.FeatureAreas;
import dev.earshot.extraction.extract.FoundItem;
import dev.earshot.extraction.model.FeedbackModel;
import dev.earshot.extraction.organise.Organising;
import dev.earshot.extraction.organise.Placement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One call in, its feedback items out: normalise, let the model detect and extract, organise onto
 * the org's boards, and shape {@code FeedbackItem} records with deterministic ids. Pure apart from
 * the model; the Kafka listener and the command line both call it.
 */
public final class ExtractingFeedback {

  /**
   * The items of one call, with what the model used.
   *
   * @param items the call's feedback items, in the model's order
   * @param usage tokens the model read and billed
   * @param titlesRewritten the model's titles that broke a title rule and were written again
   */
  public record Result(List<FeedbackItem> items, FeedbackModel.Usage usage, int titlesRewritten) {

    /** A result none of whose titles was rewritten. */
    public Result(List<FeedbackItem> items, FeedbackModel.Usage usage) {
      this(items, usage, 0);
    }
  }

  private final FeedbackModel model;
  private final Organising organising;
  private final List<FeatureArea> areas;
  private final Clock clock;

  public ExtractingFeedback(
      FeedbackModel model, Organising organising, List<FeatureArea> areas, Clock clock) {
    this.model = model;
    this.organising = organising;
    this.areas = List.copyOf(areas);
    this.clock = clock;
  }

  /**
   * Extraction as the benchmarks and the quality tests run it: onto the default boards ({@link
   * Organising#DEFAULT_BOARDS}, no org's own) with the default feature areas ({@link
   * FeatureAreas#DEFAULTS}), items dated by the system clock.
   *
   * @param model the model that detects and extracts (e.g. {@code OfflineFeedbackModel.create})
   */
  public static ExtractingFeedback onDefaultBoards(FeedbackModel model) {
    return new ExtractingFeedback(
        model,
        new Organising(Organising.DEFAULT_BOARDS, Map.of()),
        FeatureAreas.DEFAULTS,
        Clock.systemUTC());
  }

  public FeedbackModel model() {
    return model;
  }

  public Result extract(Call call) {
    NormalisedCall normalised = NormalisingCall.normalise(call);
    FeedbackModel.Extraction extraction =
        model.extract(normalised, organising.taxonomy(normalised.facts().orgId(), areas));
    FeedbackModel.ModelInfo info = model.info();
    List<String> ids = ItemIds.of(normalised.facts().callId(), extraction.items());
    List<FeedbackItem> items = new ArrayList<>(ids.size());
    for (int i = 0; i < ids.size(); i++) {
      items.add(record(normalised, extraction.items().get(i), ids.get(i), info));
    }
    return new Result(List.copyOf(items), extraction.usage(), extraction.titlesRewritten());
  }

  private FeedbackItem record(
      NormalisedCall call, FoundItem item, String itemId, FeedbackModel.ModelInfo info) {
    CallFacts facts = call.facts();
    Placement placement = organising.place(facts.orgId(), item);
    return FeedbackItem.newBuilder()
        .setItemId(itemId)
        .setOrgId(facts.orgId())
        .setConnectionId(facts.connectionId())
        .setCallId(facts.callId())
        .setCallUrl(facts.url())
        .setCallStartedAt(facts.startedAt())
        .setAuthor(author(item.author(), facts))
        .setAccountId(facts.accountId())
        .setAccountName(facts.accountName())
        .setDealAmount(facts.dealAmount())
        .setDealCurrency(facts.dealCurrency())
        .setKind(FeedbackKind.valueOf(item.kind().name()))
        .setTitle(item.title())
        .setDescription(item.description())
        .setSentiment(dev.earshot.events.Sentiment.valueOf(item.sentiment().name()))
        .setPriority(dev.earshot.events.Priority.valueOf(item.priority().name()))
        .setFeatureArea(item.featureArea())
        .setPainPoints(item.painPoints())
        .setQuotes(
            item.quotes().stream()
                .map(
                    q ->
                        dev.earshot.events.Quote.newBuilder()
                            .setText(q.text())
                            .setStartMs(q.startMs())
                            .setEndMs(q.endMs())
                            .setSpeakerId(q.speakerId())
                            .setSpeakerName(q.speakerName())
                            .build())
                .toList())
        .setBoard(placement.board())
        .setCategory(placement.category())
        .setTags(placement.tags())
        .setMetadata(metadata(facts))
        .setModel(
            ModelProvenance.newBuilder()
                .setProvider(info.provider())
                .setModel(info.model())
                .setVersion(info.version())
                .build())
        .setExtractedAt(clock.instant())
        .build();
  }

  private static Author author(Speaker speaker, CallFacts facts) {
    if (speaker == null) {
      return Author.newBuilder()
          .setName(facts.accountName())
          .setCompany(facts.accountName())
          .build();
    }
    return Author.newBuilder()
        .setName(speaker.name())
        .setEmail(speaker.email())
        .setTitle(speaker.title())
        .setPartyId(speaker.partyId())
        .setCompany(speaker.company() != null ? speaker.company() : facts.accountName())
        .build();
  }

  private static Map<String, String> metadata(CallFacts facts) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("call_id", facts.callId());
    m.put("call_url", facts.url());
    if (facts.title() != null) {
      m.put("call_title", facts.title());
    }
    if (facts.accountName() != null) {
      m.put("account", facts.accountName());
    }
    if (facts.accountId() != null) {
      m.put("account_id", facts.accountId());
    }
    if (facts.dealAmount() != null) {
      m.put("deal_amount", facts.dealAmount().toPlainString());
      m.put("deal_currency", facts.dealCurrency() == null ? "" : facts.dealCurrency());
    }
    return m;
  }
}
