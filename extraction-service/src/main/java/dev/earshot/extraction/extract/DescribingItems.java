package dev.earshot.extraction.extract;

import dev.earshot.embeddings.Vectors;
import dev.earshot.extraction.call.NormalisedCall;
import dev.earshot.extraction.call.Role;
import dev.earshot.extraction.call.Speaker;
import dev.earshot.extraction.call.Utterance;
import dev.earshot.extraction.detect.Kind;
import dev.earshot.text.Descriptions;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Describes a group of feedback sentences as an item: the kind most of its sentences have, a title
 * ({@link TitleWriter}) from its strongest sentences, a description, the customer's own words as
 * quotes, tone, priority, feature area, pain points, and its author — the customer who said most of
 * it, else the call's main customer.
 *
 * <p>The description holds only what the customer said about this item: the strongest sentence and
 * the item's sentences closest to it in meaning (cosine of their embeddings at least {@link
 * #ABOUT_THE_SAME}), at most {@link #MAX_SENTENCES}, in call order; before them, the question they
 * answered — the last question of the internal party's turn just before the first of them, when
 * there is one within {@link #MAX_GAP} sentences.
 */
public final class DescribingItems {

  /** Sentences in a description, the question aside. */
  static final int MAX_SENTENCES = 3;

  /**
   * Cosine similarity (all-MiniLM-L6-v2, unit vectors) from which a sentence of the item is about
   * the same thing as its strongest sentence; the grouping's own thresholds are 0.35 and 0.40.
   */
  static final double ABOUT_THE_SAME = 0.45;

  /** Customer sentences that may stand between a question and the answer described. */
  static final int MAX_GAP = 8;

  private final FeatureAreas areas;

  public DescribingItems(FeatureAreas areas) {
    this.areas = areas;
  }

  public FoundItem describe(ItemGrouping.Group group, NormalisedCall call) {
    List<ItemGrouping.FeedbackSentence> sentences = group.sentences();
    ItemGrouping.FeedbackSentence strongest =
        sentences.stream().max(Comparator.comparingDouble(m -> m.verdict().score())).orElseThrow();
    List<ItemQuote> quotes =
        sentences.stream()
            .map(
                m ->
                    new ItemQuote(
                        m.utterance().text(),
                        m.utterance().startMs(),
                        m.utterance().endMs(),
                        m.utterance().speaker().speakerId(),
                        m.utterance().speaker().name()))
            .toList();
    String said = String.join(" ", quotes.stream().map(ItemQuote::text).toList());
    ItemSentiment sentiment = Sentiments.of(said);
    List<ItemGrouping.FeedbackSentence> about = aboutTheItem(sentences, strongest);
    Optional<String> question = questionAnswered(about.getFirst().utterance(), call);
    Kind kind = kindOf(sentences);
    List<String> byStrength =
        sentences.stream()
            .sorted(
                Comparator.comparingDouble(
                    (ItemGrouping.FeedbackSentence m) -> -m.verdict().score()))
            .map(m -> m.utterance().text())
            .toList();
    return new FoundItem(
        kind,
        TitleWriter.title(byStrength, question.orElse(null), kind),
        description(question, about),
        sentiment,
        Priorities.of(said, sentiment, call.facts().dealAmount()),
        areas.of(group.centroid()),
        PainPoints.of(quotes),
        quotes,
        author(sentences, call),
        null,
        null);
  }

  /** The strongest sentence and those closest to it, at most {@link #MAX_SENTENCES}, in order. */
  static List<ItemGrouping.FeedbackSentence> aboutTheItem(
      List<ItemGrouping.FeedbackSentence> sentences, ItemGrouping.FeedbackSentence strongest) {
    float[] core = strongest.verdict().embedding();
    return sentences.stream()
        .filter(m -> m == strongest || Vectors.dot(core, m.verdict().embedding()) >= ABOUT_THE_SAME)
        .sorted(
            Comparator.comparingDouble(
                (ItemGrouping.FeedbackSentence m) ->
                    m == strongest ? -2.0 : -Vectors.dot(core, m.verdict().embedding())))
        .limit(MAX_SENTENCES)
        .sorted(Comparator.comparingInt(m -> m.utterance().index()))
        .toList();
  }

  /**
   * The last question of the internal turn right before {@code answer} (only the customer's own
   * sentences, at most {@link #MAX_GAP}, may stand between).
   */
  static Optional<String> questionAnswered(Utterance answer, NormalisedCall call) {
    List<Utterance> all = call.utterances();
    int i = answer.index() - 1;
    int gap = 0;
    while (i >= 0 && all.get(i).speaker().isCustomer() && gap <= MAX_GAP) {
      i--;
      gap++;
    }
    if (i < 0 || gap > MAX_GAP || all.get(i).speaker().role() != Role.INTERNAL) {
      return Optional.empty();
    }
    int turn = all.get(i).turn();
    for (; i >= 0 && all.get(i).turn() == turn; i--) {
      String text = all.get(i).text().strip();
      if (text.endsWith("?")) {
        return Optional.of(text);
      }
    }
    return Optional.empty();
  }

  private static String description(
      Optional<String> question, List<ItemGrouping.FeedbackSentence> about) {
    String answer =
        String.join(" ", about.stream().map(m -> m.utterance().text().strip()).toList());
    return Descriptions.of(question, answer);
  }

  private static Kind kindOf(List<ItemGrouping.FeedbackSentence> sentences) {
    Map<Kind, Double> weight = new EnumMap<>(Kind.class);
    for (ItemGrouping.FeedbackSentence m : sentences) {
      weight.merge(m.verdict().kind(), m.verdict().score(), Double::sum);
    }
    return weight.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
  }

  private static Speaker author(
      List<ItemGrouping.FeedbackSentence> sentences, NormalisedCall call) {
    Map<Speaker, Integer> said = new java.util.LinkedHashMap<>();
    for (ItemGrouping.FeedbackSentence m : sentences) {
      if (m.utterance().speaker().isCustomer()) {
        said.merge(m.utterance().speaker(), 1, Integer::sum);
      }
    }
    return said.entrySet().stream()
        .max(Map.Entry.comparingByValue())
        .map(Map.Entry::getKey)
        .orElseGet(() -> call.mainCustomer().orElse(null));
  }
}
