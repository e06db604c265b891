package dev.earshot.extraction.model;

import dev.earshot.embeddings.EmbeddingModel;
import dev.earshot.extraction.call.NormalisedCall;
import dev.earshot.extraction.call.Utterance;
import dev.earshot.extraction.detect.ConversationModel;
import dev.earshot.extraction.detect.Exemplar;
import dev.earshot.extraction.detect.Genre;
import dev.earshot.extraction.detect.SentenceClassifier;
import dev.earshot.extraction.detect.TurnContext;
import dev.earshot.extraction.extract.DescribingItems;
import dev.earshot.extraction.extract.FeatureArea;
import dev.earshot.extraction.extract.FeatureAreas;
import dev.earshot.extraction.extract.FoundItem;
import dev.earshot.extraction.extract.ItemFeatures;
import dev.earshot.extraction.extract.ItemGrouping;
import dev.earshot.extraction.extract.ItemModel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The offline default: no network, no account. Classifies every customer sentence, groups the
 * feedback sentences into distinct items and describes each. Boards and categories are left to the
 * org's rules.
 */
public final class OfflineFeedbackModel implements FeedbackModel {

  /**
   * The version items carry. offline-7 (2026-12-02): offline-6's items; a title no longer turns an
   * adjective that governs an infinitive into an attribute ("is able to see" would give "Able VA");
   * offline-6: the item stage reads each candidate against its call's other candidates.
   */
  public static final String VERSION = "offline-7";

  /**
   * An allowance, not a measured worst case: 25–35 minute calls take ~60 ms on 2 cores ({@code
   * ./earshot bench extraction}, 34.9 calls/s on 2 threads), so a 3-hour call well under a second;
   * the rest covers GC pauses and a CPU shared with other work.
   */
  static final Duration LONGEST_CALL = Duration.ofSeconds(10);

  private final SentenceClassifier classifier;
  private final ConversationModel conversation;
  private final ItemModel items;
  private final ItemGrouping grouping;
  private final DescribingItems describing;
  private final String embeddingModel;

  /**
   * @param conversation the conversation stage (its sentence threshold and the least weight of an
   *     item), or null to keep every group the exemplar model finds
   */
  public OfflineFeedbackModel(
      SentenceClassifier classifier,
      ConversationModel conversation,
      ItemGrouping grouping,
      DescribingItems describing,
      String embeddingModel) {
    this(classifier, conversation, null, grouping, describing, embeddingModel);
  }

  /**
   * @param conversation the conversation stage, or null to keep every group the exemplar model
   *     finds
   * @param items the item stage that decides which candidate items of a conversation are reported
   *     ({@link ItemModel}), or null to decide by the conversation stage's item-weight and
   *     strong-sentence thresholds; written texts are always decided by those
   */
  public OfflineFeedbackModel(
      SentenceClassifier classifier,
      ConversationModel conversation,
      ItemModel items,
      ItemGrouping grouping,
      DescribingItems describing,
      String embeddingModel) {
    this.classifier = classifier.withConversation(conversation);
    this.conversation = conversation;
    this.items = items;
    this.grouping = grouping;
    this.describing = describing;
    this.embeddingModel = embeddingModel;
  }

  /** The default offline model: built-in exemplars, default settings, these feature areas. */
  public static OfflineFeedbackModel create(EmbeddingModel embeddings, List<FeatureArea> areas) {
    return create(embeddings, areas, ItemGrouping.defaults());
  }

  public static OfflineFeedbackModel create(
      EmbeddingModel embeddings, List<FeatureArea> areas, ItemGrouping grouping) {
    return create(embeddings, areas, grouping, ConversationModel.builtIn(), ItemModel.builtIn());
  }

  /**
   * An offline model with these conversation weights ({@code null}: decide by the exemplar model
   * alone, as version offline-1 did).
   */
  public static OfflineFeedbackModel create(
      EmbeddingModel embeddings,
      List<FeatureArea> areas,
      ItemGrouping grouping,
      ConversationModel conversation) {
    return create(embeddings, areas, grouping, conversation, null);
  }

  /**
   * An offline model with these conversation weights and this item stage ({@code null}: decide
   * items by the conversation stage's thresholds, as version offline-3 did).
   */
  public static OfflineFeedbackModel create(
      EmbeddingModel embeddings,
      List<FeatureArea> areas,
      ItemGrouping grouping,
      ConversationModel conversation,
      ItemModel items) {
    return new OfflineFeedbackModel(
        SentenceClassifier.train(
            Exemplar.builtIn(), embeddings, SentenceClassifier.Settings.defaults()),
        conversation,
        items,
        grouping,
        new DescribingItems(new FeatureAreas(areas, embeddings)),
        embeddings.name());
  }

  /** The detector's score for a text: the highest of its sentences'. */
  @Override
  public java.util.OptionalDouble score(List<String> sentences) {
    return classifier.classify(sentences).stream()
        .mapToDouble(SentenceClassifier.Verdict::score)
        .max();
  }

  @Override
  public Duration longestCall() {
    return LONGEST_CALL;
  }

  @Override
  public ModelInfo info() {
    return new ModelInfo("offline", embeddingModel + "+exemplars", VERSION);
  }

  @Override
  public Extraction extract(NormalisedCall call, Taxonomy taxonomy) {
    List<Utterance> customer = call.customerUtterances();
    Genre genre = Genre.of(call.utterances());
    List<SentenceClassifier.Verdict> verdicts =
        classifier.classify(
            customer.stream().map(Utterance::text).toList(),
            TurnContext.ofCustomers(call.utterances()),
            genre);
    List<ItemGrouping.FeedbackSentence> feedback = new ArrayList<>();
    for (int i = 0; i < customer.size(); i++) {
      if (verdicts.get(i).feedback()) {
        feedback.add(new ItemGrouping.FeedbackSentence(customer.get(i), verdicts.get(i)));
      }
    }
    List<ItemGrouping.Group> groups = grouping.group(feedback, call.utterances());
    List<double[]> features =
        conversation != null && items != null && genre == Genre.CONVERSATION
            ? ItemFeatures.of(call.utterances()).features(groups)
            : null;
    List<FoundItem> found = new ArrayList<>();
    for (int k = 0; k < groups.size(); k++) {
      ItemGrouping.Group g = groups.get(k);
      if (conversation == null
          || (features != null
              ? items.isItem(features.get(k))
              : conversation.at(genre).isItem(g.weight(), g.strongest()))) {
        found.add(describing.describe(g, call));
      }
    }
    return new Extraction(found, Usage.none(Tokens.of(call)));
  }
}
