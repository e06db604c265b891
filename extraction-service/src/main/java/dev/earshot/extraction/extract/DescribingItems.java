package dev.earshot.extraction.extract;

import dev.earshot.extraction.call.NormalisedCall;
import dev.earshot.extraction.call.Speaker;
import dev.earshot.extraction.detect.Kind;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Describes a group of feedback sentences as an item: the kind most of its sentences have, a title
 * from its strongest sentence, the customer's own words as description and quotes, tone, priority,
 * feature area, pain points, and its author — the customer who said most of it, else the call's
 * main customer.
 */
public final class DescribingItems {

  private final FeatureAreas areas;

  public DescribingItems(FeatureAreas areas) {
    this.areas = areas;
  }

  public FoundItem describe(ItemGrouping.Group group, NormalisedCall call) {
    List<ItemGrouping.Mention> mentions = group.mentions();
    ItemGrouping.Mention strongest =
        mentions.stream().max(Comparator.comparingDouble(m -> m.verdict().score())).orElseThrow();
    List<Quote> quotes =
        mentions.stream()
            .map(
                m ->
                    new Quote(
                        m.utterance().text(),
                        m.utterance().startMs(),
                        m.utterance().endMs(),
                        m.utterance().speaker().speakerId(),
                        m.utterance().speaker().name()))
            .toList();
    String said = String.join(" ", quotes.stream().map(Quote::text).toList());
    Sentiment sentiment = Sentiments.of(said);
    return new FoundItem(
        kindOf(mentions),
        TitleWriter.title(strongest.utterance().text()),
        said,
        sentiment,
        Priorities.of(said, sentiment, call.facts().dealAmount()),
        areas.of(group.centroid()),
        PainPoints.of(quotes),
        quotes,
        author(mentions, call),
        null,
        null);
  }

  private static Kind kindOf(List<ItemGrouping.Mention> mentions) {
    Map<Kind, Double> weight = new EnumMap<>(Kind.class);
    for (ItemGrouping.Mention m : mentions) {
      weight.merge(m.verdict().kind(), m.verdict().score(), Double::sum);
    }
    return weight.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
  }

  private static Speaker author(List<ItemGrouping.Mention> mentions, NormalisedCall call) {
    Map<Speaker, Integer> said = new java.util.LinkedHashMap<>();
    for (ItemGrouping.Mention m : mentions) {
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
