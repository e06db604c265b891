package dev.earshot.extraction.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.earshot.embeddings.MiniLmEmbeddingModel;
import dev.earshot.events.Call;
import dev.earshot.events.FeedbackItem;
import dev.earshot.events.GongContent;
import dev.earshot.extraction.call.NormalisedCall;
import dev.earshot.extraction.detect.Kind;
import dev.earshot.extraction.extract.FeatureAreas;
import dev.earshot.extraction.extract.FoundItem;
import dev.earshot.extraction.extract.ItemPriority;
import dev.earshot.extraction.extract.ItemQuote;
import dev.earshot.extraction.extract.ItemSentiment;
import dev.earshot.extraction.model.FeedbackModel;
import dev.earshot.extraction.model.OfflineFeedbackModel;
import dev.earshot.extraction.model.Taxonomy;
import dev.earshot.extraction.organise.Organising;
import dev.earshot.gong.simulator.corpus.Corpus;
import dev.earshot.gong.simulator.corpus.CorpusCall;
import dev.earshot.testing.eval.CorpusCalls;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The offline pipeline on simulated calls: what an item carries, and that ids are stable. */
class ExtractingFeedbackTest {

  static ExtractingFeedback extracting;
  static List<CorpusCall> calls;

  @BeforeAll
  static void build() {
    extracting =
        new ExtractingFeedback(
            OfflineFeedbackModel.create(new MiniLmEmbeddingModel(), FeatureAreas.DEFAULTS),
            new Organising(Organising.DEFAULT_BOARDS, Map.of()),
            FeatureAreas.DEFAULTS,
            Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC));
    calls = Corpus.generate(3, 40, Instant.parse("2026-11-01T00:00:00Z")).calls();
  }

  @Test
  void anItemCarriesItsCallAuthorQuotesPlacementAndProvenance() {
    // The first call with planted feedback that the model finds (its item recall is ~0.92, so a
    // given call may be missed; recall is measured by bench extraction, not here).
    CorpusCall source =
        calls.stream()
            .filter(c -> !c.planted().isEmpty())
            .filter(c -> !extracting.extract(CorpusCalls.toCall(c, "org-1")).items().isEmpty())
            .findFirst()
            .orElseThrow();
    Call call = CorpusCalls.toCall(source, "org-1");

    List<FeedbackItem> items = extracting.extract(call).items();

    assertThat(items).isNotEmpty();
    FeedbackItem item = items.getFirst();
    assertThat(item.getOrgId()).isEqualTo("org-1");
    assertThat(item.getCallId()).isEqualTo(source.id());
    assertThat(item.getCallUrl()).isEqualTo(call.getUrl());
    assertThat(item.getTitle()).isNotBlank();
    assertThat(item.getQuotes()).isNotEmpty();
    assertThat(item.getQuotes().getFirst().getEndMs())
        .isGreaterThan(item.getQuotes().getFirst().getStartMs());
    assertThat(source.externals())
        .extracting(p -> p.person().email())
        .contains(item.getAuthor().getEmail());
    assertThat(item.getAuthor().getCompany()).isEqualTo(source.company().name());
    assertThat(item.getBoard()).isEqualTo("Product feedback");
    assertThat(item.getTags()).contains("source: gong", "source_type: integration");
    assertThat(item.getMetadata())
        .containsEntry("call_url", call.getUrl())
        .containsEntry("call_id", source.id())
        .containsEntry("account", source.company().name())
        .containsKey("deal_amount");
    assertThat(item.getDealAmount()).isEqualByComparingTo(call.getCrm().getDealAmount());
    assertThat(item.getModel().getProvider()).isEqualTo("offline");
  }

  @Test
  void extractingTheSameCallAgainGivesTheSameItemIds() {
    CorpusCall source =
        calls.stream().filter(c -> c.planted().size() > 1).findFirst().orElseThrow();
    Call call = CorpusCalls.toCall(source, "org-1");

    List<String> first =
        extracting.extract(call).items().stream().map(FeedbackItem::getItemId).toList();
    List<String> again =
        extracting.extract(call).items().stream().map(FeedbackItem::getItemId).toList();

    assertThat(first).isNotEmpty().doesNotHaveDuplicates().isEqualTo(again);
  }

  @Test
  void aCallRepublishedLaterWithGongsBriefGivesTheSameItems() {
    // ingest-service republishes a call under the same key once Gong's brief exists (issue 17):
    // item ids come from the call id and each item's first quote, never from Gong's content, so
    // dedup (which ignores an item id it already placed) adds nothing
    CorpusCall source =
        calls.stream().filter(c -> c.planted().size() > 1).findFirst().orElseThrow();
    Call published = CorpusCalls.toCall(source, "org-1");
    Call republished = CorpusCalls.toCall(source, "org-1");
    republished.put(
        "content",
        GongContent.newBuilder()
            .setBrief(source.company().name() + " reviewed their usage.")
            .setKeyPoints(List.of())
            .setOutline(List.of())
            .setHighlights(List.of())
            .setTopics(List.of())
            .setActionItems(List.of())
            .build());
    republished.put("fetchedAt", published.getFetchedAt().plusSeconds(6 * 3_600));

    List<FeedbackItem> first = extracting.extract(published).items();
    List<FeedbackItem> again = extracting.extract(republished).items();

    assertThat(first).isNotEmpty();
    assertThat(again)
        .extracting(FeedbackItem::getItemId)
        .isEqualTo(first.stream().map(FeedbackItem::getItemId).toList());
    assertThat(again)
        .extracting(FeedbackItem::getTitle)
        .isEqualTo(first.stream().map(FeedbackItem::getTitle).toList());
  }

  @Test
  void twoItemsAModelStartsOnOneSentenceGetDistinctIdsTheFirstKeepingItsOwn() {
    // given a model (a language model may) making two requests of one sentence: both items' first
    // quote is the same, one of them quotes a later sentence too
    ItemQuote shared =
        new ItemQuote(
            "We need Okta SSO and the export keeps timing out.", 61_000, 64_000, "s1", "Ann");
    ItemQuote later =
        new ItemQuote("The CSV export fails past 10k rows.", 90_000, 93_000, "s1", "Ann");
    FoundItem sso = found(Kind.FEATURE_REQUEST, "Okta single sign-on", List.of(shared));
    FoundItem export = found(Kind.BUG, "Export times out", List.of(shared, later));
    Call call = CorpusCalls.toCall(calls.getFirst(), "org-1");
    // when the call is extracted, twice, and with the first item alone
    List<String> ids = idsOf(call, List.of(sso, export));
    // then the ids differ (dedup would drop the second as a redelivery), are the same again, and
    // the first is the id an item alone on that sentence has always had
    assertThat(ids).hasSize(2).doesNotHaveDuplicates();
    assertThat(idsOf(call, List.of(sso, export))).isEqualTo(ids);
    assertThat(idsOf(call, List.of(sso))).containsExactly(ids.getFirst());
  }

  private static FoundItem found(Kind kind, String title, List<ItemQuote> quotes) {
    return new FoundItem(
        kind,
        title,
        title,
        ItemSentiment.NEUTRAL,
        ItemPriority.HIGH,
        "Security",
        List.of(),
        quotes,
        null,
        null,
        null);
  }

  /** The item ids of {@code call} when the model finds exactly {@code found}. */
  private static List<String> idsOf(Call call, List<FoundItem> found) {
    FeedbackModel fixed =
        new FeedbackModel() {
          @Override
          public ModelInfo info() {
            return new ModelInfo("openai", "gpt-4o-mini", "prompt-2");
          }

          @Override
          public Extraction extract(NormalisedCall normalised, Taxonomy taxonomy) {
            return new Extraction(found, Usage.none(0));
          }

          @Override
          public Duration longestCall() {
            return Duration.ofSeconds(1);
          }
        };
    return new ExtractingFeedback(
            fixed,
            new Organising(Organising.DEFAULT_BOARDS, Map.of()),
            FeatureAreas.DEFAULTS,
            Clock.systemUTC())
        .extract(call).items().stream().map(FeedbackItem::getItemId).toList();
  }

  @Test
  void aPureSalesCallYieldsNoItem() {
    CorpusCall sales = calls.stream().filter(c -> c.planted().isEmpty()).findFirst().orElseThrow();

    assertThat(extracting.extract(CorpusCalls.toCall(sales, "org-1")).items()).isEmpty();
  }

  @Test
  void textIsDetectedThroughTheSameModel() {
    DetectingFeedback detecting =
        new DetectingFeedback(
            extracting.model(),
            new Organising(Organising.DEFAULT_BOARDS, Map.of()),
            FeatureAreas.DEFAULTS);

    var yes =
        detecting.detect("Great app. But it logs me out every hour, which is really annoying.");
    var no = detecting.detect("Lovely app, simple and quick.");

    assertThat(yes.feedback()).isTrue();
    assertThat(yes.score()).isGreaterThan(no.score());
    assertThat(no.feedback()).isFalse();
  }
}
