package dev.earshot.extraction.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.earshot.embeddings.MiniLmEmbeddingModel;
import dev.earshot.extraction.call.CallFacts;
import dev.earshot.extraction.call.NormalisedCall;
import dev.earshot.extraction.call.Role;
import dev.earshot.extraction.call.Speaker;
import dev.earshot.extraction.call.Utterance;
import dev.earshot.extraction.detect.ConversationModel;
import dev.earshot.extraction.extract.FeatureAreas;
import dev.earshot.extraction.extract.FoundItem;
import dev.earshot.extraction.extract.ItemGrouping;
import dev.earshot.extraction.extract.ItemModel;
import dev.earshot.extraction.extract.ItemQuote;
import dev.earshot.extraction.organise.Organising;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The offline model on a moderated conversation: reading the screen aloud and agreeing with the
 * interviewer are not feedback, the customer's own problem is, and one answer is one item.
 */
class OfflineFeedbackModelTest {

  private static final Speaker REP =
      new Speaker("r", "p1", "Dana", null, null, Role.INTERNAL, null);
  private static final Speaker ANA =
      new Speaker("a", "p2", "Ana", null, null, Role.CUSTOMER, "Acme");

  static OfflineFeedbackModel model;

  @BeforeAll
  static void build() {
    model = OfflineFeedbackModel.create(new MiniLmEmbeddingModel(), FeatureAreas.DEFAULTS);
  }

  private static NormalisedCall call(Object... speakerThenText) {
    List<Utterance> utterances = new ArrayList<>();
    int turn = -1;
    Speaker last = null;
    for (int i = 0; i < speakerThenText.length; i += 2) {
      Speaker who = (Speaker) speakerThenText[i];
      turn += who.equals(last) ? 0 : 1;
      last = who;
      long at = utterances.size() * 5_000L;
      utterances.add(
          new Utterance(
              utterances.size(), turn, who, (String) speakerThenText[i + 1], at, at + 4_000));
    }
    return new NormalisedCall(
        new CallFacts("c1", "org", "conn", "https://x", null, null, null, null, null, null, null),
        Map.of(REP.speakerId(), REP, ANA.speakerId(), ANA),
        utterances);
  }

  private static List<String> quoted(List<FoundItem> items) {
    return items.stream().flatMap(i -> i.quotes().stream()).map(ItemQuote::text).toList();
  }

  private List<FoundItem> extract(NormalisedCall call) {
    return model
        .extract(
            call,
            new Organising(Organising.DEFAULT_BOARDS, Map.of())
                .taxonomy("org", FeatureAreas.DEFAULTS))
        .items();
  }

  @Test
  void narrationAndAgreementAreNotFeedbackButTheCustomersOwnProblemIs() {
    List<FoundItem> items =
        extract(
            call(
                REP, "Do you see the section about uploading your documents?",
                ANA, "Yeah, yeah.",
                ANA, "Okay, so I'm clicking on the link that says check your claim status.",
                REP, "Was anything on this page confusing or hard to use?",
                ANA,
                    "I couldn't find the upload button at first, it is hidden at the very bottom of the page.",
                ANA, "And the error message didn't tell me why my file was rejected."));

    assertThat(quoted(items))
        .doesNotContain(
            "Yeah, yeah.", "Okay, so I'm clicking on the link that says check your claim status.")
        .contains("And the error message didn't tell me why my file was rejected.");
    assertThat(items).hasSize(1);
  }

  @Test
  void theInterviewersWordsAreNeverQuoted() {
    List<FoundItem> items =
        extract(
            call(
                REP, "A lot of people tell us the export is broken and the search is slow.",
                REP, "Would you want a dark mode?",
                ANA, "Sure."));

    assertThat(items).isEmpty();
  }

  @Test
  void aWrittenTextIsDecidedAtTheTextOperatingPointAndACallAtTheCallOne() {
    ConversationModel strictCalls =
        ConversationModel.builtIn()
            .withThresholds(1.01, 100, 1.01)
            .withTextThresholds(new ConversationModel.OperatingPoint(0.0, 0, 0));
    OfflineFeedbackModel split =
        OfflineFeedbackModel.create(
            new MiniLmEmbeddingModel(),
            FeatureAreas.DEFAULTS,
            dev.earshot.extraction.extract.ItemGrouping.defaults(),
            strictCalls);
    String request = "We really need a way to export the monthly report as a spreadsheet.";
    var taxonomy =
        new Organising(Organising.DEFAULT_BOARDS, Map.of()).taxonomy("org", FeatureAreas.DEFAULTS);

    assertThat(split.extract(call(ANA, request), taxonomy).items()).isNotEmpty();
    assertThat(
            split
                .extract(call(REP, "Anything else you would change?", ANA, request), taxonomy)
                .items())
        .isEmpty();
  }

  @Test
  void theItemStageDecidesWhichCandidateItemsOfACallAreReportedButNotOfAText() {
    ItemModel never = ItemModel.builtIn().withThreshold(1.01);
    ItemModel always = ItemModel.builtIn().withThreshold(0.0);
    String problem =
        "I couldn't find the upload button at first, it is hidden at the very bottom of the page.";
    NormalisedCall asked = call(REP, "Was anything on this page hard to use?", ANA, problem);
    NormalisedCall written = call(ANA, problem);
    var taxonomy =
        new Organising(Organising.DEFAULT_BOARDS, Map.of()).taxonomy("org", FeatureAreas.DEFAULTS);

    assertThat(with(never).extract(asked, taxonomy).items()).isEmpty();
    assertThat(with(always).extract(asked, taxonomy).items()).hasSize(1);
    assertThat(with(never).extract(written, taxonomy).items()).hasSize(1);
    assertThat(model.extract(asked, taxonomy).items()).hasSize(1);
    assertThat(model.info().version()).isEqualTo("offline-7");
  }

  private static OfflineFeedbackModel with(ItemModel items) {
    return OfflineFeedbackModel.create(
        new MiniLmEmbeddingModel(),
        FeatureAreas.DEFAULTS,
        ItemGrouping.defaults(),
        ConversationModel.builtIn(),
        items);
  }
}
