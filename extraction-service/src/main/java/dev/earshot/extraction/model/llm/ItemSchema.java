package dev.earshot.extraction.model.llm;

import dev.earshot.extraction.detect.Kind;
import dev.earshot.extraction.extract.ItemPriority;
import dev.earshot.extraction.extract.ItemSentiment;
import dev.earshot.extraction.model.Taxonomy;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The JSON Schema (2020-12) of a model's answer, built per org so boards, categories and areas are
 * enumerations; every property required and no others, as OpenAI's strict structured outputs
 * require. The same schema validates the answer before it is used.
 */
public final class ItemSchema {

  private ItemSchema() {}

  public static Map<String, Object> of(Taxonomy taxonomy) {
    Map<String, Object> item = new LinkedHashMap<>();
    item.put("type", "object");
    item.put("additionalProperties", false);
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("kind", enumOf(Kind.feedback().stream().map(Kind::label).toList()));
    p.put(
        "title",
        Map.of(
            "type", "string", "description", "short imperative or noun phrase, at most 10 words"));
    p.put(
        "description",
        Map.of(
            "type",
            "string",
            "description",
            "what the customer wants or hit, in one to three sentences"));
    p.put("sentiment", enumOf(labels(ItemSentiment.values())));
    p.put("priority", enumOf(labels(ItemPriority.values())));
    p.put("feature_area", enumOf(taxonomy.areas().stream().map(a -> a.name()).toList()));
    p.put("pain_points", Map.of("type", "array", "items", Map.of("type", "string")));
    p.put(
        "quote_ids",
        Map.of(
            "type", "array",
            "items", Map.of("type", "integer"),
            "description", "ids of the customer sentences that voice this item"));
    p.put("board", enumOf(taxonomy.boards()));
    p.put("category", enumOf(taxonomy.categories()));
    item.put("properties", p);
    item.put("required", List.copyOf(p.keySet()));
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("type", "object");
    root.put("additionalProperties", false);
    root.put("properties", Map.of("items", Map.of("type", "array", "items", item)));
    root.put("required", List.of("items"));
    return root;
  }

  /** An enum's constants as the answer spells them: lower case, in declaration order. */
  private static List<String> labels(Enum<?>[] constants) {
    return Arrays.stream(constants).map(c -> c.name().toLowerCase(Locale.ROOT)).toList();
  }

  private static Map<String, Object> enumOf(List<String> values) {
    return Map.of("type", "string", "enum", values);
  }
}
