package dev.earshot.extraction.model.llm;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.earshot.extraction.call.NormalisedCall;
import dev.earshot.extraction.call.Speaker;
import dev.earshot.extraction.call.Utterance;
import dev.earshot.extraction.detect.Kind;
import dev.earshot.extraction.extract.FoundItem;
import dev.earshot.extraction.extract.ItemPriority;
import dev.earshot.extraction.extract.ItemQuote;
import dev.earshot.extraction.extract.ItemSentiment;
import dev.earshot.extraction.extract.Titles;
import dev.earshot.extraction.model.Taxonomy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns a model's JSON answer into items: validated against {@link ItemSchema}, quotes resolved
 * from the digest's sentence ids (so every quote is verbatim, with its time and speaker), the
 * author being the customer who said most of the quotes.
 */
final class ModelAnswers {

  private static final JsonMapper json = JsonMapper.builder().build();
  private static final SchemaRegistry schemas =
      SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

  /**
   * Each taxonomy's compiled item schema, compiled once: taxonomies come from configuration (the
   * default and one per configured org), so the map stays as small as that; networknt's compiled
   * schemas are immutable and validate from any thread.
   */
  private static final Map<Taxonomy, Schema> compiled = new ConcurrentHashMap<>();

  /** A valid answer's items, and how many of its titles were rewritten to keep the title rules. */
  record Parsed(List<FoundItem> items, int titlesRewritten) {}

  private ModelAnswers() {}

  /**
   * The answer's items.
   *
   * @throws InvalidModelOutput when the answer breaks the schema or quotes a sentence it was not
   *     given, or an item quotes nothing
   */
  static Parsed parse(JsonNode answer, CallDigest digest, NormalisedCall call, Taxonomy taxonomy) {
    Schema schema =
        compiled.computeIfAbsent(
            taxonomy, t -> schemas.getSchema(json.writeValueAsString(ItemSchema.of(t))));
    InvalidModelOutput.unlessValid(schema, answer, "the schema");
    List<FoundItem> items = new ArrayList<>();
    int rewritten = 0;
    for (JsonNode item : answer.path("items")) {
      List<ItemQuote> quotes = new ArrayList<>();
      Map<Speaker, Integer> speakers = new LinkedHashMap<>();
      for (JsonNode id : item.path("quote_ids")) {
        Utterance u = digest.sentences().get(id.asInt());
        if (u == null) {
          throw new InvalidModelOutput(
              "the answer quotes sentence " + id.asInt() + ", which it was not given");
        }
        quotes.add(
            new ItemQuote(
                u.text(), u.startMs(), u.endMs(), u.speaker().speakerId(), u.speaker().name()));
        speakers.merge(u.speaker(), 1, Integer::sum);
      }
      if (quotes.isEmpty()) {
        throw new InvalidModelOutput("an item of the answer quotes nothing");
      }
      Speaker author =
          speakers.entrySet().stream()
              .max(Map.Entry.comparingByValue())
              .map(Map.Entry::getKey)
              .orElse(null);
      Kind kind = Kind.of(item.path("kind").asString());
      Titles.Checked title =
          Titles.kept(
              item.path("title").asString(), quotes.stream().map(ItemQuote::text).toList(), kind);
      rewritten += title.rewritten() ? 1 : 0;
      items.add(
          new FoundItem(
              kind,
              title.title(),
              item.path("description").asString().strip(),
              ItemSentiment.valueOf(item.path("sentiment").asString().toUpperCase(Locale.ROOT)),
              ItemPriority.valueOf(item.path("priority").asString().toUpperCase(Locale.ROOT)),
              item.path("feature_area").asString(),
              strings(item.path("pain_points")),
              quotes,
              author == null ? call.mainCustomer().orElse(null) : author,
              item.path("board").asString(),
              item.path("category").asString()));
    }
    return new Parsed(items, rewritten);
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asString()));
    return out;
  }
}
